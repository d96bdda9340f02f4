import { seqOffset } from "../seq.js";
import type { SegmentFacts, SegmentRecord } from "./context.js";
import { FINDING } from "./flags.js";
import { DUPLICATE_ACKS_AFTER_UNSEEN, type WiresharkFlow } from "./flow.js";
import { windowForFullTest } from "./heuristics/window-full.js";
import { nanosToSeconds } from "../../capture/timestamp.js";
import { scaledWindow, type WindowScale } from "./window-scale.js";

/**
 * The numbers behind a segment's analysis: Wireshark's own fields first, then the evidence each
 * finding's explanation quotes. Sequence numbers are relative (as tcp.seq / tcp.ack show them),
 * times in seconds, windows in bytes (scaled). A field is absent when it does not apply.
 */
export interface AnalysisDetails {
  /** tcp.window_size: the window field scaled by the sender's negotiated shift (the raw field while unknown, and on SYNs). */
  windowScaled: number;
  /** The sender's window scale when this segment was read: the shift, -1 unknown, -2 not in use (Wireshark's win_scale). */
  windowScale: number;
  /** tcp.analysis.duplicate_ack_num and duplicate_ack_frame (the frame of the ACK being repeated). */
  duplicateAckNum?: number;
  duplicateAckFrame?: number;
  /** tcp.analysis.acks_frame and ack_rtt: the segment this one acknowledges and the time since it was sent. */
  ackedFrame?: number;
  ackRtt?: number;
  /** tcp.analysis.initial_rtt, on the frames where tshark shows it. */
  initialRtt?: number;
  /** The next sequence number the sender was expected to use (retransmissions, out-of-order, lost segments, keep-alives, probes). */
  nextSeq?: number;
  /** The receiver's last ack (spurious and fast retransmissions, window full). */
  peerAck?: number;
  /** The receiver's window as window_full reads it. */
  peerWindow?: number;
  /** The receiver's last window was zero (a keep-alive that is more likely a zero-window probe). */
  peerWindowZero?: boolean;
  /** The receiver's duplicate ACKs before a fast retransmission (-1: it had acked data the capture missed) and the last few of their frames. */
  peerDuplicateAcks?: number;
  peerDuplicateAckFrames?: number[];
  /** Out-of-order: seconds since the sender's highest segment, and the limit (the iRTT, or 3 ms). */
  sinceHighest?: number;
  outOfOrderLimit?: number;
  /** ACKed unseen segment: how far the capture saw the receiver send without a hole. */
  peerSeenUpTo?: number;
  /** Window update: the sender's previous window. */
  previousWindow?: number;
  /** A retransmission's earlier copy still waiting for its ACK: its frame and the seconds since. */
  originalFrame?: number;
  sinceOriginal?: number;
}

/** What details are built from, once the segment was analyzed. */
export interface DetailsSource {
  segment: SegmentFacts;
  record: SegmentRecord;
  /** The receiver's flow: this segment changed nothing the details read from it. */
  rev: WiresharkFlow;
  windowScaled: number;
  windowScale: WindowScale;
  /** The iRTT after this segment: what tshark shows on it. */
  initialRttNanos: number;
  /** Relative numbers: sequence numbers of the sender's data, and of the receiver's. */
  senderBase: number;
  receiverBase: number;
}

/** The details of a segment with findings (the record holds some). */
export function findingDetails(source: DetailsSource): AnalysisDetails {
  const { record } = source;
  const details: AnalysisDetails = { windowScaled: source.windowScaled, windowScale: source.windowScale };
  if (record.duplicateAckNum !== undefined && record.duplicateAckFrame !== undefined) {
    details.duplicateAckNum = record.duplicateAckNum;
    details.duplicateAckFrame = record.duplicateAckFrame;
  }
  if (record.ackedFrame !== undefined) {
    details.ackedFrame = record.ackedFrame;
    // tshark prints no ack_rtt when it is zero (no time, or the same instant).
    if (record.ackRttNanos) details.ackRtt = nanosToSeconds(record.ackRttNanos);
  }
  if (record.exists && source.initialRttNanos !== 0) details.initialRtt = nanosToSeconds(source.initialRttNanos);
  addEvidence(details, source);
  return details;
}

/**
 * The details of a segment without findings (most segments): Wireshark's own fields alone, in
 * one object made with the fields it has, in findingDetails' order (a reader walks them in it): a
 * field added after the object was made would cost a second object to hold it. An RTT undefined
 * is not shown (tshark prints no ack_rtt when it is zero: no time, or the same instant; and the
 * iRTT only on some segments, once known).
 */
export function plainDetails(
  windowScaled: number,
  windowScale: number,
  ackedFrame: number | undefined,
  ackRttNanos: number | undefined,
  initialRttNanos: number | undefined,
): AnalysisDetails {
  const initialRtt = initialRttNanos === undefined ? undefined : nanosToSeconds(initialRttNanos);
  if (ackedFrame === undefined)
    return initialRtt === undefined ? { windowScaled, windowScale } : { windowScaled, windowScale, initialRtt };
  if (ackRttNanos === undefined)
    return initialRtt === undefined
      ? { windowScaled, windowScale, ackedFrame }
      : { windowScaled, windowScale, ackedFrame, initialRtt };
  const ackRtt = nanosToSeconds(ackRttNanos);
  return initialRtt === undefined
    ? { windowScaled, windowScale, ackedFrame, ackRtt }
    : { windowScaled, windowScale, ackedFrame, ackRtt, initialRtt };
}

/** The findings whose explanation quotes the next expected sequence number: any of these bits. */
const NEEDS_NEXT_SEQ =
  FINDING.retransmission |
  FINDING.fast_retransmission |
  FINDING.spurious_retransmission |
  FINDING.out_of_order |
  FINDING.lost_segment |
  FINDING.keep_alive |
  FINDING.zero_window_probe;

function addEvidence(
  details: AnalysisDetails,
  { record, rev, windowScale, senderBase, receiverBase }: DetailsSource,
): void {
  const flags = record.flags;
  const senderRelative = (raw: number) => seqOffset(raw, senderBase);
  if (record.expectedSeq !== 0 && flags.has(NEEDS_NEXT_SEQ)) details.nextSeq = senderRelative(record.expectedSeq);
  if (flags.has(FINDING.spurious_retransmission | FINDING.fast_retransmission | FINDING.window_full))
    details.peerAck = senderRelative(rev.lastAck);
  if (flags.has(FINDING.window_full)) details.peerWindow = windowForFullTest(rev);
  if (flags.has(FINDING.keep_alive)) details.peerWindowZero = rev.window === 0;
  if (record.peerDuplicateAcks !== undefined) {
    details.peerDuplicateAcks =
      record.peerDuplicateAcks === DUPLICATE_ACKS_AFTER_UNSEEN ? -1 : record.peerDuplicateAcks;
    details.peerDuplicateAckFrames = [...(record.peerDuplicateAckFrames ?? [])];
  }
  if (record.sinceHighestNanos !== undefined) details.sinceHighest = nanosToSeconds(record.sinceHighestNanos);
  if (record.outOfOrderLimitNanos !== undefined) details.outOfOrderLimit = nanosToSeconds(record.outOfOrderLimitNanos);
  if (record.peerSeenUpTo !== undefined) details.peerSeenUpTo = seqOffset(record.peerSeenUpTo, receiverBase);
  if (record.previousWindow !== undefined)
    details.previousWindow = scaledWindow(record.previousWindow, windowScale, false);
  if (record.originalFrame !== undefined && record.sinceOriginalNanos !== undefined) {
    details.originalFrame = record.originalFrame;
    details.sinceOriginal = nanosToSeconds(record.sinceOriginalNanos);
  }
}
