import { TcpFlag } from "../../../decode/segment.js";
import { wiresharkSeqGt } from "../../seq.js";
import type { AnalysisContext } from "../context.js";

/**
 * tcp.analysis.lost_segment, "previous segment not captured" (packet-tcp.c, LOST PACKET): the
 * segment starts beyond the next expected sequence number, so bytes before it were not seen.
 * Only once the direction has sent something; never on a RST.
 */
export function isLostSegment({ segment, fwd }: AnalysisContext): boolean {
  return fwd.nextSeq !== 0 && wiresharkSeqGt(segment.seq, fwd.nextSeq) && (segment.flags & TcpFlag.RST) === 0;
}
