import type { AnalysisContext } from "../context.js";
import { FINDING } from "../flags.js";
import { repeatsLastAck } from "./repeats-last-ack.js";

/**
 * tcp.analysis.zero_window_probe_ack (packet-tcp.c, ZERO WINDOW PROBE ACK): the same ACK and a
 * window still zero, right after the peer's zero-window probe (tshark 4.0 wants the ack unchanged;
 * an answer that takes the probe's byte is an ack_lost_segment instead).
 */
export function isZeroWindowProbeAck(context: AnalysisContext): boolean {
  return (
    context.segment.window === 0 &&
    context.fwd.window === 0 &&
    (context.rev.lastSegmentFindings & FINDING.zero_window_probe) !== 0 &&
    repeatsLastAck(context)
  );
}
