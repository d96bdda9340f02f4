import { TcpFlag, type Segment } from "../decode/segment.js";
import type { Endpoint } from "./endpoint.js";
import { seqAdd, seqGe, seqGt, seqLe } from "./seq.js";

/**
 * Does the segment's ACK field cover the peer's SYN (RFC 9293 §3.4: the SYN occupies the ISN)?
 * RFC 9293 §3.10.7.4: acceptable when SND.UNA < SEG.ACK; an unknown ISN is given the benefit.
 */
export function acknowledgesSyn(segment: Segment, peer: Endpoint): boolean {
  if ((segment.flags & TcpFlag.ACK) === 0) return false;
  return peer.isn === undefined || seqGt(segment.ack, peer.isn);
}

/**
 * The stricter test of SYN-SENT (RFC 9293 §3.10.7.3): ISS < SEG.ACK =< SND.NXT, anything else
 * is answered by a reset (or, on a RST, ignored).
 */
export function acknowledgesSynExactly(segment: Segment, peer: Endpoint): boolean {
  if (!acknowledgesSyn(segment, peer) || peer.isn === undefined) return false;
  return seqLe(segment.ack, peer.nextSeq ?? seqAdd(peer.isn, 1));
}

/** Does the segment's ACK field cover the peer's FIN (the FIN occupies finSeq)? */
export function acknowledgesFin(segment: Segment, peer: Endpoint): boolean {
  if ((segment.flags & TcpFlag.ACK) === 0 || peer.finSeq === undefined) return false;
  return seqGe(segment.ack, seqAdd(peer.finSeq, 1));
}
