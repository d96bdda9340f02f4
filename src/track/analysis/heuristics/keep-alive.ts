import { seqAdd } from "../../seq.js";
import type { AnalysisContext } from "../context.js";
import { carriesNoSynFinRst } from "./segment-kind.js";

/**
 * tcp.analysis.keep_alive (packet-tcp.c, KEEP ALIVE): zero or one byte starting one before the
 * next expected sequence number, so the receiver must answer with an ACK (RFC 9293 §3.8.4).
 * Wireshark tests this even before anything was sent (next - 1 is then 2^32 - 1).
 */
export function isKeepAlive({ segment, fwd }: AnalysisContext): boolean {
  return segment.len <= 1 && segment.seq === seqAdd(fwd.nextSeq, -1) && carriesNoSynFinRst(segment);
}
