import { seqAdd, seqLt } from "../../seq.js";
import type { AnalysisContext } from "../context.js";
import { FINDING } from "../flags.js";
import { occupiesSequenceSpace } from "./segment-kind.js";

/**
 * The retransmission family (packet-tcp.c, RETRANSMISSION/FAST RETRANSMISSION/OUT-OF-ORDER) is
 * tested only for segments that occupy sequence space (data, SYN or FIN) and are not keep-alives.
 */
export function mayBeRetransmission(context: AnalysisContext): boolean {
  return occupiesSequenceSpace(context.segment) && !context.record.flags.has(FINDING.keep_alive);
}

/**
 * tcp.analysis.retransmission, the generic case: the segment starts below the next expected
 * sequence number, so (part of) it was sent before. A segment of more than one byte starting
 * exactly one below counts as new data (after a one-byte zero-window probe it is).
 */
export function sequenceNotAdvanced({ segment, fwd }: AnalysisContext): boolean {
  if (segment.len > 1 && seqAdd(fwd.nextSeq, -1) === segment.seq) return false;
  return fwd.nextSeq !== 0 && seqLt(segment.seq, fwd.nextSeq);
}
