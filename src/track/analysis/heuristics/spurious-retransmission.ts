import { seqLe } from "../../seq.js";
import type { AnalysisContext } from "../context.js";

/**
 * tcp.analysis.spurious_retransmission (packet-tcp.c, tested first in the family): data the
 * receiver has already acknowledged, so this copy was not needed (a spurious retransmission in
 * the sense of RFC 3522), whether or not it is below the next expected sequence number.
 */
export function isSpuriousRetransmission({ segment, rev }: AnalysisContext): boolean {
  return segment.len > 0 && rev.lastAck !== 0 && seqLe((segment.seq + segment.len) >>> 0, rev.lastAck);
}
