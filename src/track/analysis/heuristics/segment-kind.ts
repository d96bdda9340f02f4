import { TcpFlag } from "../../../decode/segment.js";
import type { SegmentFacts } from "../context.js";

/** No SYN, FIN or RST: packet-tcp.c never calls such segments keep-alives, window updates or duplicate ACKs. */
export function carriesNoSynFinRst(segment: SegmentFacts): boolean {
  return (segment.flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST)) === 0;
}

/** Sequence space the segment occupies: its payload plus one for SYN and one for FIN. */
export function occupiesSequenceSpace(segment: SegmentFacts): boolean {
  return segment.len > 0 || (segment.flags & (TcpFlag.SYN | TcpFlag.FIN)) !== 0;
}

/** seq + len, plus one for a SYN or FIN (one when both: packet-tcp.c adds one for either). */
export function sequenceEnd(segment: SegmentFacts): number {
  return (segment.seq + segment.len + (segment.flags & (TcpFlag.SYN | TcpFlag.FIN) ? 1 : 0)) >>> 0;
}
