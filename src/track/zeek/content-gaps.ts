import { BlockRun } from "./block-run.js";
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
