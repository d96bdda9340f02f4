import { TcpFlag } from "../../decode/segment.js";
import type { Endpoint } from "../endpoint.js";
import { peerOf, type Role, type TcpState } from "../states.js";
import type { StateChange, TransitionCause } from "../transition.js";
import { causeOfCode, changeCodeAt, changeCount, changeOfCode, endpointOfCode } from "./change-code.js";
import { ChangeLog } from "./change-log.js";
import { Evidence, type RevisionReason } from "./evidence.js";
import { HeldRows } from "./held-rows.js";
import type { Note } from "../notes.js";
import {
  bothConfidencesOfCodes,
  bothStatesOfCodes,
  ConfidenceCode,
  confidencePairCode,
  statePairCode,
  DELIVERED_AT_ONCE,
  LOST,
  type BothConfidences,
  type BothStates,
  type ObservedRow,
} from "./row.js";
import { applyArrival, applySending } from "./rules.js";
import { ANCHOR, BEFORE_LAST, NOW, peerSlot, slotOf } from "./side.js";

/** A connection's rows are kept for hindsight at most this long; past it the oldest are final (docs/tracking-model.md). */
export const HISTORY_LIMIT = 1024;
/**
 * The rows all open connections keep at most, shared among them, and the fewest each may keep:
 * an endpoint that never speaks (a capture of one direction) leaves every row of its connection
 * kept, about 500 bytes each, and 10,000 such connections at HISTORY_LIMIT would outgrow V8's heap.
 */
const KEPT_ROWS_BUDGET = 2 ** 18;
const MIN_HISTORY_LIMIT = 32;

/** How many rows each connection may keep while `open` connections are open: HISTORY_LIMIT up to 256 of them, then their share of KEPT_ROWS_BUDGET. */
export function historyLimit(open: number): number {
  return Math.max(MIN_HISTORY_LIMIT, Math.min(HISTORY_LIMIT, Math.floor(KEPT_ROWS_BUDGET / Math.max(1, open))));
}

/** Rows told with states that later evidence changed: one endpoint, named by frame. */
export interface Revision {
  /** The frame whose segment proves it. */
  frame: number;
  endpoint: Role;
  reason: RevisionReason;
  rows: { frame: number; was: TcpState; now: TcpState }[];
}

/** A reader of the state changes' codes (Hindsight.eachChangeCode): one method, so that no closure is made per connection. */
export interface ChangeVisitor {
  visit(code: number, frame: number): void;
}

const NO_REVISIONS: readonly Revision[] = Object.freeze([]);
/** The note a LOST row carries, by what showed it lost. */
const LOST_NOTES = {
  ack: "ack-lost",
  copy: "copy-lost",
  unacknowledged: "copy-unacknowledged",
  rst: "rst-lost",
  late: "not-arrived",
  old: "old-connection",
} as const;
const NO_ROWS: readonly ObservedRow[] = Object.freeze([]);

/**
 * The observer model with hindsight (docs/tracking-model.md): a connection's recent rows are kept
 * until nothing that may still come can change how they read. Each new row is weighed as evidence
 * about the earlier ones; when it changes a fact (a segment that crossed, an ACK that was lost, an
 * endpoint that was never listening), the kept rows are read again from the last settled point.
 * A row is told (settled) once no open question reaches it, or when the caller cannot wait.
 * The evidence and both endpoints' sides, now and at the anchor (before the first kept row), are
 * this object's own (it extends Evidence, which extends Sides): one object and one array of small
 * integers per connection rather than one object per side. Its rows are the caller's (Row, the
 * tracker's segments), handed back to it as they are told.
 */
export class Hindsight<Row extends ObservedRow = ObservedRow> extends Evidence {
  /** Rows not final yet, in order: the settled ones first, then those told early, then the rest. */
  private readonly history = new HeldRows<Row>();
  /** Settled changes, made at the first. */
  private committed: ChangeLog | undefined;
  private rowCount = 0;
  /** Rows told so far: they are told in order, so these are the first ones. */
  private toldRows = 0;

  constructor(
    private readonly client: Endpoint,
    private readonly server: Endpoint,
  ) {
    super(client.state, server.state);
  }

  /** The index the next row takes. */
  get nextIndex(): number {
    return this.rowCount;
  }

  /** How many rows were told (settled): the rows of index below it. */
  get toldCount(): number {
    return this.toldRows;
  }

  /** Both endpoints' states after the last row, as the evidence so far reads them (one frozen object per pair of states). */
  get states(): BothStates {
    return bothStatesOfCodes(this.stateCode(NOW), this.stateCode(NOW + 1));
  }

  /** Every state change, the final ones and those the kept rows make as they read now (made anew at each call). */
  get changes(): readonly StateChange[] {
    const all: StateChange[] = [];
    const committed = this.committed;
    if (committed !== undefined) for (let i = 0; i < committed.length; i++) all.push(committed.at(i));
    const history = this.history;
    for (let position = 0; position < history.length; position++) {
      const row = history.at(position);
      const codes = row.changeCodesNow;
      for (let i = 0; i < changeCount(codes); i++) all.push(changeOfCode(changeCodeAt(codes, i), row.frame));
    }
    return all;
  }

  /** Each state change's cause, endpoint and frame, in order, as `changes` lists them, without making them. */
  eachChange(visit: (cause: TransitionCause, endpoint: Role, frame: number) => void): void {
    this.eachChangeCode({ visit: (code, frame) => visit(causeOfCode(code), endpointOfCode(code), frame) });
  }

  /** eachChange with each change's code (change-code.ts): for a reader that looks its causes up by number. */
  eachChangeCode(visitor: ChangeVisitor): void {
    const committed = this.committed;
    if (committed !== undefined)
      for (let i = 0; i < committed.length; i++) visitor.visit(committed.code(i), committed.frame(i));
    const history = this.history;
    for (let position = 0; position < history.length; position++) {
      const row = history.at(position);
      const codes = row.changeCodesNow;
      for (let i = 0; i < changeCount(codes); i++) visitor.visit(changeCodeAt(codes, i), row.frame);
    }
  }

  /** How sure each endpoint's state after the last row is. */
  get confidenceNow(): BothConfidences {
    return bothConfidencesOfCodes(
      this.confidenceCode("client", this.basis(NOW)),
      this.confidenceCode("server", this.basis(NOW + 1)),
    );
  }

  /** How sure each endpoint's state after the row is, as it was read last: what it is told with (a confidencePairCode). */
  confidencePairOf(row: ObservedRow): number {
    return confidencePairCode(
      this.confidenceCode("client", row.basisClient),
      this.confidenceCode("server", row.basisServer),
    );
  }

  /** The start the passive side turned out to have: CLOSED when nothing listened. */
  initialOf(role: Role): TcpState {
    return this.initial(role);
  }

  /** What the endpoint's state rests on, at a row whose arrival (basis) or whose own sending (-1) put it there (a ConfidenceCode). */
  private confidenceCode(role: Role, basis: number): number {
    const lastSent = this.lastSent(role);
    if (lastSent < 0) return ConfidenceCode.UNKNOWN;
    return basis < 0 || lastSent > basis ? ConfidenceCode.CONFIRMED : ConfidenceCode.INFERRED;
  }

  /** Take in a new row: weigh it as evidence, read it (and the kept rows again if it changed a fact). */
  observe(row: Row): readonly Revision[] {
    const reason = this.weigh(row, this.history);
    this.history.push(row);
    this.rowCount = row.index + 1;
    let revisions = NO_REVISIONS;
    if (reason === undefined) this.read(row, this.history.length - 1, NOW, NO_ROWS);
    else revisions = this.replay(reason, row.frame, this.revisedFrom);
    this.changed();
    return revisions;
  }

  /** Rows no later segment can change, not told before: told now, in order. The oldest rows past `limit` (historyLimit) are told too, and final. */
  takeSettled(tell: (row: Row) => void, limit = HISTORY_LIMIT): void {
    const history = this.history;
    let boundary = this.boundary();
    const overflow = history.length - limit;
    if (overflow > 0) boundary = Math.max(boundary, history.at(overflow).index);
    for (let i = this.firstUntold(); i < history.length; i++) {
      const row = history.at(i);
      if (row.index >= boundary) break;
      this.tellRow(row, tell);
    }
    this.settleBefore(boundary);
  }

  /** Tell every row now (the caller cannot wait); they are kept, so later evidence can still revise them. */
  tellAll(tell: (row: Row) => void): void {
    const history = this.history;
    for (let i = this.firstUntold(); i < history.length; i++) this.tellRow(history.at(i), tell);
  }

  /**
   * The position of the first kept row not told yet (the history's length when all were): rows
   * are told in order, so those before it all were. Read from there, not from the first kept row:
   * an endpoint that never answers keeps up to HISTORY_LIMIT rows, and a caller that cannot wait
   * for it tells them a few at a time, each time reading them all.
   */
  private firstUntold(): number {
    const first = this.history.first;
    return first === undefined ? 0 : Math.min(this.history.length, Math.max(0, this.toldRows - first.index));
  }

  private tellRow(row: Row, tell: (row: Row) => void): void {
    tell(row);
    this.toldRows = row.index + 1;
  }

  /** Tell every row and make all final: nothing will come (retired), or a timer moves the connection on. */
  finalize(tell: (row: Row) => void): void {
    this.tellAll(tell);
    this.settleBefore(this.rowCount);
  }

  /** The connection is retired (after finalize): its emptied lists give their stores back. */
  release(): void {
    this.history.release();
    this.releaseEvidence();
  }

  /** 2*MSL ran out for a TIME_WAIT endpoint (RFC 9293 §3.10.8): call after finalize. */
  expireTimeWait(role: Role, frame: number): StateChange | undefined {
    const slot = slotOf(NOW, role);
    if (this.state(slot) !== "TIME_WAIT") return undefined;
    this.startRow();
    this.move(slot, "CLOSED", "time-wait-expired", -1);
    this.copyPair(NOW, ANCHOR);
    const code = changeCodeAt(this.rowChanges, 0);
    this.endRow();
    this.commit(code, frame);
    this.changed();
    return changeOfCode(code, frame);
  }

  /** When the endpoint entered TIME_WAIT (or a repeated FIN restarted its timer), while it is there. */
  timeWaitSince(role: Role): number | undefined {
    const slot = slotOf(NOW, role);
    return this.state(slot) === "TIME_WAIT" ? this.timeWaitAt(slot) : undefined;
  }

  /**
   * The earliest row a later segment could still change: the peer's answer to an unacknowledged
   * SYN or FIN, a repeat that would prove an ACK lost, the first word of an endpoint that has said
   * nothing, or a bare RST answering segments not yet answered.
   */
  private boundary(): number {
    const first = this.history.first;
    if (first === undefined) return this.rowCount;
    if (!this.bothSpoke) return first.index;
    const deferred = this.deferred;
    let boundary = this.rowCount;
    // Each endpoint's uncovered rows are in order: its first is its earliest.
    boundary = earlierMark(boundary, this.uncoveredClient?.[0]?.index ?? -1);
    boundary = earlierMark(boundary, this.uncoveredServer?.[0]?.index ?? -1);
    boundary = earlierMark(boundary, this.unconfirmedAck(NOW));
    boundary = earlierMark(boundary, this.unconfirmedAck(NOW + 1));
    boundary = earlierMark(boundary, this.unanswered("client"));
    boundary = earlierMark(boundary, this.unanswered("server"));
    if (deferred === undefined) return boundary;
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
    while (count < history.length && history.at(count).index < boundary && history.at(count).wasTold) count++;
    if (count === 0) return;
    // The rows were read in order from the anchor up to now: where the settled ones end is known
    // without reading them again when at most the last row is kept (the common case).
    if (count === history.length) this.copyPair(NOW, ANCHOR);
    else if (count === history.length - 1) this.copyPair(BEFORE_LAST, ANCHOR);
    else this.readAll(0, count, ANCHOR, false);
    for (let i = 0; i < count; i++) {
      const row = history.at(i);
      const codes = row.changeCodesNow;
      for (let j = 0; j < changeCount(codes); j++) this.commit(changeCodeAt(codes, j), row.frame);
    }
    history.dropFirst(count);
    this.forget(boundary);
  }

  private commit(code: number, frame: number): void {
    (this.committed ??= new ChangeLog()).push(code, frame);
  }

  /**
   * Read the kept rows again with the facts as they stand now, from the first whose reading they
   * change (`from`, a row index): the rows before it read as before, so the replay starts from the
   * sides that row was last read from. When a sender repeats its FIN and each copy shows the one
   * before lost, two rows are read again at each copy, not every kept one (up to HISTORY_LIMIT).
   */
  private replay(reason: RevisionReason, frame: number, from: number): readonly Revision[] {
    const history = this.history;
    const first = history.first!.index;
    // A row near the first kept one keeps no before: read from the first.
    const position = from > first && history.keepsBefore(from - first) ? from - first : 0;
    if (position > 0) history.restoreBefore(position, this, NOW);
    else {
      if (first === 0) {
        // Read from the start: with what the endpoints' own segments showed they were before it.
        this.setState(ANCHOR, this.initial("client"));
        this.setState(ANCHOR + 1, this.initial("server"));
      }
      this.copyPair(ANCHOR, NOW);
    }
    this.readAll(position, history.length, NOW, true);
    this.renameCrossings();
    return this.revisionsOf(reason, frame, position);
  }

  /** Each row crossed again names the segment it is taken in after now, unless told (a told row's notes stay as told). */
  private renameCrossings(): void {
    const recrossed = this.recrossed;
    if (recrossed === undefined) return;
    for (let i = 0; i < recrossed.length; i++) {
      const row = recrossed[i]!;
      if (row.wasTold) continue;
      const crossed = row.notes.find(isCrossedNote);
      if (crossed !== undefined) crossed.frame = this.history.withIndex(row.delivery)?.frame;
    }
  }

  /** Read the kept rows from `from` up to before `to` (positions) from the pair of sides at `pair`, which they move. */
  private readAll(from: number, to: number, pair: number, write: boolean): void {
    const rows = this.history;
    let waiting = from === 0 ? undefined : this.waitingAt(rows.at(from).index);
    for (let i = from; i < to; i++) {
      const row = rows.at(i);
      const due = waiting === undefined ? NO_ROWS : takeDue(waiting, row.index);
      if (write) this.read(row, i, pair, due);
      else this.advance(row, pair, due);
      if (row.delivery !== DELIVERED_AT_ONCE && row.delivery !== LOST) (waiting ??= []).push(row);
    }
  }

  /** The rows before the one at `index` that their receiver takes in at it or after, in order: what reading from it waits for. */
  private waitingAt(index: number): ObservedRow[] | undefined {
    const deferred = this.deferred;
    if (deferred === undefined) return undefined;
    let waiting: ObservedRow[] | undefined;
    for (let i = 0; i < deferred.length; i++) {
      const row = deferred[i]!;
      if (row.index < index && row.delivery >= index && row.delivery !== LOST) (waiting ??= []).push(row);
    }
    return waiting === undefined || inOrder(waiting) ? waiting : waiting.sort(byIndex);
  }

  /** One row's effects on both sides, written into the row (as it reads until told, or as a later reading); the pair it is read from is kept with it. */
  private read(row: ObservedRow, position: number, pair: number, due: readonly ObservedRow[]): void {
    this.history.keepBefore(position, this, pair);
    this.copyPair(pair, BEFORE_LAST);
    this.startRow();
    const receipt = this.effects(row, pair, due);
    row.readAs(statePairCode(this.stateCode(pair), this.stateCode(pair + 1)), this.rowChanges, this.rowNotes, receipt);
    this.endRow();
    row.basisClient = this.basis(pair);
    row.basisServer = this.basis(pair + 1);
  }

  /** Move the sides past a row without writing anything (the anchor catching up with settled rows). */
  private advance(row: ObservedRow, pair: number, due: readonly ObservedRow[]): void {
    this.startMovesOnly();
    this.effects(row, pair, due);
  }

  /** The row's effects on the sides at `pair`; when recording, the move it asks of its receiver (its receipt). */
  private effects(row: ObservedRow, pair: number, due: readonly ObservedRow[]): TransitionCause | undefined {
    const sender = slotOf(pair, row.from);
    const receiver = peerSlot(sender);
    const receiverRole = peerOf(row.from);
    const recording = this.recording;
    let receipt: TransitionCause | undefined;
    if (this.lostAt(receiverRole) === row.index) this.move(receiver, "CLOSED", "lost-connection", -1);
    if (this.lostAt(row.from) === row.index) this.move(sender, "CLOSED", "lost-connection", -1);
    applySending(this, sender, receiver, row);
    if (row.flags & TcpFlag.RST && this.lostAt(row.from) >= 0) this.note("rst-no-connection");
    // Segments of the peer that reached the sender only after it sent this one (they crossed).
    for (let i = 0; i < due.length; i++) if (due[i]!.from !== row.from) applyArrival(this, sender, receiver, due[i]!);
    if (row.delivery === DELIVERED_AT_ONCE && this.lastSent(receiverRole) >= 0) {
      const before = changeCount(this.rowChanges);
      if (row.flags & TcpFlag.SYN && !(row.flags & TcpFlag.ACK) && this.state(receiver) === "CLOSED")
        this.note("nothing-listens");
      applyArrival(this, receiver, sender, row);
      if (recording && changeCount(this.rowChanges) > before)
        receipt = causeOfCode(changeCodeAt(this.rowChanges, before));
    } else if (recording) {
      // The move it would make of its receiver on arrival now, without making it (its step still says what it is).
      receipt = this.firstMoveOf(receiver, sender, row, applyArrival);
      this.noteUndelivered(row);
    }
    if (row.repeatsFin && !this.noted("fin-retransmitted-in-time-wait")) this.note("fin-retransmitted");
    this.takeInHeldBehind(row, sender, receiver, due);
    return receipt;
  }

  /** The sender's earlier FIN that waited for the data this row sends again is taken in with it (Evidence.fillsGap). */
  private takeInHeldBehind(row: ObservedRow, sender: number, receiver: number, due: readonly ObservedRow[]): void {
    for (let i = 0; i < due.length; i++) {
      const held = due[i]!;
      if (held.from !== row.from) continue;
      applyArrival(this, receiver, sender, held);
      this.note("gap-filled", held.frame);
    }
  }

  /** Why this row did not move its receiver here: lost, taken in later, or nobody known to take it. */
  private noteUndelivered(row: ObservedRow): void {
    if (row.delivery === LOST) {
      const lost = row.lost!;
      this.note(LOST_NOTES[lost.as], lost.frame);
    } else if (row.delivery !== DELIVERED_AT_ONCE) {
      const after = this.history.withIndex(row.delivery);
      // Taken in after the peer's segment (crossed), or with its own sender's, which filled the gap before it.
      if (after !== undefined && after.from === row.from) this.note("behind-gap", after.frame);
      else this.note("crossed", after?.frame);
    } else if (row.flags & TcpFlag.SYN && !(row.flags & TcpFlag.ACK)) {
      this.note("no-answer");
    }
  }

  /** Told rows from `from` (a position) whose states the replay changed, by endpoint; they are told again with the new ones. */
  private revisionsOf(reason: RevisionReason, frame: number, from: number): readonly Revision[] {
    let revisions: Revision[] | undefined;
    for (const role of ["client", "server"] as const) {
      let revision: Revision | undefined;
      for (let i = from; i < this.history.length; i++) {
        const row = this.history.at(i);
        const told = row.told;
        if (told === undefined || told[role] === row.statesNow[role]) continue;
        revision ??= { frame, endpoint: role, reason, rows: [] };
        revision.rows.push({ frame: row.frame, was: told[role], now: row.statesNow[role] });
      }
      if (revision !== undefined) (revisions ??= []).push(revision);
    }
    for (let i = from; i < this.history.length; i++) {
      const row = this.history.at(i);
      if (row.wasTold) row.retell();
    }
    return revisions ?? NO_REVISIONS;
  }

  private changed(): void {
    this.client.state = this.state(NOW);
    this.server.state = this.state(NOW + 1);
  }
}

/** The earlier of a boundary and a row index that holds it back (-1: none). */
function earlierMark(boundary: number, index: number): number {
  return index >= 0 && index < boundary ? index : boundary;
}

function isCrossedNote(note: Note): boolean {
  return note.id === "crossed";
}

/** Rows in order of index already (as copies of a FIN deferred one after the other): no sort needed. */
function inOrder(rows: readonly ObservedRow[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i - 1]!.index > rows[i]!.index) return false;
  return true;
}

function byIndex(a: ObservedRow, b: ObservedRow): number {
  return a.index - b.index;
}

/**
 * The rows of `waiting` due after the row at `index`, taken out in order, in one pass: the rest
 * close up behind them. When a repeated FIN waits in a thousand copies for the same row, taking
 * each out on its own moved all those after it, for every copy.
 */
function takeDue(waiting: ObservedRow[], index: number): readonly ObservedRow[] {
  let due: ObservedRow[] | undefined;
  let kept = 0;
  for (let i = 0; i < waiting.length; i++) {
    const row = waiting[i]!;
    if (row.delivery === index) (due ??= []).push(row);
    else waiting[kept++] = row;
  }
  if (due === undefined) return NO_ROWS;
  waiting.length = kept;
  return due;
}
