import { TcpFlag } from "../../decode/segment.js";
import { seqDiff, seqGt } from "../seq.js";
import { truncate } from "../truncate.js";
import { peerOf, TCP_STATES, type Role, type TcpState } from "../states.js";
import type { HeldRows } from "./held-rows.js";
import { secondsBetween } from "../../capture/timestamp.js";
import { latestRoundTrip, NO_ROUND_TRIP, ROUND_TRIP_NUMBERS, timeAcknowledged, timeSent } from "./round-trips.js";
import { DELIVERED_AT_ONCE, LOST, sequenceEndOf, type LostProof, type ObservedRow } from "./row.js";
import { answersUnacceptableAck } from "./rules.js";
import { NOW, SideFlag, SIDES_END, Sides, slotOf, tableTemplate } from "./side.js";

/** Why a replay changed rows already read (the `revision` record's reason; docs/tracking-model.md). */
export type RevisionReason =
  /** The endpoint's first segment: it exists, so what reached it took effect (or, a RST, nothing listened). */
  | "answered"
  /** The endpoint's first segment is a RST: nothing listened, it was CLOSED from the start (RFC 9293 §3.10.7.1). */
  | "nothing-listened"
  /** Its first segment is a SYN of its own: it was opening too, not listening (RFC 9293 §3.5 figure 8). */
  | "opened-too"
  /** Its segment does not acknowledge the peer's SYN or FIN: it had not received it yet (the two crossed). */
  | "crossed"
  /** It repeats its SYN or FIN after the peer's ACK of it: that ACK never reached it. */
  | "ack-lost"
  /** It repeats its SYN or FIN with no answer in between: the earlier copy most likely never arrived. */
  | "copy-lost"
  /** A bare RST from a synchronized endpoint: it had lost the connection (rebooted or crashed; RFC 9293 §3.10.7.1). */
  | "lost-connection"
  /** It speaks after the peer's RST closed it as the rows read: it never took that RST in (lost, or refused). */
  | "rst-lost"
  /** Its segment comes round trips after a SYN or FIN it does not acknowledge, or a last ACK it acts as if without: that one never arrived (or not yet). */
  | "not-arrived"
  /** It answers the peer's SYN with an ACK that does not acknowledge it, and no SYN: an older connection on the ports answered, not a listener. */
  | "old-connection"
  /** It sends again data that came before its FIN, which the peer's ACK still asked for: the FIN waited for that data, taken in with it. */
  | "behind-gap";

/** What an endpoint's own segments have shown so far: six numbers per endpoint in the table, after the sides. */
const INITIAL = 0; // its state before the capture's first segment, as its own segments show it (index in TCP_STATES)
const LAST_SENT = 1; // the index of its latest row; -1 while it has sent nothing (all about it is unknown)
const UNANSWERED = 2; // the index of its first row since the peer last sent; -1 when the peer has answered
const LOST_AT = 3; // the index of the row at which it had lost the connection (a later bare RST shows it); -1 if not
const LAST_CONTROL = 4; // the index of its latest row with a SYN or FIN, for a repeat to find the copy before it
const SYNCHRONIZED = 5; // 1 once it sent an ACK past the handshake: by its own words it held a synchronized connection
const SYN_REPEATED = 6; // the index of its latest row repeating a SYN, up to which the rows were weighed for ACKs lost; -1 if none
const FIN_REPEATED = 7; // the same for a FIN
const FACTS = 8;

/**
 * A segment of the peer that does not acknowledge a SYN or FIN captured more than this many of the
 * sender's round trips before it (round-trips.ts) was sent after that one would have arrived: it did
 * not. Four, as RFC 6298 §2.3 allows four times the variation above the mean before a segment is
 * taken for lost; and never less than CROSSING_FLOOR_SECONDS, which a busy host's scheduling and
 * a delayed ACK's wait (RFC 9293 §3.8.6.3) can take on a path of microseconds.
 */
const CROSSING_ROUND_TRIPS = 4;
const CROSSING_FLOOR_SECONDS = 0.05;

const NEW_FACTS = [0, -1, -1, -1, -1, 0, -1, -1];
const NEW_TABLE = tableTemplate([...NEW_FACTS, ...NEW_FACTS, ...NO_ROUND_TRIP, ...NO_ROUND_TRIP]);

/** Where each endpoint's facts start in the table, and its round trips' numbers (round-trips.ts) after both. */
const CLIENT_FACTS = SIDES_END;
const SERVER_FACTS = SIDES_END + FACTS;
const CLIENT_ROUND_TRIPS = SIDES_END + 2 * FACTS;
const SERVER_ROUND_TRIPS = CLIENT_ROUND_TRIPS + ROUND_TRIP_NUMBERS;

function factsOf(role: Role): number {
  return role === "client" ? CLIENT_FACTS : SERVER_FACTS;
}

function roundTripsOf(role: Role): number {
  return role === "client" ? CLIENT_ROUND_TRIPS : SERVER_ROUND_TRIPS;
}

/**
 * The facts later segments establish about earlier ones (docs/tracking-model.md, Evidence): when,
 * or whether, each segment reached its receiver, and what each endpoint was before it spoke. Kept
 * in the sides' table (one array per connection), with the rows it still waits on.
 */
export class Evidence extends Sides {
  /**
   * Each endpoint's SYN and FIN rows the peer has not acknowledged yet, in order: a segment of the
   * peer that does not may show they crossed (each made at the first). One list per endpoint, so
   * that a segment reads only the peer's: an endpoint repeating its FIN a thousand times keeps a
   * thousand rows here, which its own later segments have nothing to do with.
   */
  uncoveredClient: ObservedRow[] | undefined;
  uncoveredServer: ObservedRow[] | undefined;
  /** Rows whose receiver took them in only after one of its own later rows (made at the first). */
  deferred: ObservedRow[] | undefined;
  /** The index of the first row whose reading what the last `weigh` found changes (-1: from the first kept row on). */
  protected revisedFrom = -1;
  /**
   * Rows the last `weigh` found crossed again (a later segment of the peer does not acknowledge
   * them either): they are taken in later still, and of their own reading only the frame their
   * "crossed" note names changes (Hindsight.replay renames it).
   */
  protected recrossed: ObservedRow[] | undefined;
  /**
   * Each endpoint's FIN taken in after a segment of the peer whose ACK does not reach even the data
   * before it, with that ACK: the first byte the peer was missing. A retransmission of that byte by
   * the FIN's sender fills the gap, and the FIN, held behind it, is taken in with it (fillsGap).
   */
  private gapClient: GapWait | undefined;
  private gapServer: GapWait | undefined;

  constructor(client: TcpState, server: TcpState) {
    super(NEW_TABLE, client, server);
    this.table[factsOf("client") + INITIAL] = this.stateCode(NOW);
    this.table[factsOf("server") + INITIAL] = this.stateCode(NOW + 1);
  }

  /** The endpoint's state before the capture's first segment, as its own segments show it. */
  initial(role: Role): TcpState {
    return TCP_STATES[this.table[factsOf(role) + INITIAL]!]!;
  }

  /** The index of its latest row; -1 while it has sent nothing. */
  lastSent(role: Role): number {
    return this.table[factsOf(role) + LAST_SENT]!;
  }

  /** The index of its first row since the peer last sent; -1 when the peer has answered. */
  unanswered(role: Role): number {
    return this.table[factsOf(role) + UNANSWERED]!;
  }

  /** The index of the row at which it had lost the connection; -1 if not. */
  lostAt(role: Role): number {
    return this.table[factsOf(role) + LOST_AT]!;
  }

  /** Both endpoints have sent a segment: the states of both rest on their own words. */
  get bothSpoke(): boolean {
    return this.lastSent("client") >= 0 && this.lastSent("server") >= 0;
  }

  /**
   * Weigh a new row against the rows before it (`history`, in order). Returns why earlier rows
   * read differently now, or undefined.
   */
  weigh(row: ObservedRow, history: HeldRows<ObservedRow>): RevisionReason | undefined {
    const table = this.table;
    const fromClient = row.from === "client";
    const me = fromClient ? CLIENT_FACTS : SERVER_FACTS;
    const peer = fromClient ? SERVER_FACTS : CLIENT_FACTS;
    this.revisedFrom = row.index;
    if (this.recrossed !== undefined) truncate(this.recrossed, 0);
    let reason = table[me + LAST_SENT]! < 0 ? this.firstWords(row, history) : undefined;
    // What reached the endpoint before its first words reads anew, and so does its start.
    if (reason !== undefined) this.revisedFrom = -1;
    const peerUncovered = fromClient ? this.uncoveredServer : this.uncoveredClient;
    const bareReset = isBareReset(row.flags);
    const closed = bareReset && this.closedNow(row.from);
    // A synchronized endpoint's bare RST shows it had lost the connection; a closed one's is its answer.
    const lostConnection = bareReset && !closed && row.rstAcceptable && table[me + SYNCHRONIZED] === 1;
    // Either answers what reached an endpoint without the connection (RFC 9293 §3.10.7.1), and a RST
    // from SYN_SENT the ACK that did not acknowledge its SYN (§3.10.7.3): no crossing.
    const answersWhatReachedIt = closed || lostConnection || answersUnacceptableAck(this, slotOf(NOW, row.from), row);
    if (peerUncovered !== undefined) reason = this.answeredByOlderConnection(row, peerUncovered) ?? reason;
    if (peerUncovered !== undefined && !answersWhatReachedIt) reason = this.crossings(row, peerUncovered) ?? reason;
    if (row.repeatsSyn || row.repeatsFin) reason = this.repeats(row, me, peer, history) ?? reason;
    if (speaksAsOpen(row.flags)) reason = this.closingNotTakenIn(row, history) ?? reason;
    const gap = fromClient ? this.gapClient : this.gapServer;
    if (gap !== undefined && isPlainData(row)) reason = this.fillsGap(gap, row) ?? reason;
    if (lostConnection) {
      const peerLast = table[peer + LAST_SENT]!;
      table[me + LOST_AT] = peerLast > table[me + LAST_SENT]! ? peerLast : row.index;
      this.revisedFrom = -1;
      reason = "lost-connection";
    }
    this.record(row, me, peer);
    return reason;
  }

  /**
   * The endpoint is CLOSED as the rows so far read: a bare RST is what it answers anything with
   * (RFC 9293 §3.10.7.1), so it shows no connection lost since. Its first bare RST showed where it
   * lost it; were each later one to show it again, the loss would move to the latest and every
   * kept row be read again at each of a storm of RSTs.
   */
  private closedNow(role: Role): boolean {
    return this.state(slotOf(NOW, role)) === "CLOSED";
  }

  /**
   * The endpoint speaks while the rows read it as closed by an arrival (its state rests on a
   * segment of the peer's): a closed endpoint only answers with RSTs (RFC 9293 §3.10.7.1), so that
   * segment had not taken effect (docs/tracking-model.md, Evidence). A RST never did: it was lost
   * after the capture point, or refused, as RFC 9293 §3.10.7.4 (RFC 5961 §3.2) answers one in the
   * window but not exactly at the next sequence number with an ACK and drops it. The last ACK of a
   * teardown had not arrived yet: it crossed this segment and is taken in right after it, unless
   * this segment comes round trips after it (pastCrossing), as a retransmission of data the ACK
   * covered does: then it never arrived (a repeated FIN shows it too: repeats).
   */
  private closingNotTakenIn(row: ObservedRow, history: HeldRows<ObservedRow>): RevisionReason | undefined {
    const slot = slotOf(NOW, row.from);
    // Only a RST (to CLOSED, or back to LISTEN) or a last ACK closes by arriving: most rows stop here.
    const state = this.state(slot);
    if (state !== "CLOSED" && state !== "LISTEN") return undefined;
    const at = this.basis(slot);
    const closing = at < 0 ? undefined : history.withIndex(at);
    if (closing === undefined || closing.delivery === LOST) return undefined;
    if (closing.flags & TcpFlag.RST) {
      this.markLost(closing, row.frame, "rst");
      return "rst-lost";
    }
    if (state !== "CLOSED" || closing.delivery !== DELIVERED_AT_ONCE) return undefined;
    if (this.pastCrossing(closing, row)) {
      this.markLost(closing, row.frame, "late");
      return "not-arrived";
    }
    this.takenInAfter(closing, row.index);
    return "crossed";
  }

  private setInitial(role: Role, state: TcpState): void {
    this.table[factsOf(role) + INITIAL] = TCP_STATES.indexOf(state);
  }

  /** An endpoint's first segment: what reached it before now took effect, and its start may read differently. */
  private firstWords(row: ObservedRow, history: HeldRows<ObservedRow>): RevisionReason | undefined {
    if (this.initial(row.from) === "LISTEN" && row.flags & TcpFlag.RST) {
      this.setInitial(row.from, "CLOSED");
      return "nothing-listened";
    }
    if (this.initial(row.from) === "LISTEN" && (row.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN) {
      this.setInitial(row.from, "CLOSED");
      return "opened-too";
    }
    return history.length > 0 ? "answered" : undefined;
  }

  /**
   * A listener answers a SYN with its own SYN+ACK, so an endpoint that has sent no SYN here and
   * answers with an ACK that does not acknowledge the peer's SYN still has an older connection on
   * these ports: a SYN in a synchronized state is answered with a challenge ACK (RFC 9293
   * §3.10.7.4, RFC 5961 §4). That SYN never reached the listener: the copy the peer sends again
   * after resetting that older connection may (docs/tracking-model.md, Evidence).
   */
  private answeredByOlderConnection(row: ObservedRow, uncovered: ObservedRow[]): RevisionReason | undefined {
    if (!answersAsOlderConnection(row) || this.has(slotOf(NOW, row.from), SideFlag.SENT_SYN)) return undefined;
    let reason: RevisionReason | undefined;
    for (let i = uncovered.length - 1; i >= 0; i--) {
      const earlier = uncovered[i]!;
      if ((earlier.flags & (TcpFlag.SYN | TcpFlag.ACK)) !== TcpFlag.SYN || earlier.delivery === LOST) continue;
      if (covers(row, earlier)) continue;
      this.markLost(earlier, row.frame, "old");
      removeAt(uncovered, i);
      reason = "old-connection";
    }
    return reason;
  }

  /**
   * RFC 9293 §3.5, §3.6: a segment that does not acknowledge the peer's SYN or FIN (`uncovered`)
   * was sent before that arrived. A copy that had crossed an earlier segment already and was sent
   * again since is not taken in later still: the repeat and this segment, which acknowledges
   * neither, show it never arrived (docs/tracking-model.md, Evidence). So only the latest copy
   * waits: were every copy to wait, each segment of a peer that keeps sending while a FIN is sent
   * again and again would move them all.
   */
  private crossings(row: ObservedRow, uncovered: ObservedRow[]): RevisionReason | undefined {
    let reason: RevisionReason | undefined;
    // The controls (SYN, FIN flags) of which a covered copy was taken in: later copies come first.
    let arrived = 0;
    for (let i = uncovered.length - 1; i >= 0; i--) {
      const earlier = uncovered[i]!;
      if (covers(row, earlier)) {
        removeAt(uncovered, i);
        const control = earlier.flags & (TcpFlag.SYN | TcpFlag.FIN);
        if (earlier.delivery !== LOST) arrived |= control;
        else if (arrived & control) continue;
        else if (earlier.lost!.as === "ack") {
          this.takenInAfterRepeat(earlier, factsOf(row.from));
          arrived |= control;
          reason = "crossed";
        } else if (earlier.lost!.as === "late") {
          // Not lost but late: no copy came since, so it was taken in after the receiver's last row before this one.
          earlier.lost = undefined;
          this.takenInAfter(earlier, this.lastSent(row.from));
          arrived |= control;
          reason = "crossed";
        }
      } else if (earlier.delivery === LOST) {
        // Shown late, it waits for an ACK of it alone; once it was sent again, a copy is what arrives.
        if (earlier.lost!.as === "late" && sentAgain(earlier, uncovered[i + 1])) removeAt(uncovered, i);
      } else if (earlier.delivery < row.index) {
        const later = uncovered[i + 1];
        if (earlier.delivery !== DELIVERED_AT_ONCE && sentAgain(earlier, later)) {
          // Lost, it waits for nothing: it leaves the list.
          this.markLost(earlier, row.frame, "unacknowledged");
          removeAt(uncovered, i);
          reason = "crossed";
          continue;
        }
        if (this.pastCrossing(earlier, row) && hadAllBefore(row, earlier) && !repeatsWhatAcknowledges(row, earlier)) {
          // Lost as far as the rows show: it stays listed, as a later ACK of it alone shows it late instead.
          this.markLost(earlier, row.frame, "late");
          reason = "not-arrived";
          continue;
        }
        if (earlier.delivery === DELIVERED_AT_ONCE) this.takenInAfter(earlier, row.index);
        else {
          this.crossedAgain(earlier);
          earlier.delivery = row.index;
        }
        this.followGap(earlier, row);
        reason = "crossed";
      }
    }
    return reason;
  }

  /**
   * The row came too long after `earlier`, a SYN or FIN of the peer's, to have been sent before
   * that arrived: more than CROSSING_ROUND_TRIPS of the peer's latest round trip (no bound while
   * none is known: a connection picked up midstream, or nothing of the peer's acknowledged yet).
   */
  private pastCrossing(earlier: ObservedRow, row: ObservedRow): boolean {
    const roundTrip = latestRoundTrip(this.table, roundTripsOf(earlier.from));
    if (Number.isNaN(roundTrip)) return false;
    const bound = Math.max(CROSSING_ROUND_TRIPS * roundTrip, CROSSING_FLOOR_SECONDS);
    return secondsBetween(earlier.segment, row.segment) > bound;
  }

  /**
   * A copy read as lost because its receiver then repeated the SYN or FIN it acknowledges (ack-lost)
   * was taken in after all: a later segment of the receiver acknowledges its own SYN or FIN. It
   * had not arrived when the receiver repeated, so it crossed that repeat, and was taken in after
   * the latest one (RFC 9293 §3.5, §3.6).
   */
  private takenInAfterRepeat(row: ObservedRow, receiver: number): void {
    const table = this.table;
    row.lost = undefined;
    this.takenInAfter(row, Math.max(table[receiver + SYN_REPEATED]!, table[receiver + FIN_REPEATED]!));
  }

  /** A row delivered at once (or read as lost) is taken in only after the receiver's row of `index`: it and what follows read anew. */
  private takenInAfter(row: ObservedRow, index: number): void {
    this.redelivered(row);
    row.delivery = index;
    (this.deferred ??= []).push(row);
  }

  /**
   * A FIN just read as taken in after the peer's row: when that row's ACK does not reach even the
   * data sent before the FIN, the peer was missing some of it, and takes segments in sequence order
   * (RFC 9293 §3.10.7.4): the FIN waits for that data (fillsGap), whether it crossed the row or
   * arrived before it out of order, as a duplicate ACK with a SACK block over the FIN shows.
   */
  private followGap(fin: ObservedRow, row: ObservedRow): void {
    if (!(fin.flags & TcpFlag.FIN)) return;
    // One wait per endpoint, its latest copy's: all its copies carry the same FIN, and only the latest waits.
    const waiting = fin.from === "client" ? this.gapClient : this.gapServer;
    if (waiting !== undefined && waiting.fin.index > fin.index) return;
    const wait = hadAllBefore(row, fin) ? undefined : { fin, missing: row.segment.ack, carrier: -1 };
    if (fin.from === "client") this.gapClient = wait;
    else this.gapServer = wait;
  }

  /**
   * The row sends again the first byte the peer was missing before its sender's FIN (followGap),
   * which the peer has not acknowledged yet: the gap is filled, and the FIN, held behind it, is
   * taken in with this row. When a segment already filled it and the peer has said nothing since,
   * that one most likely never arrived (as a copy of a SYN or FIN, Evidence.repeats): the FIN
   * waits for this one instead.
   */
  private fillsGap(wait: GapWait, row: ObservedRow): RevisionReason | undefined {
    const fin = wait.fin;
    if (fin.delivery === LOST || !bringsByte(row, wait.missing)) return undefined;
    // Still unacknowledged: a copy of it is left in the list (an ACK of one covers every copy).
    const uncovered = row.from === "client" ? this.uncoveredClient : this.uncoveredServer;
    if (uncovered === undefined || uncovered.length === 0 || !sameControl(uncovered.at(-1)!, fin)) return undefined;
    if (wait.carrier >= 0 && this.lastSent(peerOf(row.from)) > wait.carrier) return undefined;
    wait.carrier = row.index;
    this.redelivered(fin);
    fin.delivery = row.index;
    return "behind-gap";
  }

  /**
   * A repeated SYN or FIN: every ACK of it the peer sent before never arrived (the sender would
   * not repeat it otherwise), and a copy the peer said nothing to most likely did not arrive either.
   */
  private repeats(
    row: ObservedRow,
    me: number,
    peer: number,
    history: HeldRows<ObservedRow>,
  ): RevisionReason | undefined {
    let reason: RevisionReason | undefined;
    const table = this.table;
    // The rows up to its last repeat of the same were weighed then, and none of them changed since.
    let weighedUpTo = Number.POSITIVE_INFINITY;
    if (row.repeatsSyn) weighedUpTo = table[me + SYN_REPEATED]!;
    if (row.repeatsFin) weighedUpTo = Math.min(weighedUpTo, table[me + FIN_REPEATED]!);
    const first = history.first?.index ?? row.index;
    for (let i = Math.max(0, weighedUpTo + 1 - first); i < history.length; i++) {
      const earlier = history.at(i);
      if (earlier.index >= row.index) break;
      if (earlier.from === row.from || earlier.delivery === LOST) continue;
      if (repeatsWhatAcknowledges(row, earlier)) {
        this.markLost(earlier, row.frame, "ack");
        reason = "ack-lost";
      }
    }
    if (row.repeatsSyn) table[me + SYN_REPEATED] = row.index;
    if (row.repeatsFin) table[me + FIN_REPEATED] = row.index;
    // Only a peer known to be there (it spoke before) is expected to answer.
    const lastControl = table[me + LAST_CONTROL]!;
    const peerLast = table[peer + LAST_SENT]!;
    if (lastControl >= 0 && peerLast >= 0 && peerLast < lastControl) {
      const copy = history.withIndex(lastControl);
      if (copy !== undefined && copy.delivery !== LOST) {
        this.markLost(copy, row.frame, "copy");
        reason ??= "copy-lost";
      }
    }
    return reason;
  }

  private record(row: ObservedRow, me: number, peer: number): void {
    const table = this.table;
    const segment = row.segment;
    timeSent(table, roundTripsOf(row.from), segment.seq, sequenceEndOf(segment), row.advances, segment);
    if (row.flags & TcpFlag.ACK) timeAcknowledged(table, roundTripsOf(peerOf(row.from)), segment.ack, segment);
    // It carries a SYN or a FIN (the sequence number one occupies): flags, not a number worked out.
    if (row.flags & (TcpFlag.SYN | TcpFlag.FIN)) {
      table[me + LAST_CONTROL] = row.index;
      if (me === CLIENT_FACTS) this.uncoveredClient = withRow(this.uncoveredClient, row);
      else this.uncoveredServer = withRow(this.uncoveredServer, row);
    }
    table[me + LAST_SENT] = row.index;
    if ((row.flags & (TcpFlag.ACK | TcpFlag.SYN | TcpFlag.RST)) === TcpFlag.ACK) table[me + SYNCHRONIZED] = 1;
    if (table[me + UNANSWERED]! < 0) table[me + UNANSWERED] = row.index;
    table[peer + UNANSWERED] = -1;
  }

  private markLost(row: ObservedRow, proof: number, as: LostProof["as"]): void {
    this.redelivered(row);
    const deferred = this.deferred;
    const deferredAt = deferred === undefined ? -1 : deferred.indexOf(row);
    if (deferredAt >= 0) removeAt(deferred!, deferredAt);
    row.delivery = LOST;
    row.lost = { frame: proof, as };
  }

  /** The row is about to reach its receiver elsewhere, or never: it reads differently (its notes say where), and so may every row after it. */
  private redelivered(row: ObservedRow): void {
    if (row.index < this.revisedFrom) this.revisedFrom = row.index;
  }

  /**
   * A row taken in after an earlier segment of the peer is taken in after this one: the rows from
   * that segment on read differently, and the row itself only in its note (recrossed). A FIN sent
   * again and again while the peer's segments acknowledge none of its copies would otherwise have
   * every row since the first copy read again at each segment.
   */
  private crossedAgain(row: ObservedRow): void {
    if (row.delivery < this.revisedFrom) this.revisedFrom = row.delivery;
    (this.recrossed ??= []).push(row);
  }

  /** Nothing will be weighed any more (the connection is retired): the lists are let go of. */
  protected releaseEvidence(): void {
    this.uncoveredClient = undefined;
    this.uncoveredServer = undefined;
    this.deferred = undefined;
    this.recrossed = undefined;
    this.gapClient = undefined;
    this.gapServer = undefined;
  }

  /** Forget rows that left the history: no later segment can change how they read. */
  protected forget(before: number): void {
    if (this.uncoveredClient !== undefined) dropLeadingBefore(this.uncoveredClient, before);
    if (this.uncoveredServer !== undefined) dropLeadingBefore(this.uncoveredServer, before);
    if (this.deferred !== undefined) dropBefore(this.deferred, before);
    if (this.gapClient !== undefined && this.gapClient.fin.index < before) this.gapClient = undefined;
    if (this.gapServer !== undefined && this.gapServer.fin.index < before) this.gapServer = undefined;
  }
}

/**
 * A FIN waiting for the data before it (Evidence.gapClient, gapServer): `missing`, the first byte its receiver
 * had not had; `carrier`, the index of the row that sent it again, with which the FIN is taken in
 * (-1 while none has).
 */
interface GapWait {
  fin: ObservedRow;
  missing: number;
  carrier: number;
}

/** Data alone, without SYN, FIN or RST: what sending again the data before a FIN looks like. */
function isPlainData(row: ObservedRow): boolean {
  return row.segment.payloadLength > 0 && !(row.flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST));
}

/** The row's data holds the byte at sequence number `seq`. */
function bringsByte(row: ObservedRow, seq: number): boolean {
  const segment = row.segment;
  return seqDiff(segment.seq, seq) <= 0 && seqDiff(seq, segment.seq) < segment.payloadLength;
}

/** Does the row's ACK cover the earlier row's SYN or FIN (the sequence number it occupies)? */
function covers(row: ObservedRow, earlier: ObservedRow): boolean {
  if (!(row.flags & TcpFlag.ACK)) return false;
  return seqGt(row.segment.ack, controlSeqOf(earlier));
}

/**
 * The row's ACK covers all its peer sent before `earlier` (a SYN has nothing before it): only then
 * does its not covering `earlier` show that one never arrived. A FIN queued after the capture point
 * behind its sender's own data waits as long as that data does, however many round trips that takes.
 */
function hadAllBefore(row: ObservedRow, earlier: ObservedRow): boolean {
  if (earlier.flags & TcpFlag.SYN) return true;
  return (row.flags & TcpFlag.ACK) !== 0 && seqDiff(row.segment.ack, earlier.segment.seq) >= 0;
}

/** The row repeats the SYN or FIN that `earlier` acknowledges: it shows that ACK lost (repeats), a proof by the sender's own words. */
function repeatsWhatAcknowledges(row: ObservedRow, earlier: ObservedRow): boolean {
  return (row.repeatsSyn && earlier.acksPeerSyn) || (row.repeatsFin && earlier.acksPeerFin);
}

/** The next row listed for the endpoint is a copy of `row`'s SYN or FIN. */
function sentAgain(row: ObservedRow, next: ObservedRow | undefined): boolean {
  return next !== undefined && sameControl(row, next);
}

/** Two rows of one endpoint carry the same SYN or FIN (the same flag at the same sequence number): copies. */
function sameControl(row: ObservedRow, other: ObservedRow): boolean {
  if ((row.flags ^ other.flags) & (TcpFlag.SYN | TcpFlag.FIN)) return false;
  return controlSeqOf(row) === controlSeqOf(other);
}

/** The sequence number a row's FIN, or else its SYN, occupies (a row kept as uncovered carries one). */
function controlSeqOf(row: ObservedRow): number {
  return row.finSeq ?? row.synSeq!;
}

/** An ACK with neither SYN nor RST: what a synchronized connection answers a SYN with (a challenge ACK). */
function answersAsOlderConnection(row: ObservedRow): boolean {
  return (row.flags & (TcpFlag.SYN | TcpFlag.RST | TcpFlag.ACK)) === TcpFlag.ACK;
}

/** A segment a closed endpoint would not send: neither a RST (what it answers with) nor a SYN opening anew. */
function speaksAsOpen(flags: number): boolean {
  return !(flags & TcpFlag.RST) && (flags & (TcpFlag.SYN | TcpFlag.ACK)) !== TcpFlag.SYN;
}

function isBareReset(flags: number): boolean {
  return (flags & (TcpFlag.RST | TcpFlag.ACK)) === TcpFlag.RST;
}

/**
 * The list with the row added, made for it if there is none: made as `[row]`, it has room for that
 * row alone, which most endpoints' lists never outgrow (a SYN, covered and taken out, then a FIN),
 * where a first push into an empty array makes room for seventeen.
 */
function withRow(rows: ObservedRow[] | undefined, row: ObservedRow): ObservedRow[] {
  if (rows === undefined) return [row];
  rows.push(row);
  return rows;
}

/** Take out one row, the rest moving up: splice would make an array of the one taken out. */
function removeAt(rows: ObservedRow[], at: number): void {
  for (let i = at + 1; i < rows.length; i++) rows[i - 1] = rows[i]!;
  rows.pop();
}

/** dropBefore for rows in order: they leave from the front (V8 moves where a short array starts rather than its items). */
function dropLeadingBefore(rows: ObservedRow[], before: number): void {
  while (rows.length > 0 && rows[0]!.index < before) rows.shift();
}

/** Rows of index below `before` taken out, the rest in their order; nothing is moved when none is (most settling drops none). */
function dropBefore(rows: ObservedRow[], before: number): void {
  let kept = 0;
  while (kept < rows.length && rows[kept]!.index >= before) kept++;
  for (let i = kept + 1; i < rows.length; i++) if (rows[i]!.index >= before) rows[kept++] = rows[i]!;
  truncate(rows, kept);
}
