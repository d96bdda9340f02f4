import type { AnalysisContext } from "../context.js";
import { repeatsLastAck } from "./repeats-last-ack.js";

/**
 * tcp.analysis.duplicate_ack (packet-tcp.c, DUPLICATE ACK): an empty segment repeating the
 * sender's last ack with the same non-zero window: the receiver still waits for the same byte
 * (RFC 5681 §2, "duplicate acknowledgment").
 */
export function isDuplicateAck(context: AnalysisContext): boolean {
  const window = context.segment.window;
  return window !== 0 && window === context.fwd.window && repeatsLastAck(context);
}
