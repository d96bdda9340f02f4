/** A run of an endpoint's bytes seen above a hole, by relative sequence number: [start, end). */
interface Block {
  start: number;
  end: number;
}

/**
 * Zeek's TCP_Reassembler as far as the history's G goes: which of an endpoint's bytes were seen,
 * and which acknowledgments cover bytes that never were (a content gap). Zeek reassembles from the
 * first packet by default (dpd_reassemble_first_packets), so every connection has one per side.
 * Only positions are kept, never the bytes.
 */
export class ContentGaps {
  /** last_reassem_seq: every byte below it was seen (or given up as a gap); 1 is just past the SYN. */
  private delivered = 1;
  /** trim_seq: acknowledgments have released everything below it. */
  private trimmed = 1;
  /** Bytes seen above the first hole, in order, disjoint, never touching: starts and ends both increase. */
  private above: Block[] = [];

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
      this.keepAbove({ start, end });
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
    // Nearly every ACK finds nothing kept above the hole: no search, and no test made for one.
    if (this.above.length > 0) dropFront(this.above, firstIndex(this.above, (block) => block.end > upTo));
    this.trimmed = upTo;
    return gaps;
  }

  /** TCP_Reassembler::Undelivered: skip each hole below upTo, delivering what lies between; returns the holes skipped. */
  private giveUpBelow(upTo: number): number {
    let gaps = 0;
    for (let next = this.above[0]; next !== undefined && next.start < upTo; next = this.above[0]) {
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
    let reached = 0;
    for (const block of this.above) {
      if (block.start > this.delivered) break;
      this.delivered = Math.max(this.delivered, block.end);
      reached++;
    }
    dropFront(this.above, reached);
  }

  /**
   * Adds the block, merged with those it overlaps or touches. One search and one splice per block:
   * sorting every block kept for each new one made a capture of unacknowledged segments arriving
   * out of order take time quadratic in its length (a minute for 20000 segments).
   */
  private keepAbove(block: Block): void {
    const from = firstIndex(this.above, (kept) => kept.end >= block.start);
    const to = firstIndex(this.above, (kept) => kept.start > block.end);
    const merged = { start: Math.min(block.start, this.above[from]?.start ?? block.start), end: Math.max(block.end, this.above[to - 1]?.end ?? block.end) };
    this.above.splice(from, to - from, from < to ? merged : block);
  }
}

/** The first index whose block passes `test`, for a test that fails and then passes along the blocks (binary search). */
function firstIndex(blocks: readonly Block[], test: (block: Block) => boolean): number {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(blocks[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Drop the first `count` blocks; nothing is done (and nothing allocated) for none, as on nearly every ACK. */
function dropFront(blocks: Block[], count: number): void {
  if (count > 0) blocks.splice(0, count);
}
