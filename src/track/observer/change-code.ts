import { TCP_STATES, type Role, type TcpState } from "../states.js";
import { NONE_CHANGED, TRANSITION_CAUSES, type StateChange, type TransitionCause } from "../transition.js";

const CAUSES = Object.keys(TRANSITION_CAUSES) as TransitionCause[];
const CAUSE_CODES: ReadonlyMap<TransitionCause, number> = new Map(CAUSES.map((cause, code) => [cause, code]));

/** A change's code: the endpoint (1 bit), the states it left and entered (4 bits each, indexes in TCP_STATES), its cause (5 bits). */
const CAUSE_BITS = 5;
const STATE_BITS = 4;
export const CHANGE_CODE_BITS = 1 + 2 * STATE_BITS + CAUSE_BITS;
/** Every change code is below this: an array this long is indexed by them. */
export const CHANGE_CODE_COUNT = 1 << CHANGE_CODE_BITS;
const CAUSE_MASK = (1 << CAUSE_BITS) - 1;
const STATE_MASK = (1 << STATE_BITS) - 1;

/**
 * One state change as a small integer, without its frame (the frame of the row that made it):
 * the observer reads every segment, and again at each replay, and most of the changes it records
 * are read by no one but the summary's first-cause search; an object and an array for each cost
 * a tenth of what the tracker allocated. Objects are made from codes only when read.
 */
export function changeCode(endpoint: Role, from: number, to: number, cause: TransitionCause): number {
  const states = (from << STATE_BITS) | to;
  return ((((endpoint === "server" ? 1 : 0) << (2 * STATE_BITS)) | states) << CAUSE_BITS) | CAUSE_CODES.get(cause)!;
}

/** A cause's number in a change code (below 2^CAUSE_BITS): for a reader that looks causes up in a table of its own. */
export function causeNumber(cause: TransitionCause): number {
  return CAUSE_CODES.get(cause)!;
}

/** The cause's number in a change code (causeNumber). */
export function causeNumberOfCode(code: number): number {
  return code & CAUSE_MASK;
}

/** Did the server make the change? */
export function madeByServer(code: number): boolean {
  return code >>> (CAUSE_BITS + 2 * STATE_BITS) === 1;
}

export function causeOfCode(code: number): TransitionCause {
  return CAUSES[code & CAUSE_MASK]!;
}

export function endpointOfCode(code: number): Role {
  return madeByServer(code) ? "server" : "client";
}

/** The state the change left. */
export function stateLeftOfCode(code: number): TcpState {
  return TCP_STATES[(code >>> (CAUSE_BITS + STATE_BITS)) & STATE_MASK]! as TcpState;
}

/** The change a code stands for, made at `frame`, as an object made now. */
export function changeOfCode(code: number, frame: number): StateChange {
  const states = code >>> CAUSE_BITS;
  return {
    frame,
    endpoint: endpointOfCode(code),
    from: TCP_STATES[(states >>> STATE_BITS) & STATE_MASK]! as TcpState,
    to: TCP_STATES[states & STATE_MASK]! as TcpState,
    cause: causeOfCode(code),
  };
}

/**
 * The changes one row made, in order: up to two codes packed in one small integer (each plus one,
 * so that 0 is none), a list of codes for more. A row makes one or two changes, rarely more.
 */
export type ChangeCodes = number | readonly number[];

export const NO_CHANGES = 0;
/** Each packed code takes one bit more than a code (plus one, it may reach 2^CHANGE_CODE_BITS). */
const PACKED_BITS = CHANGE_CODE_BITS + 1;
const FIRST_MASK = (1 << PACKED_BITS) - 1;

/** The row's changes with one more: a list made only at the third. */
export function withChangeCode(codes: ChangeCodes, code: number): ChangeCodes {
  if (typeof codes !== "number") return [...codes, code];
  if (codes === NO_CHANGES) return code + 1;
  if (codes <= FIRST_MASK) return codes | ((code + 1) << PACKED_BITS);
  return [(codes & FIRST_MASK) - 1, (codes >>> PACKED_BITS) - 1, code];
}

export function changeCount(codes: ChangeCodes): number {
  if (typeof codes !== "number") return codes.length;
  return codes === NO_CHANGES ? 0 : codes <= FIRST_MASK ? 1 : 2;
}

/** The code of the row's change at `index` (below changeCount). */
export function changeCodeAt(codes: ChangeCodes, index: number): number {
  if (typeof codes !== "number") return codes[index]!;
  return index === 0 ? (codes & FIRST_MASK) - 1 : (codes >>> PACKED_BITS) - 1;
}

/** The codes of changes given as objects (their frames left out). */
export function codesOfChanges(changes: readonly StateChange[]): ChangeCodes {
  let codes: ChangeCodes = NO_CHANGES;
  for (const change of changes) {
    const code = changeCode(
      change.endpoint,
      TCP_STATES.indexOf(change.from),
      TCP_STATES.indexOf(change.to),
      change.cause,
    );
    codes = withChangeCode(codes, code);
  }
  return codes;
}

/** The row's changes as objects made now, at its frame. */
export function changesOfCodes(codes: ChangeCodes, frame: number): readonly StateChange[] {
  const count = changeCount(codes);
  if (count === 0) return NONE_CHANGED;
  const changes: StateChange[] = [];
  for (let i = 0; i < count; i++) changes.push(changeOfCode(changeCodeAt(codes, i), frame));
  return changes;
}
