import { TcpFlag } from "../../decode/segment.js";
import type { Endpoint } from "../endpoint.js";
import { peerOf, type Role, type TcpState } from "../states.js";
import type { StateChange, TransitionCause } from "../transition.js";
import { ChangeLog } from "./change-log.js";
import { Evidence, type RevisionReason } from "./evidence.js";
import {
  bothConfidences,
  bothStatesFrom,
  DELIVERED_AT_ONCE,
  LOST,
  type BothConfidences,
  type BothStates,
  type Confidence,
  type ObservedRow,
} from "./row.js";
import { applyArrival, applySending, RowOutcome } from "./rules.js";
import { copySides, Side, type Sides } from "./side.js";
import { truncate } from "../truncate.js";

/** A connection's rows are kept for hindsight at most this long; past it the oldest are final (docs/tracking-model.md). */
export const HISTORY_LIMIT = 1024;

/** Rows told with states that later evidence changed: one endpoint, named by frame. */
export interface Revision {
  /** The frame whose segment proves it. */
  frame: number;
  endpoint: Role;
  reason: RevisionReason;
  rows: { frame: number; was: TcpState; now: TcpState }[];
}

const NO_REVISIONS: readonly Revision[] = Object.freeze([]);
const NO_ROWS: readonly ObservedRow[] = Object.freeze([]);
/** Moves the sides without recording: rows already read, which the anchor catches up with (never changed itself). */
const MOVES_ONLY = Object.freeze(new RowOutcome(-1, false));

/**
 * The observer model with hindsight (docs/tracking-model.md): a connection's recent rows are kept
 * until nothing that may still come can change how they read. Each new row is weighed as evidence
 * about the earlier ones; when it changes a fact (a segment that crossed, an ACK that was lost, an
 * endpoint that was never listening), the kept rows are read again from the last settled point.
 * A row is told (settled) once no open question reaches it, or when the caller cannot wait.
 */
export class Hindsight {
  private readonly evidence: Evidence;
  /** Rows not final yet, in order: the settled ones first, then those told early, then the rest (one array, emptied and refilled in place). */
  private readonly history: ObservedRow[] = [];
  /** Both sides before the first kept row, and after the last. */
  private anchor: Sides;
  private sides: Sides;
  private readonly committed = new ChangeLog();
  private rowCount = 0;
  private statesNow: BothStates | undefined;
  /** What `read` works out for each row, reset for the next (its lists go to the row). */
  private readonly outcome = new RowOutcome(0);

  constructor(
    private readonly client: Endpoint,
    private readonly server: Endpoint,
  ) {
    this.evidence = new Evidence(client.state, server.state);
    this.anchor = { client: new Side("client", client.state), server: new Side("server", server.state) };
    this.sides = copySides(this.anchor);
  }

  /** The index the next row takes. */
  get nextIndex(): number {
    return this.rowCount;
  }

  /** Both endpoints' states after the last row, as the evidence so far reads them (the pair object kept while they hold). */
  get states(): BothStates {
    this.statesNow = bothStatesFrom(this.statesNow, this.sides.client.state, this.sides.server.state);
    return this.statesNow;
  }

  /** Every state change, the final ones and those the kept rows make as they read now (made anew at each call). */
  get changes(): readonly StateChange[] {
    const all: StateChange[] = [];
    for (let i = 0; i < this.committed.length; i++) all.push(this.committed.at(i));
    for (const row of this.history) for (const change of row.changes) all.push(change);
    return all;
  }

  /** Each state change's cause, endpoint and frame, in order, as `changes` lists them, without making them. */
  eachChange(visit: (cause: TransitionCause, endpoint: Role, frame: number) => void): void {
    const committed = this.committed;
    for (let i = 0; i < committed.length; i++) visit(committed.cause(i), committed.endpoint(i), committed.frame(i));
    for (const row of this.history)
      for (const change of row.changes) visit(change.cause, change.endpoint, change.frame);
  }

  /** How sure each endpoint's state after the last row is. */
  get confidenceNow(): BothConfidences {
    const { client, server } = this.sides;
    return bothConfidences(this.confidence("client", client.basis), this.confidence("server", server.basis));
  }

  /** The start the passive side turned out to have: CLOSED when nothing listened. */
  initialOf(role: Role): TcpState {
    return this.evidence.of(role).initial;
  }

  /** What the endpoint's state rests on, at a row whose arrival (basis) or whose own sending (-1) put it there. */
  confidence(role: Role, basis: number): Confidence {
    const lastSent = this.evidence.of(role).lastSent;
    if (lastSent < 0) return "unknown";
    return basis < 0 || lastSent > basis ? "confirmed" : "inferred";
  }

  /** Take in a new row: weigh it as evidence, read it (and the kept rows again if it changed a fact). */
  observe(row: ObservedRow): readonly Revision[] {
    const reason = this.evidence.weigh(row, this.history);
    this.history.push(row);
    this.rowCount = row.index + 1;
    let revisions = NO_REVISIONS;
    if (reason === undefined) this.read(row, this.sides, NO_ROWS);
    else revisions = this.replay(reason, row.frame);
    this.changed();
    return revisions;
  }

  /** Rows no later segment can change, not told before: told now, in order. The oldest rows past the limit are told too. */
  takeSettled(tell: (row: ObservedRow) => void): void {
    const history = this.history;
    let boundary = this.boundary();
    const overflow = history.length - HISTORY_LIMIT;
    if (overflow > 0) boundary = Math.max(boundary, history[overflow]!.index);
    // Indexed loops here and below: a for-of iterator is allocated where V8 cannot inline it, on every segment.
    for (let i = 0; i < history.length; i++) {
      const row = history[i]!;
      if (row.index >= boundary) break;
      if (row.told === undefined) tell(row);
    }
    this.settleBefore(boundary);
  }

  /** Tell every row now (the caller cannot wait); they are kept, so later evidence can still revise them. */
  tellAll(tell: (row: ObservedRow) => void): void {
    const history = this.history;
    for (let i = 0; i < history.length; i++) if (history[i]!.told === undefined) tell(history[i]!);
  }

  /** Tell every row and make all final: nothing will come (retired), or a timer moves the connection on. */
  finalize(tell: (row: ObservedRow) => void): void {
    this.tellAll(tell);
    this.settleBefore(this.rowCount);
  }

  /** The connection is retired (after finalize): its emptied lists give their stores back. */
  release(): void {
    this.history.length = 0;
    this.evidence.release();
  }

  /** 2*MSL ran out for a TIME_WAIT endpoint (RFC 9293 §3.10.8): call after finalize. */
  expireTimeWait(role: Role, frame: number): StateChange | undefined {
    const side = this.sides[role];
    if (side.state !== "TIME_WAIT") return undefined;
    const out = new RowOutcome(frame);
    out.move(side, "CLOSED", "time-wait-expired", -1);
    this.anchor = copySides(this.sides);
    const change = out.changes[0]!;
    this.committed.push(change);
    this.changed();
    return change;
  }

  /** When the endpoint entered TIME_WAIT (or a repeated FIN restarted its timer), while it is there. */
  timeWaitSince(role: Role): number | undefined {
    const side = this.sides[role];
    return side.state === "TIME_WAIT" ? side.timeWaitSince : undefined;
  }

  /**
   * The earliest row a later segment could still change: the peer's answer to an unacknowledged
   * SYN or FIN, a repeat that would prove an ACK lost, the first word of an endpoint that has said
   * nothing, or a bare RST answering segments not yet answered.
   */
  private boundary(): number {
    const first = this.history[0];
    if (first === undefined) return this.rowCount;
    const evidence = this.evidence;
    if (!evidence.bothSpoke) return first.index;
    const { uncovered, deferred } = evidence;
    let boundary = this.rowCount;
    for (let i = 0; i < uncovered.length; i++) if (uncovered[i]!.index < boundary) boundary = uncovered[i]!.index;
    boundary = earlierMark(boundary, this.sides.client.unconfirmedAck);
    boundary = earlierMark(boundary, this.sides.server.unconfirmedAck);
    boundary = earlierMark(boundary, evidence.client.unanswered);
    boundary = earlierMark(boundary, evidence.server.unanswered);
    // A row taken in only after a later one is read with it.
    for (let moved = true; moved; ) {
      moved = false;
      for (let i = 0; i < deferred.length; i++) {
        const row = deferred[i]!;
        if (row.index < boundary && row.delivery >= boundary) {
          boundary = row.index;
          moved = true;
        }
      }
    }
    return boundary;
  }

  /** Rows before `boundary` are final: the anchor moves past them and their changes are committed. */
  private settleBefore(boundary: number): void {
    const history = this.history;
    let count = 0;
    while (count < history.length && history[count]!.index < boundary && history[count]!.told !== undefined) count++;
    if (count === 0) return;
    // The anchor is this instance's own: moved in place rather than copied anew per segment.
    if (count === history.length) {
      this.anchor.client.copyFrom(this.sides.client);
      this.anchor.server.copyFrom(this.sides.server);
    } else {
      this.readAll(history, count, this.anchor, false);
    }
    const committed = this.committed;
    for (let i = 0; i < count; i++) {
      const changes = history[i]!.changes;
      for (let j = 0; j < changes.length; j++) committed.push(changes[j]!);
    }
    for (let i = count; i < history.length; i++) history[i - count] = history[i]!;
    truncate(history, history.length - count);
    this.evidence.forget(boundary);
  }

  /** Read every kept row again from the anchor, with the facts as they stand now. */
  private replay(reason: RevisionReason, frame: number): readonly Revision[] {
    if (this.history[0]?.index === 0) {
      // Read from the start: with what the endpoints' own segments showed they were before it.
      this.anchor.client.state = this.evidence.client.initial;
      this.anchor.server.state = this.evidence.server.initial;
    }
    const sides = copySides(this.anchor);
    this.readAll(this.history, this.history.length, sides, true);
    this.sides = sides;
    return this.revisionsOf(reason, frame);
  }

  /** Read the first `count` rows from `sides`, which they move. */
  private readAll(rows: readonly ObservedRow[], count: number, sides: Sides, write: boolean): void {
    let waiting: ObservedRow[] | undefined;
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      const due = waiting === undefined ? NO_ROWS : takeDue(waiting, row.index);
      if (write) this.read(row, sides, due);
      else this.advance(row, sides, due);
      if (row.delivery !== DELIVERED_AT_ONCE && row.delivery !== LOST) (waiting ??= []).push(row);
    }
  }

  /** One row's effects on both sides, written into the row (and its segment, until told). */
  private read(row: ObservedRow, sides: Sides, due: readonly ObservedRow[]): void {
    const out = this.outcome;
    out.reset(row.frame);
    this.effects(row, sides, due, out);
    row.states = bothStatesFrom(row.states, sides.client.state, sides.server.state);
    row.changes = out.changes;
    row.notes = out.notes;
    row.basisClient = sides.client.basis;
    row.basisServer = sides.server.basis;
    const tracked = row.tracked;
    if (tracked !== undefined) {
      tracked.states = row.states;
      tracked.changes = row.changes;
      tracked.notes = row.notes;
      tracked.receipt = row.receipt;
    }
  }

  /** Move the sides past a row without writing anything (the anchor catching up with settled rows). */
  private advance(row: ObservedRow, sides: Sides, due: readonly ObservedRow[]): void {
    this.effects(row, sides, due, MOVES_ONLY);
  }

  private effects(row: ObservedRow, sides: Sides, due: readonly ObservedRow[], out: RowOutcome): void {
    const sender = sides[row.from];
    const receiver = sides[peerOf(row.from)];
    const evidence = this.evidence;
    if (evidence.of(receiver.role).lostAt === row.index) out.move(receiver, "CLOSED", "lost-connection", -1);
    if (evidence.of(sender.role).lostAt === row.index) out.move(sender, "CLOSED", "lost-connection", -1);
    applySending(sender, receiver, row, out);
    if (row.flags & TcpFlag.RST && evidence.of(sender.role).lostAt >= 0) out.note("rst-no-connection");
    // Segments of the peer that reached the sender only after it sent this one (they crossed).
    for (let i = 0; i < due.length; i++) applyArrival(sender, receiver, due[i]!, out);
    const before = out.changes.length;
    if (row.delivery === DELIVERED_AT_ONCE && evidence.of(receiver.role).lastSent >= 0) {
      if (row.flags & TcpFlag.SYN && !(row.flags & TcpFlag.ACK) && receiver.state === "CLOSED")
        out.note("nothing-listens");
      applyArrival(receiver, sender, row, out);
      if (out.recording) row.receipt = out.changes.length > before ? out.changes[before]!.cause : undefined;
    } else if (out.recording) {
      row.receipt = simulatedArrival(receiver, sender, row);
      this.noteUndelivered(row, out);
    }
    if (row.repeatsFin && !out.notes.some((note) => note.id === "fin-retransmitted-in-time-wait"))
      out.note("fin-retransmitted");
  }

  /** Why this row did not move its receiver here: lost, taken in later, or nobody known to take it. */
  private noteUndelivered(row: ObservedRow, out: RowOutcome): void {
    if (row.delivery === LOST) {
      out.note(row.lostAs === "ack" ? "ack-lost" : "copy-lost", row.lostProof);
    } else if (row.delivery !== DELIVERED_AT_ONCE) {
      const after = this.history.find((kept) => kept.index === row.delivery);
      out.note("crossed", after?.frame);
    } else if (row.flags & TcpFlag.SYN && !(row.flags & TcpFlag.ACK)) {
      out.note("no-answer");
    }
  }

  /** Told rows whose states the replay changed, by endpoint; they are told again with the new ones. */
  private revisionsOf(reason: RevisionReason, frame: number): readonly Revision[] {
    let revisions: Revision[] | undefined;
    for (const role of ["client", "server"] as const) {
      let revision: Revision | undefined;
      for (const row of this.history) {
        const told = row.told;
        if (told === undefined || told[role] === row.states[role]) continue;
        revision ??= { frame, endpoint: role, reason, rows: [] };
        revision.rows.push({ frame: row.frame, was: told[role], now: row.states[role] });
      }
      if (revision !== undefined) (revisions ??= []).push(revision);
    }
    for (const row of this.history) if (row.told !== undefined) row.told = row.states;
    return revisions ?? NO_REVISIONS;
  }

  private changed(): void {
    this.client.state = this.sides.client.state;
    this.server.state = this.sides.server.state;
  }
}

/** The earlier of a boundary and a row index that holds it back (-1: none). */
function earlierMark(boundary: number, index: number): number {
  return index >= 0 && index < boundary ? index : boundary;
}

/** The rows of `waiting` due after the row at `index`, taken out in order. */
function takeDue(waiting: ObservedRow[], index: number): readonly ObservedRow[] {
  let due: ObservedRow[] | undefined;
  for (let i = 0; i < waiting.length; ) {
    const row = waiting[i]!;
    if (row.delivery !== index) {
      i++;
      continue;
    }
    waiting.splice(i, 1);
    (due ??= []).push(row);
  }
  return due ?? NO_ROWS;
}

/** The move a row would make of its receiver on arrival now, without making it (its step still says what it is). */
function simulatedArrival(receiver: Side, sender: Side, row: ObservedRow): StateChange["cause"] | undefined {
  const out = new RowOutcome(row.frame);
  applyArrival(receiver.copy(), sender.copy(), row, out);
  return out.changes[0]?.cause;
}
