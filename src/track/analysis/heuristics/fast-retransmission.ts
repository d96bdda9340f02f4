import type { AnalysisContext } from "../context.js";
import { nanosSince } from "../../../capture/timestamp.js";
import { isBelow } from "../time.js";

/** packet-tcp.c: a fast retransmission follows the last duplicate ACK within 20 ms. */
export const FAST_RETRANSMISSION_WINDOW_NANOS = 20_000_000;

/**
 * tcp.analysis.fast_retransmission: a retransmission of exactly the byte the receiver keeps
 * asking for, after at least two duplicate ACKs (some may not be captured) and within 20 ms of
 * the receiver's last ACK: the sender's fast retransmit (RFC 5681 §3.2).
 */
export function isFastRetransmission(context: AnalysisContext, notAdvanced: boolean): boolean {
  const { segment, rev } = context;
  return (
    notAdvanced &&
    rev.duplicateAcks >= 2 &&
    rev.lastAck === segment.seq &&
    isBelow(nanosSince(rev.lastAckSeconds, rev.lastAckNanos, segment), FAST_RETRANSMISSION_WINDOW_NANOS)
  );
}
