import { TcpFlag } from "../../../decode/segment.js";
import { wiresharkSeqGt } from "../../seq.js";
import type { AnalysisContext } from "../context.js";

/**
 * tcp.analysis.ack_lost_segment, "ACKed segment that wasn't captured" (packet-tcp.c, ACKED LOST
 * PACKET): the ACK covers data beyond what the peer was seen to send without a hole.
 */
export function acksUnseenData({ segment, rev }: AnalysisContext): boolean {
  return (
    (segment.flags & TcpFlag.ACK) !== 0 && rev.maxSeqToBeAcked !== 0 && wiresharkSeqGt(segment.ack, rev.maxSeqToBeAcked)
  );
}

/**
 * Report one hole once. When the peer has sent past its contiguous edge (there was a hole), the
 * edge moves to the peer's next sequence number and the ACK is flagged. Otherwise the ACK is
 * flagged only if the peer's duplicate-ACK run is at 0, and the run is marked so that the same
 * hole is not reported again (packet-tcp.c does this through the peer's duplicate-ACK counter).
 * This is what tshark 4.0.17 does (fixtures/crafted/analysis-ack-lost-segment.pcap); later
 * packet-tcp.c compares the edge with nextseq the other way round. Returns whether to flag.
 */
export function reportUnseenDataOnce({ rev }: AnalysisContext): boolean {
  if (wiresharkSeqGt(rev.nextSeq, rev.maxSeqToBeAcked)) {
    rev.maxSeqToBeAcked = rev.nextSeq;
    return true;
  }
  const report = rev.duplicateAcks === 0;
  rev.markUnseenDataAcked();
  return report;
}
