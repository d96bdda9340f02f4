import { TCP_STATES, type Role, type TcpState } from "../states.js";
import type { TrackedSegment } from "../tracked-segment.js";
import type { StateChange, TransitionCause } from "../transition.js";
import type { Note } from "../notes.js";

/** Where the receiver took a row in: at the row itself, never, or after one of its own later rows. */
export const DELIVERED_AT_ONCE = -1;
export const LOST = Number.POSITIVE_INFINITY;

export interface BothStates {
  readonly client: TcpState;
  readonly server: TcpState;
}

/** How sure the tool is of an endpoint's state (docs/tracking-model.md, Confidence). */
export type Confidence = "confirmed" | "inferred" | "unknown";

export interface BothConfidences {
  readonly client: Confidence;
  readonly server: Confidence;
}

const CONFIDENCES: readonly Confidence[] = ["confirmed", "inferred", "unknown"];

type Pairs<T extends string> = Readonly<Record<T, Readonly<Record<T, { readonly client: T; readonly server: T }>>>>;

/** Every pair of two values as one frozen object, made once: a row is read for every segment (and again by each replay), and the pairs repeat. */
function pairsOf<T extends string>(values: readonly T[]): Pairs<T> {
  const byClient = {} as Record<T, Record<T, { readonly client: T; readonly server: T }>>;
  for (const client of values) {
    const byServer = {} as Record<T, { readonly client: T; readonly server: T }>;
    for (const server of values) byServer[server] = Object.freeze({ client, server });
    byClient[client] = Object.freeze(byServer);
  }
  return Object.freeze(byClient);
}

const STATE_PAIRS = pairsOf(TCP_STATES);
const CONFIDENCE_PAIRS = pairsOf(CONFIDENCES);

export function bothStates(client: TcpState, server: TcpState): BothStates {
  return STATE_PAIRS[client][server];
}

export function bothConfidences(client: Confidence, server: Confidence): BothConfidences {
  return CONFIDENCE_PAIRS[client][server];
}

/**
 * One segment as the observer model reads it: what its sender did (certain, fixed when it is
 * seen) and, filled in by every replay, what it did to both endpoints as the evidence so far
 * says. Kept while later segments may still change that reading (docs/tracking-model.md).
 */
export interface ObservedRow {
  /** Its place in the connection, counted from 0. */
  readonly index: number;
  readonly frame: number;
  /** Capture time, seconds since the epoch. */
  readonly time: number;
  readonly from: Role;
  readonly flags: number;
  readonly len: number;
  readonly ack: number;
  /** The sequence number its SYN or FIN occupies, if it carries one: what an ACK must pass to cover it. */
  readonly synSeq: number | undefined;
  readonly finSeq: number | undefined;
  /** It repeats a SYN or a FIN its sender sent before (same sequence number). */
  readonly repeatsSyn: boolean;
  readonly repeatsFin: boolean;
  /** Its ACK covers the peer's SYN (and, RFC 9293 §3.10.7.3, no more than the peer sent), or the peer's FIN. */
  readonly acksPeerSyn: boolean;
  readonly acksPeerSynExactly: boolean;
  readonly acksPeerFin: boolean;
  /** A RST whose sequence number lies in the receiver's window (RFC 9293 §3.10.7.4 first check, RFC 5961 §3.2). */
  readonly rstAcceptable: boolean;
  /** DELIVERED_AT_ONCE, LOST, or the index of the receiver's own row after which it took this one in. */
  delivery: number;
  /** When LOST: the frame whose repeat proves it never arrived, and what the repeat shows lost: this ACK, or this copy. */
  lostProof: number | undefined;
  lostAs: "ack" | "copy" | undefined;
  /** The segment as handed out, rewritten by each replay until it is told (settled). */
  tracked: TrackedSegment | undefined;
  /** The states it was told with, to name it in a revision if later evidence changes them. */
  told: BothStates | undefined;
  // What the latest replay concluded:
  states: BothStates;
  changes: StateChange[];
  notes: Note[];
  /** The move this segment asks of its receiver (RFC 9293 §3.10.7), whether or when the receiver made it. */
  receipt: TransitionCause | undefined;
  /** For each endpoint, the index of the row whose arrival put it in its state here; -1 when its own sending (or the start) did. */
  basisClient: number;
  basisServer: number;
}
