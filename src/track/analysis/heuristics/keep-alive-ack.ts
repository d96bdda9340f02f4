import type { AnalysisContext } from "../context.js";
import { FINDING } from "../flags.js";
import { repeatsLastAck } from "./repeats-last-ack.js";

/** tcp.analysis.keep_alive_ack (packet-tcp.c, KEEP ALIVE ACK): the same ACK and window again, right after the peer's keep-alive. */
export function isKeepAliveAck(context: AnalysisContext): boolean {
  const window = context.segment.window;
  return (
    window !== 0 &&
    window === context.fwd.window &&
    (context.rev.lastSegmentFindings & FINDING.keep_alive) !== 0 &&
    repeatsLastAck(context)
  );
}
