import { AnalysisFlags } from "./flags.js";
import type { WiresharkFlow } from "./flow.js";
import type { UnackedSegment } from "./unacked.js";

/** The header facts of one segment the analysis reads, raw as sent. */
export interface SegmentFacts {
  frame: number;
  /** When it was captured, as a Timestamp holds it. */
  seconds: number;
  nanos: number;
  seq: number;
  /** The ack field, whether or not the ACK flag is set (Wireshark remembers it either way). */
  ack: number;
  len: number;
  flags: number;
  /** The raw window field. */
  window: number;
}

/**
 * What the analysis says about one segment: packet-tcp.c's tcp_acked ("ta"), which exists only
 * when something is worth showing. Its existence matters to match tshark: the iRTT is printed
 * only on frames that have one.
 */
export class SegmentRecord {
  readonly flags = new AnalysisFlags();
  /** tcp_analyze_get_acked_struct() was called for this frame. */
  exists = false;
  duplicateAckNum: number | undefined;
  duplicateAckFrame: number | undefined;
  /** The frame this segment acknowledges (tcp.analysis.acks_frame) and how long after it (ack_rtt). */
  ackedFrame: number | undefined;
  ackRttNanos: number | undefined;
  /**
   * The evidence each finding was decided on, kept when it was decided (raw numbers, before the
   * bookkeeping moves them): the sender's next expected sequence number when the segment came ...
   */
  expectedSeq = 0;
  /** ... an out-of-order segment's time since the highest one, and the limit it came within ... */
  sinceHighestNanos: number | undefined;
  outOfOrderLimitNanos: number | undefined;
  /** ... the receiver's duplicate ACKs before a fast retransmission, and their last frames ... */
  peerDuplicateAcks: number | undefined;
  peerDuplicateAckFrames: readonly number[] | undefined;
  /** ... the receiver's contiguous edge an ACK of unseen data went past ... */
  peerSeenUpTo: number | undefined;
  /** ... the window before a window update ... */
  previousWindow: number | undefined;
  /** ... and a retransmission's earlier copy still waiting for its ACK, and the time since it (not Wireshark's). */
  originalFrame: number | undefined;
  sinceOriginalNanos: number | undefined;

  /**
   * Empty again, for the next segment: one record serves every segment (see connection-analysis.ts).
   * Every field but expectedSeq is set only with touch or add, so a record that does not exist
   * has only that one to clear (most segments).
   */
  reset(): void {
    this.expectedSeq = 0;
    if (!this.exists) return;
    this.flags.clear();
    this.exists = false;
    this.duplicateAckNum = undefined;
    this.duplicateAckFrame = undefined;
    this.ackedFrame = undefined;
    this.ackRttNanos = undefined;
    this.sinceHighestNanos = undefined;
    this.outOfOrderLimitNanos = undefined;
    this.peerDuplicateAcks = undefined;
    this.peerDuplicateAckFrames = undefined;
    this.peerSeenUpTo = undefined;
    this.previousWindow = undefined;
    this.originalFrame = undefined;
    this.sinceOriginalNanos = undefined;
  }

  touch(): void {
    this.exists = true;
  }

  /** Add the finding of bit `bit` (FINDING). */
  add(bit: number): void {
    this.exists = true;
    this.flags.add(bit);
  }
}

/** One segment being analyzed: its facts, its sender's flow (fwd) and its receiver's (rev). */
export interface AnalysisContext {
  segment: SegmentFacts;
  fwd: WiresharkFlow;
  rev: WiresharkFlow;
  record: SegmentRecord;
  /** The connection's iRTT in nanoseconds, 0 while unknown (it bounds out-of-order). */
  initialRttNanos: number;
  /** Where an unacknowledged segment found (the one an ACK acknowledges, a retransmission's original) is copied: read it at once. */
  found: UnackedSegment;
}
