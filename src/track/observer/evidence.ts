import { TcpFlag } from "../../decode/segment.js";
import { seqGt } from "../seq.js";
import { truncate } from "../truncate.js";
import { peerOf, type Role, type TcpState } from "../states.js";
import { DELIVERED_AT_ONCE, LOST, type ObservedRow } from "./row.js";

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
  | "lost-connection";

/** What an endpoint's own segments have shown so far. */
export interface EndpointEvidence {
  /** Its state before the capture's first segment, as its own segments show it. */
  initial: TcpState;
  /** The index of its latest row; -1 while it has sent nothing (all about it is unknown). */
  lastSent: number;
  /** The index of its first row since the peer last sent; -1 when the peer has answered. */
  unanswered: number;
  /** The index of the row at which it had lost the connection (a later bare RST shows it); -1 if not. */
  lostAt: number;
  /** The index of its latest row with a SYN or FIN, for a repeat to find the copy before it. */
  lastControl: number;
  /** It has sent an ACK past the handshake: by its own words it held a synchronized connection. */
  synchronized: boolean;
}

function evidenceFor(initial: TcpState): EndpointEvidence {
  return { initial, lastSent: -1, unanswered: -1, lostAt: -1, lastControl: -1, synchronized: false };
}

/**
 * The facts later segments establish about earlier ones (docs/tracking-model.md, Evidence): when,
 * or whether, each segment reached its receiver, and what each endpoint was before it spoke.
 */
export class Evidence {
  readonly client: EndpointEvidence;
  readonly server: EndpointEvidence;
  /** SYN and FIN rows the peer has not acknowledged yet: a segment of the peer that does not may show they crossed. */
  readonly uncovered: ObservedRow[] = [];
  /** Rows whose receiver took them in only after one of its own later rows. */
  readonly deferred: ObservedRow[] = [];

  constructor(client: TcpState, server: TcpState) {
    this.client = evidenceFor(client);
    this.server = evidenceFor(server);
  }

  of(role: Role): EndpointEvidence {
    return role === "client" ? this.client : this.server;
  }

  /** Both endpoints have sent a segment: the states of both rest on their own words. */
  get bothSpoke(): boolean {
    return this.client.lastSent >= 0 && this.server.lastSent >= 0;
  }

  /**
   * Weigh a new row against the rows before it (`history`, in order). Returns why earlier rows
   * read differently now, or undefined.
   */
  weigh(row: ObservedRow, history: readonly ObservedRow[]): RevisionReason | undefined {
    const me = this.of(row.from);
    const peer = this.of(peerOf(row.from));
    let reason = me.lastSent < 0 ? this.firstWords(row, me, history) : undefined;
    reason = this.crossings(row) ?? reason;
    if (row.repeatsSyn || row.repeatsFin) reason = this.repeats(row, me, peer, history) ?? reason;
    if (isBareReset(row.flags) && row.rstAcceptable && me.synchronized) {
      me.lostAt = peer.lastSent > me.lastSent ? peer.lastSent : row.index;
      reason = "lost-connection";
    }
    this.record(row, me, peer);
    return reason;
  }

  /** An endpoint's first segment: what reached it before now took effect, and its start may read differently. */
  private firstWords(
    row: ObservedRow,
    me: EndpointEvidence,
    history: readonly ObservedRow[],
  ): RevisionReason | undefined {
    if (me.initial === "LISTEN" && row.flags & TcpFlag.RST) {
      me.initial = "CLOSED";
      return "nothing-listened";
    }
    if (me.initial === "LISTEN" && (row.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN) {
      me.initial = "CLOSED";
      return "opened-too";
    }
    return history.length > 0 ? "answered" : undefined;
  }

  /** RFC 9293 §3.5, §3.6: a segment that does not acknowledge the peer's SYN or FIN was sent before that arrived. */
  private crossings(row: ObservedRow): RevisionReason | undefined {
    let reason: RevisionReason | undefined;
    const uncovered = this.uncovered;
    for (let i = uncovered.length - 1; i >= 0; i--) {
      const earlier = uncovered[i]!;
      if (earlier.from === row.from) continue;
      if (covers(row, earlier)) {
        removeAt(uncovered, i);
      } else if (earlier.delivery !== LOST && earlier.delivery < row.index) {
        if (earlier.delivery === DELIVERED_AT_ONCE) this.deferred.push(earlier);
        earlier.delivery = row.index;
        reason = "crossed";
      }
    }
    return reason;
  }

  /**
   * A repeated SYN or FIN: every ACK of it the peer sent before never arrived (the sender would
   * not repeat it otherwise), and a copy the peer said nothing to most likely did not arrive either.
   */
  private repeats(
    row: ObservedRow,
    me: EndpointEvidence,
    peer: EndpointEvidence,
    history: readonly ObservedRow[],
  ): RevisionReason | undefined {
    let reason: RevisionReason | undefined;
    for (const earlier of history) {
      if (earlier.index >= row.index) break;
      if (earlier.from === row.from || earlier.delivery === LOST) continue;
      if ((row.repeatsSyn && earlier.acksPeerSyn) || (row.repeatsFin && earlier.acksPeerFin)) {
        markLost(this, earlier, row.frame, "ack");
        reason = "ack-lost";
      }
    }
    // Only a peer known to be there (it spoke before) is expected to answer.
    if (me.lastControl >= 0 && peer.lastSent >= 0 && peer.lastSent < me.lastControl) {
      const copy = history.find((earlier) => earlier.index === me.lastControl);
      if (copy !== undefined && copy.delivery !== LOST) {
        markLost(this, copy, row.frame, "copy");
        reason ??= "copy-lost";
      }
    }
    return reason;
  }

  private record(row: ObservedRow, me: EndpointEvidence, peer: EndpointEvidence): void {
    if (row.synSeq !== undefined || row.finSeq !== undefined) {
      me.lastControl = row.index;
      this.uncovered.push(row);
    }
    me.lastSent = row.index;
    if ((row.flags & (TcpFlag.ACK | TcpFlag.SYN | TcpFlag.RST)) === TcpFlag.ACK) me.synchronized = true;
    if (me.unanswered < 0) me.unanswered = row.index;
    peer.unanswered = -1;
  }

  /** Nothing will be weighed any more (the connection is retired): the lists give their stores back. */
  release(): void {
    this.uncovered.length = 0;
    this.deferred.length = 0;
  }

  /** Forget rows that left the history: no later segment can change how they read. */
  forget(before: number): void {
    dropBefore(this.uncovered, before);
    dropBefore(this.deferred, before);
  }
}

function markLost(evidence: Evidence, row: ObservedRow, proof: number, as: "ack" | "copy"): void {
  const deferredAt = evidence.deferred.indexOf(row);
  if (deferredAt >= 0) removeAt(evidence.deferred, deferredAt);
  row.delivery = LOST;
  row.lostProof = proof;
  row.lostAs = as;
}

/** Does the row's ACK cover the earlier row's SYN or FIN (the sequence number it occupies)? */
function covers(row: ObservedRow, earlier: ObservedRow): boolean {
  if (!(row.flags & TcpFlag.ACK)) return false;
  const control = earlier.finSeq ?? earlier.synSeq!;
  return seqGt(row.ack, control);
}

function isBareReset(flags: number): boolean {
  return (flags & (TcpFlag.RST | TcpFlag.ACK)) === TcpFlag.RST;
}

/** Take out one row, the rest moving up: splice would make an array of the one taken out. */
function removeAt(rows: ObservedRow[], at: number): void {
  for (let i = at + 1; i < rows.length; i++) rows[i - 1] = rows[i]!;
  rows.pop();
}

function dropBefore(rows: ObservedRow[], before: number): void {
  let kept = 0;
  for (let i = 0; i < rows.length; i++) if (rows[i]!.index >= before) rows[kept++] = rows[i]!;
  truncate(rows, kept);
}
