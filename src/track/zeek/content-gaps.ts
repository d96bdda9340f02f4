import { SequenceSpace } from "./sequence-space.js";

/** A run of an endpoint's bytes seen above a hole, by relative sequence number: [start, end). */
interface Block {
  start: number;
  end: number;
}

/**
 * Zeek's TCP_Reassembler as far as the history's G goes: which of an endpoint's bytes were seen,
 * and which acknowledgments cover bytes that never were (a content gap). Zeek reassembles from the
 * first packet by default (dpd_reassemble_first_packets), so every connection has one per side.
 * Only positions are kept, never the bytes. It extends the endpoint's sequence space, and the
 * endpoint extends it in turn, so that each side of a connection is one object.
 */
export class ContentGaps extends SequenceSpace {
  /** last_reassem_seq: every byte below it was seen (or given up as a gap); 1 is just past the SYN. */
  private delivered = 1;
  /** trim_seq: acknowledgments have released everything below it. */
  private trimmed = 1;
  /**
   * Bytes seen above the first hole, in order, disjoint, never touching: starts and ends both
   * increase. Made when data first arrives above a hole; most connections never have one.
   */
  private above: BlockRun | undefined = undefined;

  /**
   * TCP_Reassembler::DataSent, NewBlock and BlockInserted: bytes [seq, seq + len) were seen.
   * What the peer already acknowledged (ackedUpTo) or released is old and ignored.
   */
  dataSent(seq: number, len: number, ackedUpTo: number): void {
    const start = Math.max(seq, ackedUpTo, this.trimmed);
    const end = seq + len;
    if (end <= start || end <= this.delivered) return;
    if (start <= this.delivered) {
      this.delivered = end;
      this.deliverContiguous();
    } else {
      (this.above ??= new BlockRun()).add({ start, end });
    }
  }

  /**
   * TCP_Reassembler::AckReceived and the trimming it starts: the peer acknowledged up to ack.
   * Every hole below it is a gap; returns how many (Zeek's Gap is called once per hole). An ack
   * of the FIN counts only up to the bytes before the FIN; in a partial connection the first two
   * sequence numbers are not reported missing (TCP_Reassembler::Undelivered).
   */
  ackReceived(ack: number, finEnd: number | undefined, partial: boolean): number {
    const upTo = finEnd !== undefined && ack >= finEnd ? finEnd - 1 : ack;
    if (upTo <= this.trimmed) return 0;
    const gaps = upTo > this.delivered && !(upTo <= 2 && partial) ? this.giveUpBelow(upTo) : 0;
    this.above?.dropEndingBy(upTo);
    this.trimmed = upTo;
    return gaps;
  }

  /** TCP_Reassembler::Undelivered: skip each hole below upTo, delivering what lies between; returns the holes skipped. */
  private giveUpBelow(upTo: number): number {
    const above = this.above;
    let gaps = 0;
    for (let next = above?.first; next !== undefined && next.start < upTo; next = above?.first) {
      gaps++;
      this.delivered = next.start;
      this.deliverContiguous();
    }
    if (upTo > this.delivered) {
      gaps++;
      this.delivered = upTo;
    }
    return gaps;
  }

  /** Bytes kept above the hole that now continue from the delivered point are delivered too. */
  private deliverContiguous(): void {
    const above = this.above;
    if (above === undefined) return;
    for (let next = above.first; next !== undefined && next.start <= this.delivered; next = above.first) {
      this.delivered = Math.max(this.delivered, next.end);
      above.dropFirst();
    }
  }
}

/** Taken blocks at the front are dropped once there are this many and they are half the array. */
const COMPACT_AFTER = 1024;

/**
 * The blocks above the hole, sorted, disjoint and never touching. Blocks leave from the front as
 * the hole fills, which moves an index rather than the array (a splice per delivered block made
 * holes filled one by one take time quadratic in their number); new blocks are found their place
 * by binary search and merged with those they overlap or touch.
 */
class BlockRun {
  private blocks: Block[] = [];
  private head = 0;

  get first(): Block | undefined {
    return this.blocks[this.head];
  }

  dropFirst(): void {
    this.head++;
    this.compact();
  }

  /** Drop the blocks that end at or below `upTo`; nothing is searched for when none are kept, as on nearly every ACK. */
  dropEndingBy(upTo: number): void {
    if (this.head === this.blocks.length) return;
    this.head = this.firstIndex((kept) => kept.end > upTo);
    this.compact();
  }

  /** Adds the block, merged with those it overlaps or touches: one search and at most one splice. */
  add(block: Block): void {
    const blocks = this.blocks;
    const from = this.firstIndex((kept) => kept.end >= block.start);
    const to = this.firstIndex((kept) => kept.start > block.end);
    if (from < to) {
      blocks[from] = {
        start: Math.min(block.start, blocks[from]!.start),
        end: Math.max(block.end, blocks[to - 1]!.end),
      };
      if (to - from > 1) blocks.splice(from + 1, to - from - 1);
    } else if (from === this.head && this.head > 0) {
      blocks[--this.head] = block;
    } else {
      blocks.splice(from, 0, block);
    }
  }

  /** The first index whose block passes `test`, for a test that fails and then passes along the blocks (binary search). */
  private firstIndex(test: (block: Block) => boolean): number {
    const blocks = this.blocks;
    let low = this.head;
    let high = blocks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (test(blocks[middle]!)) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private compact(): void {
    if (this.head === this.blocks.length) {
      this.blocks.length = 0;
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && this.head * 2 > this.blocks.length) {
      this.blocks.splice(0, this.head);
      this.head = 0;
    }
  }
}
