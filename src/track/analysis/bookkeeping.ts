import { wiresharkSeqGt } from "../seq.js";
import type { AnalysisContext } from "./context.js";
import { FINDING } from "./flags.js";
import { occupiesSequenceSpace, sequenceEnd } from "./heuristics/segment-kind.js";

/**
 * After the tests (packet-tcp.c, finished_checking_retransmission_type): remember the segment for
 * the peer's ACK, raise nextseq and the contiguous edge (a zero-window probe moves neither), and
 * store the window, the ack field and the findings.
 */
export function recordSent(context: AnalysisContext): void {
  const { segment, fwd, record } = context;
  const isProbe = record.flags.has(FINDING.zero_window_probe);
  const end = rememberForAck(context);
  if (!isProbe && (fwd.nextSeq === 0 || wiresharkSeqGt(end, fwd.nextSeq)))
    fwd.advanceNextSeq(end, segment.seconds, segment.nanos);
  if (!isProbe && (fwd.maxSeqToBeAcked === 0 || segment.seq === fwd.maxSeqToBeAcked)) fwd.maxSeqToBeAcked = fwd.nextSeq;
  fwd.window = segment.window;
  fwd.sentAck(segment.ack, segment.seconds, segment.nanos);
  fwd.lastSegmentFindings = record.flags.bits;
}

/**
 * A segment that occupies sequence space joins the unacknowledged list while there is room, and
 * returns where it ends. packet-tcp.c counts the SYN or FIN's extra number only when it keeps the
 * segment, so with the list full a FIN ends at seq + len.
 */
function rememberForAck({ segment, fwd }: AnalysisContext): number {
  if (!occupiesSequenceSpace(segment) || !fwd.unacked.hasRoom) return (segment.seq + segment.len) >>> 0;
  const end = sequenceEnd(segment);
  fwd.unacked.add(segment.frame, segment.seq, end, segment.seconds, segment.nanos);
  return end;
}
