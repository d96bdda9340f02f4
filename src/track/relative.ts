import { TcpFlag, type Segment } from "../decode/segment.js";
import type { Endpoint } from "./endpoint.js";
import { seqOffset } from "./seq.js";

/**
 * Wireshark's relative numbers (packet-tcp.c tcp_analyze_sequence_number; docs/tracking.md): the first
 * segment seen in a direction sets its base (a SYN: base = ISN, so the SYN shows 0; otherwise
 * base = seq - 1, so it shows 1); an ACK-bearing segment sets the other direction's base to
 * ack - 1 when that direction has none yet.
 */
export function setRelativeBases(segment: Segment, sender: Endpoint, receiver: Endpoint): void {
  if (!sender.baseSet) {
    sender.baseSeq = segment.flags & TcpFlag.SYN ? segment.seq : (segment.seq - 1) >>> 0;
    sender.baseSet = true;
  }
  if (!receiver.baseSet && segment.flags & TcpFlag.ACK) {
    receiver.baseSeq = (segment.ack - 1) >>> 0;
    receiver.baseSet = true;
  }
}

export function relativeSeq(segment: Segment, sender: Endpoint): number {
  return seqOffset(segment.seq, sender.baseSeq);
}

/** Null without the ACK flag, as tcp.ack is only meaningful then. */
export function relativeAck(segment: Segment, receiver: Endpoint): number | null {
  return segment.flags & TcpFlag.ACK ? seqOffset(segment.ack, receiver.baseSeq) : null;
}
