import { SequenceSpace } from "./sequence-space.js";

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
   * Runs of bytes seen above the first hole, [start, end) by relative sequence number, in order,
   * disjoint, never touching. Made when data first arrives above a hole; most connections never
   * have one.
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
      (this.above ??= new BlockRun()).add(start, end);
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
    while (above !== undefined && !above.isEmpty && above.firstStart < upTo) {
      gaps++;
      this.delivered = above.firstStart;
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
    while (!above.isEmpty && above.firstStart <= this.delivered) {
      this.delivered = Math.max(this.delivered, above.firstEnd);
      above.dropFirst();
    }
  }
}

/** Taken blocks at the front are dropped once there are this many and they are half the array. */
const COMPACT_AFTER = 1024;

/** Where a block's start and end sit in BlockRun's array: block k's are at 2k and 2k + 1. */
const START = 0;
const END = 1;

/**
 * The blocks above the hole, sorted, disjoint and never touching, each as its start and end in
 * one array of numbers (no object per block). Blocks leave from the front as the hole fills,
 * which moves an index rather than the array (a splice per delivered block made holes filled one
 * by one take time quadratic in their number); new blocks are found their place by binary search
 * and merged with those they overlap or touch.
 */
class BlockRun {
  private bounds: number[] = [];
  /** The first block still kept (taken ones before it are dropped in bulk, see compact). */
  private head = 0;

  get isEmpty(): boolean {
    return this.head === this.count;
  }

  get firstStart(): number {
    return this.bounds[2 * this.head + START]!;
  }

  get firstEnd(): number {
    return this.bounds[2 * this.head + END]!;
  }

  dropFirst(): void {
    this.head++;
    this.compact();
  }

  /** Drop the blocks that end at or below `upTo`; nothing is searched for when none are kept, as on nearly every ACK. */
  dropEndingBy(upTo: number): void {
    if (this.isEmpty) return;
    this.head = this.firstAbove(END, upTo);
    this.compact();
  }

  /** Adds [start, end), merged with the blocks it overlaps or touches: one search and at most one splice. */
  add(start: number, end: number): void {
    const bounds = this.bounds;
    // Positions are whole numbers: ending above start - 1 is ending at or after start.
    const from = this.firstAbove(END, start - 1);
    const to = this.firstAbove(START, end);
    if (from < to) {
      bounds[2 * from + START] = Math.min(start, bounds[2 * from + START]!);
      bounds[2 * from + END] = Math.max(end, bounds[2 * (to - 1) + END]!);
      if (to - from > 1) bounds.splice(2 * (from + 1), 2 * (to - from - 1));
    } else if (from === this.head && this.head > 0) {
      this.head--;
      bounds[2 * this.head + START] = start;
      bounds[2 * this.head + END] = end;
    } else {
      bounds.splice(2 * from, 0, start, end);
    }
  }

  private get count(): number {
    return this.bounds.length >>> 1;
  }

  /** The first kept block whose start (START) or end (END) is above `value` (binary search: both increase along the run). */
  private firstAbove(bound: typeof START | typeof END, value: number): number {
    const bounds = this.bounds;
    let low = this.head;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (bounds[2 * middle + bound]! > value) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private compact(): void {
    if (this.isEmpty) {
      this.bounds.length = 0;
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && this.head * 2 > this.count) {
      this.bounds.splice(0, 2 * this.head);
      this.head = 0;
    }
  }
}
