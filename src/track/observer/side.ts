import { secondsOfParts } from "../../capture/timestamp.js";
import { NOTED_ALONE, NOTHING_NOTED, type Note, type NoteId } from "../notes.js";
import { TCP_STATES, type Role, type TcpState } from "../states.js";
import type { TransitionCause } from "../transition.js";
import { changeCode, NO_CHANGES, withChangeCode, type ChangeCodes } from "./change-code.js";
import type { ObservedRow } from "./row.js";

/**
 * Where an endpoint's side is kept, as a pair of slots (client, then server): after the last row
 * read, before the first kept row (the anchor), and before the last row read (what the anchor
 * becomes when every kept row but that one settles).
 */
export const NOW = 0;
export const ANCHOR = 2;
export const BEFORE_LAST = 4;
const SLOTS = 6;

/** A slot's fields: its state (the index in TCP_STATES, below STATE_MASK) with its SideFlag bits, then the rest. */
const STATE_AND_FLAGS = 0;
const BASIS = 1;
const UNCONFIRMED_ACK = 2;
const TIME_WAIT_SECONDS = 3;
const TIME_WAIT_NANOS = 4;
const FIELDS = 5;
const STATE_MASK = 15;
/** The numbers of a pair of slots: what a kept row's `before` holds (held-rows.ts). */
export const PAIR_FIELDS = 2 * FIELDS;

/** What a side has sent and taken in so far, one bit each (above its state). */
export const SideFlag = {
  /** It entered SYN_RCVD from LISTEN (a passive open): a RST sends it back to LISTEN (RFC 9293 §3.10.7.4). */
  PASSIVE: 16,
  SENT_SYN: 32,
  SENT_FIN: 64,
  RECEIVED_SYN: 128,
  RECEIVED_FIN: 256,
} as const;

/** What reading a row records: its changes and notes, only the moves (rows read before), or only its first move's cause. */
const RECORDING = 0;
const MOVES_ONLY = 1;
const FIRST_CAUSE = 2;

/** Every slot's starting fields: CLOSED, nothing sent or taken in, no basis, no unconfirmed ACK. */
const NEW_SLOT = [0, -1, -1, 0, 0];

/** The index of the first of a subclass's own numbers in the table. */
export const SIDES_END = SLOTS * FIELDS;

/**
 * A new table: every slot new, then the subclass's own starting numbers. Made once per class:
 * each connection's table is a copy. Read-only by its type, not frozen: slice copies a frozen
 * array by a slow path, ten times the time of an array of small integers' copy.
 */
export function tableTemplate(extra: readonly number[]): readonly number[] {
  const table: number[] = [];
  for (let slot = 0; slot < SLOTS; slot++) table.push(...NEW_SLOT);
  table.push(...extra);
  return table;
}

function stateCode(state: TcpState): number {
  return TCP_STATES.indexOf(state);
}

/** The slot of a role in a pair. */
export function slotOf(pair: number, role: Role): number {
  return role === "client" ? pair : pair + 1;
}

/** The other endpoint's slot in the same pair. */
export function peerSlot(slot: number): number {
  return slot ^ 1;
}

export function roleOfSlot(slot: number): Role {
  return slot & 1 ? "server" : "client";
}

/**
 * Both endpoints as a replay of the observer model sees them, row by row: each one's RFC 9293
 * state and what it has sent and taken in so far, and what the row being read did (its changes,
 * each through `move`, and its notes). Kept in one array of small integers per connection, with
 * room for the subclass's own (`extra` numbers after the slots): a connection lives across several
 * of the young generation's collections, and objects of its own per side would each be copied and
 * promoted (docs/tracking-model.md, Hindsight).
 */
export class Sides {
  /** The slots' fields, then the subclass's numbers. */
  protected readonly table: number[];
  /** What the row being read did so far: its changes (codes, made at its frame) and notes (its list goes to the row; replaced, not cleared). */
  private mode = RECORDING;
  rowChanges: ChangeCodes = NO_CHANGES;
  rowNotes: Note[] = NOTHING_NOTED;
  /** FIRST_CAUSE: the cause of the first move made. */
  private firstCause: TransitionCause | undefined = undefined;

  /** `template` from tableTemplate. */
  constructor(template: readonly number[], client: TcpState, server: TcpState) {
    // A packed array of small integers, copied whole (one copied by index was made holey).
    this.table = template.slice();
    // Each state's code looked up once (a search of TCP_STATES), for both pairs.
    const clientCode = stateCode(client);
    const serverCode = stateCode(server);
    this.setStateCode(NOW, clientCode);
    this.setStateCode(NOW + 1, serverCode);
    this.setStateCode(ANCHOR, clientCode);
    this.setStateCode(ANCHOR + 1, serverCode);
  }

  state(slot: number): TcpState {
    return TCP_STATES[this.stateCode(slot)]!;
  }

  /** The state's index in TCP_STATES. */
  stateCode(slot: number): number {
    return this.table[slot * FIELDS + STATE_AND_FLAGS]! & STATE_MASK;
  }

  /** Set a state outright (a replay from the start, with the start the evidence shows). */
  setState(slot: number, state: TcpState): void {
    this.setStateCode(slot, stateCode(state));
  }

  /** setState by the state's index in TCP_STATES. */
  protected setStateCode(slot: number, code: number): void {
    const at = slot * FIELDS + STATE_AND_FLAGS;
    this.table[at] = (this.table[at]! & ~STATE_MASK) | code;
  }

  has(slot: number, flag: number): boolean {
    return (this.table[slot * FIELDS + STATE_AND_FLAGS]! & flag) !== 0;
  }

  mark(slot: number, flag: number): void {
    this.table[slot * FIELDS + STATE_AND_FLAGS]! |= flag;
  }

  /** The index of the row whose arrival put the side in its state; -1 when its own sending (or the start) did. */
  basis(slot: number): number {
    return this.table[slot * FIELDS + BASIS]!;
  }

  /**
   * The index of the row whose arrival (an ACK of its SYN or FIN, or a RST) moved it, until one of
   * its own later segments confirms it (or refutes it: evidence.ts); -1 if none.
   */
  unconfirmedAck(slot: number): number {
    return this.table[slot * FIELDS + UNCONFIRMED_ACK]!;
  }

  setUnconfirmedAck(slot: number, index: number): void {
    this.table[slot * FIELDS + UNCONFIRMED_ACK] = index;
  }

  /** Capture time it entered TIME_WAIT, or a retransmitted FIN restarted the 2*MSL timer (RFC 9293 §3.10.7.4), as secondsOf gives it. */
  timeWaitAt(slot: number): number {
    const at = slot * FIELDS;
    return secondsOfParts(this.table[at + TIME_WAIT_SECONDS]!, this.table[at + TIME_WAIT_NANOS]!);
  }

  /** The 2*MSL timer starts at this capture time (kept as whole seconds and nanoseconds: small integers). */
  startTimeWait(slot: number, seconds: number, nanos: number): void {
    const at = slot * FIELDS;
    this.table[at + TIME_WAIT_SECONDS] = seconds;
    this.table[at + TIME_WAIT_NANOS] = nanos;
  }

  /** The pair `to` takes every field of the pair `from`. */
  copyPair(from: number, to: number): void {
    const table = this.table;
    const start = from * FIELDS;
    const end = start + 2 * FIELDS;
    for (let i = start, j = to * FIELDS; i < end; i++, j++) table[j] = table[i]!;
  }

  /** The pair's fields into `into`, from `at` on (PAIR_FIELDS numbers). */
  savePair(pair: number, into: Float64Array, at: number): void {
    const table = this.table;
    const start = pair * FIELDS;
    for (let i = 0; i < PAIR_FIELDS; i++) into[at + i] = table[start + i]!;
  }

  /** The pair takes the fields savePair put in `from` at `at`. */
  loadPair(from: Float64Array, at: number, pair: number): void {
    const table = this.table;
    const start = pair * FIELDS;
    for (let i = 0; i < PAIR_FIELDS; i++) table[start + i] = from[at + i]!;
  }

  /** Read a row: what it does is recorded from now on. */
  startRow(): void {
    this.mode = RECORDING;
    this.rowChanges = NO_CHANGES;
    this.rowNotes = NOTHING_NOTED;
  }

  /** The row's lists were handed to it: the table keeps none of them. */
  endRow(): void {
    this.rowChanges = NO_CHANGES;
    this.rowNotes = NOTHING_NOTED;
  }

  /** Move the sides past a row read before: nothing is recorded. */
  startMovesOnly(): void {
    this.mode = MOVES_ONLY;
  }

  /** Changes and notes are kept for the row being read. */
  get recording(): boolean {
    return this.mode === RECORDING;
  }

  /**
   * The first move `arrive` (the row's arrival, which changes the receiver alone) would make of
   * the side at `receiver`, without making it: the receiver's fields are put back after. What the
   * row being read recorded stays as it was.
   */
  firstMoveOf(
    receiver: number,
    sender: number,
    row: ObservedRow,
    arrive: (sides: Sides, receiver: number, sender: number, row: ObservedRow) => void,
  ): TransitionCause | undefined {
    const table = this.table;
    const at = receiver * FIELDS;
    const stateAndFlags = table[at + STATE_AND_FLAGS]!;
    const basis = table[at + BASIS]!;
    const unconfirmedAck = table[at + UNCONFIRMED_ACK]!;
    const seconds = table[at + TIME_WAIT_SECONDS]!;
    const nanos = table[at + TIME_WAIT_NANOS]!;
    const mode = this.mode;
    this.mode = FIRST_CAUSE;
    this.firstCause = undefined;
    arrive(this, receiver, sender, row);
    this.mode = mode;
    table[at + STATE_AND_FLAGS] = stateAndFlags;
    table[at + BASIS] = basis;
    table[at + UNCONFIRMED_ACK] = unconfirmedAck;
    table[at + TIME_WAIT_SECONDS] = seconds;
    table[at + TIME_WAIT_NANOS] = nanos;
    return this.firstCause;
  }

  /** The single place an endpoint's state changes (smoltcp's set_state habit): recorded with its cause. */
  move(slot: number, to: TcpState, cause: TransitionCause, basis: number): void {
    const at = slot * FIELDS;
    const table = this.table;
    const from = table[at + STATE_AND_FLAGS]! & STATE_MASK;
    const toCode = stateCode(to);
    if (from === toCode) return;
    if (this.mode === RECORDING) {
      this.rowChanges = withChangeCode(this.rowChanges, changeCode(roleOfSlot(slot), from, toCode, cause));
    } else if (this.mode === FIRST_CAUSE) {
      this.firstCause ??= cause;
    }
    table[at + STATE_AND_FLAGS] = (table[at + STATE_AND_FLAGS]! & ~STATE_MASK) | toCode;
    table[at + BASIS] = basis;
  }

  /**
   * A note of the row being read. A note with no frame that no replay renames (all but "crossed")
   * is the same for every row: the first such note of a row is a list shared by every row noting
   * it alone, copied before a second note is added. A row a connection keeps waiting (a SYN no
   * segment answers, on a flood every one) made a note and a list of its own for the collector
   * to copy.
   */
  note(id: NoteId, frame?: number): void {
    if (this.mode !== RECORDING) return;
    const notes = this.rowNotes;
    if (notes === NOTHING_NOTED && frame === undefined && id !== "crossed") {
      this.rowNotes = NOTED_ALONE[id] as Note[];
      return;
    }
    const note: Note = frame === undefined ? { id } : { id, frame };
    if (notes === NOTHING_NOTED) this.rowNotes = [note];
    else if (Object.isFrozen(notes)) this.rowNotes = [...notes, note];
    else notes.push(note);
  }

  noted(id: NoteId): boolean {
    const notes = this.rowNotes;
    for (let i = 0; i < notes.length; i++) if (notes[i]!.id === id) return true;
    return false;
  }
}
