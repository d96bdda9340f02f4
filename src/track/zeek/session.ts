import { TcpFlag } from "../../decode/segment.js";
import { seqAdd } from "../seq.js";
import { peerOf, type Role } from "../states.js";
import { connState, type ZeekConnState } from "./conn-state.js";
import { ZeekEndpoint } from "./endpoint.js";
import { HistoryLetter, HistoryRecorder, LetterCounts } from "./history.js";
import { recordPacketHistory } from "./packet-history.js";
import { flipsAtStart, flipsOnSecondSegment } from "./roles.js";
import { isUnderflow, type Relative } from "./sequence-space.js";
import { updateStateMachine, type SessionControls } from "./state-machine.js";

/** What Zeek reads of one TCP segment. */
export interface ZeekSegment {
  /** The sender, in the tracker's roles (client or server). */
  from: Role;
  srcPort: number;
  dstPort: number;
  flags: number;
  /** Raw, as int32 (`| 0`) or unsigned alike: the session compares them modulo 2^32. */
  seq: number;
  ack: number;
  /** The raw window field (zero or not is all that matters here). */
  window: number;
  /** Payload length from the IP header. */
  len: number;
  /** Payload bytes actually captured; a payload cut by the snap length is not reassembled. */
  captured: number;
}

/** Zeek's two conn.log verdicts for a connection. */
export interface ZeekVerdict {
  connState: ZeekConnState;
  history: string;
}

/** ZeekSession's yes-or-no facts, one bit each. */
const Fact = { PARTIAL: 1, ORIG_SEEN: 2, RESP_SEEN: 4 } as const;

/**
 * One connection as Zeek's TCPSessionAdapter follows it, segment by segment (Process): Zeek's
 * originator and responder, their coarse states, sequence bookkeeping and the history letters.
 * Zeek is assumed to run on the capture with checksums ignored (-C), as captures taken on the
 * sending host need: so the history has no C.
 */
export class ZeekSession extends HistoryRecorder implements SessionControls {
  private orig = new ZeekEndpoint(true);
  private resp = new ZeekEndpoint(false);
  /** Which of the tracker's roles Zeek calls the originator. */
  private origRole: Role;
  /** The yes-or-no facts below (Fact bits), in one small integer: a session lives as long as its connection. */
  private facts = 0;
  private segments = 0;

  /** The first segment decides the originator: its sender, unless Zeek flips (WantConnection). */
  constructor(first: ZeekSegment) {
    super();
    this.origRole = first.from;
    if (flipsAtStart(first.flags, first.srcPort, first.dstPort)) this.flipRoles();
  }

  /** is_partial: the first segment of a direction was not the handshake's (no SYN, or a SYN-ACK). */
  private get partial(): boolean {
    return (this.facts & Fact.PARTIAL) !== 0;
  }

  private set partial(value: boolean) {
    this.setFact(Fact.PARTIAL, value);
  }

  /** first_packet_seen, by Zeek's current side. */
  private get origSeen(): boolean {
    return (this.facts & Fact.ORIG_SEEN) !== 0;
  }

  private set origSeen(value: boolean) {
    this.setFact(Fact.ORIG_SEEN, value);
  }

  private get respSeen(): boolean {
    return (this.facts & Fact.RESP_SEEN) !== 0;
  }

  private set respSeen(value: boolean) {
    this.setFact(Fact.RESP_SEEN, value);
  }

  private setFact(bit: number, value: boolean): void {
    this.facts = value ? this.facts | bit : this.facts & ~bit;
  }

  get originator(): ZeekEndpoint {
    return this.orig;
  }

  /** TCPSessionAdapter::Process, in Zeek's order: history, window, sequence, states, gaps, data. */
  process(segment: ZeekSegment): void {
    if (this.segments++ === 1 && flipsOnSecondSegment(this.orig, this.resp, segment.flags, segment.len))
      this.flipAfterSynAck();
    const isOrig = segment.from === this.origRole;
    const endpoint = isOrig ? this.orig : this.resp;
    const peer = isOrig ? this.resp : this.orig;
    this.setPartialStatus(segment.flags, isOrig);
    // As int32, as the sequence space keeps its numbers (an unsigned one past 2^31 is a heap number).
    const onePast = (segment.seq + segmentLength(segment)) | 0;
    endpoint.initFor(endpoint.state, endpoint.prevState, segment.flags, segment.seq, onePast);
    const relSeq = endpoint.relativeSeq(segment.seq);
    recordPacketHistory(this, endpoint, segment.flags, relSeq, segment.len);
    this.checkZeroWindow(endpoint, peer, segment);
    if (segment.flags & TcpFlag.FIN) this.noteFin(endpoint, relSeq, segment);
    const relAck = segment.flags & TcpFlag.ACK ? this.acknowledge(peer, segment) : undefined;
    if (endpoint.advance(endpoint.state, segment.flags, onePast, segment.len)) {
      this.scaled(endpoint.isOrig, HistoryLetter.T, (endpoint.counts ??= new LetterCounts()).retransmissions);
    }
    updateStateMachine(this, endpoint, peer, segment, isOrig);
    if (relAck !== undefined) this.ackReceived(peer, endpoint, relAck);
    this.dataSent(endpoint, relSeq, segment);
    this.markSeen(isOrig);
  }

  get verdict(): ZeekVerdict {
    const history = this.history;
    const orig = { state: this.orig.state, size: this.orig.size(this.resp) };
    const resp = { state: this.resp.state, size: this.resp.size(this.orig) };
    return { connState: connState(orig, resp, history), history };
  }

  /** Connection::FlipRoles (with TCPSessionAdapter::FlipRoles): the endpoints change sides, a ^ is written. */
  flipRoles(): void {
    this.swapSides();
    this.flip();
  }

  settle(isOrig: boolean): void {
    this.partial = false;
    this.markSeen(isOrig);
  }

  private markSeen(isOrig: boolean): void {
    if (isOrig) this.origSeen = true;
    else this.respSeen = true;
  }

  /** The flip after a leading SYN-ACK (see flipsOnSecondSegment): the history is rewritten with it. */
  private flipAfterSynAck(): void {
    this.swapSides();
    this.rewriteFlipped();
  }

  private swapSides(): void {
    [this.orig, this.resp] = [this.resp, this.orig];
    this.orig.isOrig = true;
    this.resp.isOrig = false;
    [this.origSeen, this.respSeen] = [this.respSeen, this.origSeen];
    this.partial = false;
    this.origRole = peerOf(this.origRole);
  }

  /** SetPartialStatus: a direction whose first segment is not the handshake's makes the connection partial. */
  private setPartialStatus(flags: number, isOrig: boolean): void {
    const syn = (flags & TcpFlag.SYN) !== 0;
    if (isOrig && !this.origSeen) this.partial = !syn || (flags & TcpFlag.ACK) !== 0;
    else if (!isOrig && !this.respSeen && !this.partial) this.partial = !syn;
  }

  /**
   * update_window: a zero window is W, unless it rides on a RST, follows the sender's own RST, or
   * the peer has closed (there is no window that matters then).
   */
  private checkZeroWindow(endpoint: ZeekEndpoint, peer: ZeekEndpoint, segment: ZeekSegment): void {
    if (segment.window !== 0 || segment.flags & TcpFlag.RST) return;
    if (peer.state === "CLOSED" || endpoint.state === "RESET") return;
    this.scaled(endpoint.isOrig, HistoryLetter.W, (endpoint.counts ??= new LetterCounts()).zeroWindows);
  }

  private noteFin(endpoint: ZeekEndpoint, relSeq: Relative, segment: ZeekSegment): void {
    endpoint.sentFin = true;
    endpoint.finEnd = relSeq + segmentLength(segment);
  }

  /**
   * Process, the ACK part: the acknowledgment relative to the peer's bytes. The first ACK for a
   * peer not yet seen starts the peer's numbering (init_peer); acks in RSTs are not believed.
   */
  private acknowledge(peer: ZeekEndpoint, segment: ZeekSegment): number {
    if (peer.state === "INACTIVE") {
      const start = seqAdd(segment.ack, -1);
      peer.reset(start, start);
      return 1;
    }
    const relAck = peer.relativeAck(segment.ack);
    if (isUnderflow(relAck)) return 0;
    if ((segment.flags & TcpFlag.RST) === 0) peer.acknowledge(segment.ack);
    return relAck;
  }

  /** AckReceived on the acknowledged endpoint, after the states moved: its missing bytes are G. */
  private ackReceived(acked: ZeekEndpoint, other: ZeekEndpoint, relAck: number): void {
    const finEnd = acked.sentFin ? acked.finEnd : undefined;
    const gaps = acked.ackReceived(relAck, finEnd, this.partial);
    // TCP_Reassembler::Gap: only while both ends are cleanly established or closing.
    if (!acked.isClean || !other.isClean) return;
    for (let gap = 0; gap < gaps; gap++)
      this.scaled(acked.isOrig, HistoryLetter.G, (acked.counts ??= new LetterCounts()).gaps);
  }

  /** DataSent: payload that was captured whole, not in a RST, not before the start, is reassembled. */
  private dataSent(endpoint: ZeekEndpoint, relSeq: Relative, segment: ZeekSegment): void {
    if (segment.len === 0 || segment.captured < segment.len || segment.flags & TcpFlag.RST || isUnderflow(relSeq))
      return;
    const dataSeq = segment.flags & TcpFlag.SYN ? relSeq + 1 : relSeq;
    endpoint.dataSent(dataSeq, segment.len, endpoint.ackedUpTo);
  }
}

/** get_segment_len: SYN and FIN take a sequence number each; a RST's payload is not in the stream. */
function segmentLength(segment: ZeekSegment): number {
  const controls = (segment.flags & TcpFlag.SYN ? 1 : 0) + (segment.flags & TcpFlag.FIN ? 1 : 0);
  return segment.flags & TcpFlag.RST ? controls : segment.len + controls;
}
