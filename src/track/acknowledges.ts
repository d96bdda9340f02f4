import { seqAdd, seqGe, seqGt, seqLe } from "./seq.js";

/*
 * What a segment's ACK field covers of what the peer sent. The peer's numbers are passed in, read
 * from its Endpoint once per segment: each read of one past 2^31 makes a heap number.
 */

/**
 * Does the ACK field cover the peer's SYN (RFC 9293 §3.4: the SYN occupies the ISN)?
 * RFC 9293 §3.10.7.4: acceptable when SND.UNA < SEG.ACK; an unknown ISN is given the benefit.
 */
export function acknowledgesSyn(ack: number, peerIsn: number | undefined): boolean {
  return peerIsn === undefined || seqGt(ack, peerIsn);
}

/**
 * The stricter test of SYN-SENT (RFC 9293 §3.10.7.3): ISS < SEG.ACK =< SND.NXT, anything else
 * is answered by a reset (or, on a RST, ignored).
 */
export function acknowledgesSynExactly(
  ack: number,
  peerIsn: number | undefined,
  peerNextSeq: number | undefined,
): boolean {
  if (peerIsn === undefined || !seqGt(ack, peerIsn)) return false;
  return seqLe(ack, peerNextSeq ?? seqAdd(peerIsn, 1));
}

/** Does the ACK field cover the peer's FIN (the FIN occupies finSeq)? */
export function acknowledgesFin(ack: number, peerFinSeq: number | undefined): boolean {
  return peerFinSeq !== undefined && seqGe(ack, seqAdd(peerFinSeq, 1));
}
