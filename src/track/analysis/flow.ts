import type { Timestamp } from "../../capture/timestamp.js";
import { NO_TIME } from "./time.js";
import { UnackedSegments } from "./unacked.js";
import { WINDOW_SCALE_UNKNOWN, type WindowScale } from "./window-scale.js";

/**
 * Wireshark's -1 in its unsigned duplicate-ACK counter, written after an ACK of data the capture
 * did not see (so that the next duplicate ACK counts as the first). Being 2^32 - 1, it also
 * passes the ">= 2 duplicate ACKs" test of a fast retransmission, as it does in tshark.
 */
export const DUPLICATE_ACKS_AFTER_UNSEEN = 0xffffffff;

/** No duplicate ACKs yet: shared by every flow, frozen. */
const NO_FRAMES: readonly number[] = Object.freeze([]);

/** How many frames of a run of duplicate ACKs are kept to name in explanations. */
const KEPT_DUPLICATE_ACK_FRAMES = 3;

/**
 * What Wireshark's sequence analysis knows about one direction of a connection (packet-tcp.c
 * tcp_flow_t and tcp_analyze_seq_flow_info_t). Its numbers are raw, and 0 means "not known yet"
 * for nextSeq, maxSeqToBeAcked and lastAck, as in packet-tcp.c. This is not the observer's
 * Endpoint: Wireshark's nextseq, lastack and window follow its own rules (lastack is the last
 * ack field sent, not the highest; a zero-window probe does not move nextseq).
 */
export class WiresharkFlow {
  /** win_scale: the shift for this direction's windows, or unknown / none. */
  windowScale: WindowScale = WINDOW_SCALE_UNKNOWN;
  /** Raw window of the last segment; starts at G_MAXUINT32, which no 16-bit window equals. */
  window = 0xffffffff;
  /** is_first_ack: a SYN was sent and no ACK without SYN since (its window is not scaled yet for window_full). */
  firstAckPending = false;

  /** Highest seq + len (+1 for SYN/FIN) sent, and when. */
  nextSeq = 0;
  nextSeqTime: Timestamp = NO_TIME;
  /** Highest sequence number sent without a hole before it: what the peer may acknowledge. */
  maxSeqToBeAcked = 0;

  /** The ack field of the last segment sent (whatever its flags), and when. */
  lastAck = 0;
  lastAckTime: Timestamp = NO_TIME;
  /** Frame of the last segment whose ack differed from the one before (the ACK duplicates repeat). */
  lastNonDuplicateAckFrame = 0;
  /** Duplicate ACKs in the current run (DUPLICATE_ACKS_AFTER_UNSEEN after an unseen segment was acked). */
  duplicateAcks = 0;
  /** The last few frames of the current run of duplicate ACKs (a new array each time, never changed in place). */
  duplicateAckFrames: readonly number[] = NO_FRAMES;

  /** Findings of the last segment sent, as AnalysisFlags bits (keep-alive and zero-window-probe answers look at them: hasFinding). */
  lastSegmentFindings = 0;
  readonly unacked = new UnackedSegments();
  /** valid_bif: off after a segment was missed, until the peer sends an ACK. */
  bytesInFlightValid = true;

  countDuplicateAck(frame: number): void {
    this.duplicateAcks = this.duplicateAcks === DUPLICATE_ACKS_AFTER_UNSEEN ? 1 : this.duplicateAcks + 1;
    this.duplicateAckFrames = [...this.duplicateAckFrames, frame].slice(-KEPT_DUPLICATE_ACK_FRAMES);
  }

  /** The peer acknowledged data the capture never saw this direction send (see DUPLICATE_ACKS_AFTER_UNSEEN). */
  markUnseenDataAcked(): void {
    this.duplicateAcks = DUPLICATE_ACKS_AFTER_UNSEEN;
    this.duplicateAckFrames = NO_FRAMES;
  }

  /** A new ack value: the run of duplicates, if any, is over. */
  startAckRun(frame: number): void {
    this.lastNonDuplicateAckFrame = frame;
    this.duplicateAcks = 0;
    this.duplicateAckFrames = NO_FRAMES;
  }
}
