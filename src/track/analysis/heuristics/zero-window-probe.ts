import type { AnalysisContext } from "../context.js";

/**
 * tcp.analysis.zero_window_probe (packet-tcp.c, ZERO WINDOW PROBE): exactly one byte at the next
 * expected sequence number while the receiver's window is zero: the sender asks whether the
 * window has opened (RFC 9293 §3.8.6.1). Linux probes with an empty segment at snd_una - 1
 * instead, which this test does not see (Wireshark calls those keep-alives).
 */
export function isZeroWindowProbe({ segment, fwd, rev }: AnalysisContext): boolean {
  return segment.len === 1 && segment.seq === fwd.nextSeq && rev.window === 0;
}
