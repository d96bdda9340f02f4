import type { WiresharkFlow } from "../flow.js";
import type { AnalysisContext } from "../context.js";
import { WINDOW_SCALE_NONE, WINDOW_SCALE_UNKNOWN } from "../window-scale.js";
import { carriesNoSynFinRst } from "./segment-kind.js";

/**
 * tcp.analysis.window_full (packet-tcp.c, WINDOW FULL): data that reaches exactly the right edge
 * of the receiver's window (its last ack plus its window), once the receiver's scaling is known.
 */
export function isWindowFull({ segment, rev }: AnalysisContext): boolean {
  return (
    segment.len > 0 &&
    rev.windowScale !== WINDOW_SCALE_UNKNOWN &&
    (segment.seq + segment.len) >>> 0 === (rev.lastAck + windowForFullTest(rev)) >>> 0 &&
    carriesNoSynFinRst(segment)
  );
}

/**
 * The receiver's window in bytes as this test reads it, in 32-bit arithmetic like packet-tcp.c:
 * unscaled until the receiver has sent an ACK after its SYN (Wireshark issue 14690: the SYN-ACK's
 * window is never scaled).
 */
export function windowForFullTest(rev: WiresharkFlow): number {
  const shift = rev.firstAckPending || rev.windowScale === WINDOW_SCALE_NONE ? 0 : rev.windowScale;
  return (rev.window << shift) >>> 0;
}
