import type { AnalysisContext } from "../context.js";
import { carriesNoSynFinRst } from "./segment-kind.js";

/**
 * An empty segment at the next expected sequence number repeating the sender's previous ack: the
 * common shape of window updates, duplicate ACKs and the answers to keep-alives and zero-window
 * probes (packet-tcp.c tests these fields for each of them).
 */
export function repeatsLastAck({ segment, fwd }: AnalysisContext): boolean {
  return segment.len === 0 && segment.seq === fwd.nextSeq && segment.ack === fwd.lastAck && carriesNoSynFinRst(segment);
}
