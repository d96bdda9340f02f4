import { TcpFlag, type Segment } from "../../decode/segment.js";
import { acknowledgesFin, acknowledgesSyn, acknowledgesSynExactly } from "../acknowledges.js";
import type { Endpoint } from "../endpoint.js";
import { seqAdd, seqDiff, seqGt } from "../seq.js";
import { finSeqOf, RowFact, sequenceEndOf } from "./row.js";

/**
 * What a segment shows at once, before any later one is seen, as RowFact bits for its row: what
 * it carries and what its ACK covers of what the peer had sent. Read before the sender's own
 * record is updated with it.
 */
export function rowFacts(segment: Segment, sender: Endpoint, receiver: Endpoint): number {
  const flags = segment.flags;
  const syn = (flags & TcpFlag.SYN) !== 0;
  const finSeq = finSeqOf(segment);
  let facts = 0;
  // The SYN+ACK of a simultaneous open repeats its sender's ISN, but is its first SYN+ACK: no repeat.
  if (syn && (flags & TcpFlag.ACK ? sender.sentSynAck : sender.sentSyn)) facts |= RowFact.REPEATS_SYN;
  if (finSeq !== undefined && sender.finSeq !== undefined && seqDiff(finSeq, sender.finSeq) <= 0)
    facts |= RowFact.REPEATS_FIN;
  if (flags & TcpFlag.ACK) facts |= ackFacts(segment, receiver);
  if (flags & TcpFlag.RST && resetIsAcceptable(segment, sender, receiver)) facts |= RowFact.RST_ACCEPTABLE;
  if (flags & TcpFlag.RST && sender.isn !== undefined && segment.seq !== seqAdd(sender.isn, 1))
    facts |= RowFact.RST_NOT_AFTER_SYN;
  if (advances(segment, sender)) facts |= RowFact.ADVANCES;
  return facts;
}

/** The segment carries sequence space past the end of all the sender sent before it. */
function advances(segment: Segment, sender: Endpoint): boolean {
  const end = sequenceEndOf(segment);
  if (end === segment.seq) return false;
  const sentUpTo = sender.nextSeq;
  return sentUpTo === undefined || seqGt(end, sentUpTo);
}

/**
 * What the segment's ACK covers of what the receiver sent, as RowFact bits. The exact test of
 * SYN-SENT is made only for a SYN or a RST: RFC 9293 §3.10.7.3 asks it of no other segment.
 */
function ackFacts(segment: Segment, receiver: Endpoint): number {
  const ack = segment.ack;
  const peerIsn = receiver.isn;
  let facts = 0;
  if (acknowledgesSyn(ack, peerIsn)) {
    facts |= RowFact.ACKS_PEER_SYN;
    if (segment.flags & (TcpFlag.SYN | TcpFlag.RST) && acknowledgesSynExactly(ack, peerIsn, receiver.nextSeq))
      facts |= RowFact.ACKS_PEER_SYN_EXACTLY;
  }
  if (acknowledgesFin(ack, receiver.finSeq)) facts |= RowFact.ACKS_PEER_FIN;
  return facts;
}

/** What the segment tells of its sender for good: its SYN's ISN, its first FIN's place, that it reset. */
export function recordSenderFacts(sender: Endpoint, segment: Segment): void {
  const flags = segment.flags;
  if (flags & TcpFlag.RST) sender.sentRst = true;
  if (flags & TcpFlag.SYN && !sender.sentSyn) {
    sender.sentSyn = true;
    sender.isn = segment.seq;
  }
  if ((flags & (TcpFlag.SYN | TcpFlag.ACK)) === (TcpFlag.SYN | TcpFlag.ACK)) sender.sentSynAck = true;
  const finSeq = finSeqOf(segment);
  if (finSeq !== undefined) {
    if (sender.finSeq === undefined || seqDiff(finSeq, sender.finSeq) > 0) sender.finSeq = finSeq;
    sender.sentFin = true;
  }
}

/**
 * RFC 9293 §3.10.7.4 first check (with RFC 5961 §3.2): a RST is acceptable when its sequence
 * number lies in the receiver's window, RCV.NXT =< SEG.SEQ < RCV.NXT + RCV.WND. The observer
 * knows RCV.NXT as the receiver's latest ACK, or the sender's next sequence number.
 */
function resetIsAcceptable(segment: Segment, sender: Endpoint, receiver: Endpoint): boolean {
  const expected = receiver.lastAck ?? sender.nextSeq;
  if (expected === undefined) return true;
  if (sender.nextSeq !== undefined && segment.seq === sender.nextSeq) return true;
  const window = Math.max(1, receiver.window * 2 ** (receiver.windowScale ?? 0));
  const offset = seqDiff(segment.seq, expected);
  return offset >= 0 && offset < window;
}
