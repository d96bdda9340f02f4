import { TcpFlag } from "../../decode/segment.js";
import { recordSent } from "./bookkeeping.js";
import { FINDING } from "./flags.js";
import type { AnalysisContext } from "./context.js";
import { acksUnseenData, reportUnseenDataOnce } from "./heuristics/ack-lost-segment.js";
import { isDuplicateAck } from "./heuristics/duplicate-ack.js";
import { isFastRetransmission } from "./heuristics/fast-retransmission.js";
import { isKeepAliveAck } from "./heuristics/keep-alive-ack.js";
import { isKeepAlive } from "./heuristics/keep-alive.js";
import { isLostSegment } from "./heuristics/lost-segment.js";
import { isOutOfOrder, outOfOrderLimitNanos } from "./heuristics/out-of-order.js";
import { mayBeRetransmission, sequenceNotAdvanced } from "./heuristics/retransmission.js";
import { isSpuriousRetransmission } from "./heuristics/spurious-retransmission.js";
import { isWindowFull } from "./heuristics/window-full.js";
import { isWindowUpdate } from "./heuristics/window-update.js";
import { isZeroWindowProbeAck } from "./heuristics/zero-window-probe-ack.js";
import { isZeroWindowProbe } from "./heuristics/zero-window-probe.js";
import { isZeroWindow } from "./heuristics/zero-window.js";
import { acknowledgePeerSegments } from "./rtt.js";
import { nanosSince } from "../../capture/timestamp.js";

/**
 * Wireshark's per-segment analysis, in the order and with the precedence of packet-tcp.c
 * tcp_analyze_sequence_number() in tshark 4.0 (fast retransmission tested before out-of-order,
 * its default). Reads and updates both flows; the findings go to context.record.
 */
export function analyzeSegment(context: AnalysisContext): void {
  const { segment, fwd, rev, record } = context;
  record.expectedSeq = fwd.nextSeq;
  // An ACK shows the peer is receiving again: its bytes in flight can be counted again.
  if (segment.flags & TcpFlag.ACK) rev.bytesInFlightValid = true;
  flagSenderFindings(context);
  if (segment.ack !== fwd.lastAck) fwd.startAckRun(segment.frame);
  flagUnseenDataAcked(context);
  if (mayBeRetransmission(context)) flagRetransmission(context);
  recordSent(context);
  acknowledgePeerSegments(context);
  // packet-tcp.c creates the record to hold the bytes in flight of a data segment it can count.
  if (segment.len !== 0 && fwd.unacked.size > 0 && fwd.bytesInFlightValid) record.touch();
}

/**
 * The tests about the sender's own window and sequence. A zero-window probe, a keep-alive ACK and
 * a zero-window-probe ACK end them (packet-tcp.c jumps to finished_fwd); keep-alive, window update
 * and duplicate ACK do not exclude one another.
 */
function flagSenderFindings(context: AnalysisContext): void {
  const { record, fwd } = context;
  if (isZeroWindowProbe(context)) return record.add(FINDING.zero_window_probe);
  if (isZeroWindow(context)) record.add(FINDING.zero_window);
  if (isLostSegment(context)) {
    record.add(FINDING.lost_segment);
    // Bytes in flight cannot be counted across a hole until the peer ACKs again.
    fwd.bytesInFlightValid = false;
  }
  if (isKeepAlive(context)) record.add(FINDING.keep_alive);
  if (isWindowUpdate(context)) {
    record.add(FINDING.window_update);
    record.previousWindow = fwd.window;
  }
  if (isWindowFull(context)) record.add(FINDING.window_full);
  if (isKeepAliveAck(context)) return record.add(FINDING.keep_alive_ack);
  if (isZeroWindowProbeAck(context)) return record.add(FINDING.zero_window_probe_ack);
  if (isDuplicateAck(context)) {
    fwd.countDuplicateAck(context.segment.frame);
    record.add(FINDING.duplicate_ack);
    record.duplicateAckNum = fwd.duplicateAcks;
    record.duplicateAckFrame = fwd.lastNonDuplicateAckFrame;
  }
}

function flagUnseenDataAcked(context: AnalysisContext): void {
  if (!acksUnseenData(context)) return;
  const { record } = context;
  record.touch();
  const seenUpTo = context.rev.maxSeqToBeAcked;
  if (!reportUnseenDataOnce(context)) return;
  record.add(FINDING.ack_lost_segment);
  record.peerSeenUpTo = seenUpTo;
}

/** Spurious first, then fast retransmission, then out-of-order, then a plain retransmission. */
function flagRetransmission(context: AnalysisContext): void {
  const { record, segment, fwd, rev } = context;
  const notAdvanced = sequenceNotAdvanced(context);
  if (isSpuriousRetransmission(context)) record.add(FINDING.spurious_retransmission);
  else if (isFastRetransmission(context, notAdvanced)) {
    record.add(FINDING.fast_retransmission);
    record.peerDuplicateAcks = rev.duplicateAcks;
    record.peerDuplicateAckFrames = rev.duplicateAckFrames();
  } else if (isOutOfOrder(context, notAdvanced)) {
    record.add(FINDING.out_of_order);
    record.sinceHighestNanos = nanosSince(fwd.nextSeqSeconds, fwd.nextSeqNanos, segment);
    record.outOfOrderLimitNanos = outOfOrderLimitNanos(context.initialRttNanos);
    return;
  } else if (notAdvanced) record.add(FINDING.retransmission);
  else return;
  // Not Wireshark's: the earlier copy still waiting for its ACK, for the explanation.
  const original = context.found;
  if (!fwd.unacked.holding(segment.seq, original)) return;
  record.originalFrame = original.frame;
  record.sinceOriginalNanos = nanosSince(original.seconds, original.nanos, segment);
}
