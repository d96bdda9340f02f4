import { TCP_STATES, type Role, type TcpState } from "../states.js";
import type { StateChange, TransitionCause } from "../transition.js";
import { NOTHING_NOTED, type Note } from "../notes.js";
import { TcpFlag, type Segment } from "../../decode/segment.js";
import { seqAdd } from "../seq.js";
import { changesOfCodes, NO_CHANGES, type ChangeCodes } from "./change-code.js";

/** Where the receiver took a row in: at the row itself, never, or at a later row (ObservedRow.delivery). */
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

/** A confidence's index in CONFIDENCES. */
export const ConfidenceCode = { CONFIRMED: 0, INFERRED: 1, UNKNOWN: 2 } as const;

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

/** The same pairs, by the states' indexes in TCP_STATES (client * TCP_STATES.length + server): an array, read without a lookup by name. */
const STATE_PAIRS_BY_CODE: readonly BothStates[] = Object.freeze(
  TCP_STATES.flatMap((client) => TCP_STATES.map((server) => STATE_PAIRS[client][server])),
);

/** The pair of states whose indexes in TCP_STATES are `client` and `server`. */
export function bothStatesOfCodes(client: number, server: number): BothStates {
  return STATE_PAIRS_BY_CODE[statePairCode(client, server)]!;
}

/** Two states' indexes in TCP_STATES as one small integer, below 2^STATE_PAIR_BITS. */
export function statePairCode(client: number, server: number): number {
  return client * TCP_STATES.length + server;
}

/** The bits a statePairCode takes: TCP_STATES's 11 states make 121 pairs. */
const STATE_PAIR_BITS = 7;
const STATE_PAIR_MASK = (1 << STATE_PAIR_BITS) - 1;

/** The same pairs by the confidences' codes (client * CONFIDENCES.length + server): every told row takes one. */
const CONFIDENCE_PAIRS_BY_CODE: readonly BothConfidences[] = Object.freeze(
  CONFIDENCES.flatMap((client) => CONFIDENCES.map((server) => CONFIDENCE_PAIRS[client][server])),
);

/** The pair of confidences whose codes (ConfidenceCode) are `client` and `server`. */
export function bothConfidencesOfCodes(client: number, server: number): BothConfidences {
  return CONFIDENCE_PAIRS_BY_CODE[confidencePairCode(client, server)]!;
}

/** Two confidences' codes (ConfidenceCode) as one small integer, below 9: four bits. */
export function confidencePairCode(client: number, server: number): number {
  return client * CONFIDENCES.length + server;
}

/** The pair of confidences of a confidencePairCode. */
export function bothConfidencesOfPair(pairCode: number): BothConfidences {
  return CONFIDENCE_PAIRS_BY_CODE[pairCode]!;
}

/** What a row's segment shows at once (rowOf), one bit each. */
export const RowFact = {
  REPEATS_SYN: 1,
  REPEATS_FIN: 2,
  ACKS_PEER_SYN: 4,
  ACKS_PEER_SYN_EXACTLY: 8,
  ACKS_PEER_FIN: 16,
  RST_ACCEPTABLE: 32,
  ADVANCES: 64,
  RST_NOT_AFTER_SYN: 128,
} as const;

/** The bit of a row's bits above its RowFacts that says the server sent it. */
const FROM_SERVER = 256;

/** Where a subclass's own bits start in a row's bits: above the RowFacts and the sender. */
export const ROW_BITS = 9;

/**
 * How a LOST row was shown lost: the frame that proves it, and what it shows lost: this ACK or
 * this copy (a repeat), or this copy, sent again since, still unacknowledged (a segment of the
 * peer), or this RST, which the peer still had the connection after (a segment of the peer), or
 * this SYN or FIN, which a segment of the peer sent round trips later does not acknowledge, or this
 * last ACK, which the peer sent as if without round trips later (late),
 * or this SYN, which an older connection on the same ports answered instead of the listener (old).
 */
export interface LostProof {
  readonly frame: number;
  readonly as: "ack" | "copy" | "unacknowledged" | "rst" | "late" | "old";
}

/**
 * What only some rows have: how a LOST row was shown lost, and once told, the latest reading
 * (its states' statePairCode and its changes, codes made at its frame) when one came after.
 */
interface RowExtra {
  lost: LostProof | undefined;
  laterStates: number | undefined;
  laterChangeCodes: ChangeCodes;
}

/**
 * One segment as the observer model reads it: what its sender did (certain, fixed when it is
 * seen) and, filled in by every replay, what it did to both endpoints as the evidence so far
 * says. Kept while later segments may still change that reading (docs/tracking-model.md).
 * Made for every segment, so it holds the segment rather than copies of its header fields, and
 * the facts of its sending and its sender as bits (with room above for a subclass's); what only
 * some rows need (a proof of loss, a reading after telling) is an object made for those. The
 * tracker's segment as handed out is a row too (PlacedSegment), so that one object per segment
 * serves both: each field of it is 8 bytes of every segment's allocation.
 */
export class ObservedRow {
  /**
   * DELIVERED_AT_ONCE, LOST, or the index of the row it was taken in at: after the receiver's own
   * row of that index, or, a FIN behind lost data, with its sender's row that sent that data again.
   */
  delivery = DELIVERED_AT_ONCE;
  /**
   * Both endpoints' states after it (its `states`; Hindsight.observe reads every row as it takes
   * it in) as a statePairCode, and above it the pair it was last told with plus one (its `told`,
   * to name it in a revision if later evidence changes them; 0 until told, settled).
   */
  private stateCodes = 0;
  /**
   * What the readings concluded, rewritten by each until the row is told; from then on they stay
   * as told (the segment as handed out), and later readings go to the row's extra.
   * The changes are kept as codes (change-code.ts), made into objects when first read.
   */
  private readCodes: ChangeCodes = NO_CHANGES;
  private changeObjects: readonly StateChange[] | undefined = undefined;
  notes: readonly Note[] = NOTHING_NOTED;
  /** The move this segment asks of its receiver (RFC 9293 §3.10.7), whether or when the receiver made it. */
  receipt: TransitionCause | undefined = undefined;
  /** For each endpoint, the index of the row whose arrival put it in its state here; -1 when its own sending (or the start) did. */
  basisClient = -1;
  basisServer = -1;
  /** Made for a row shown lost, or read again once told. */
  private extra: RowExtra | undefined = undefined;
  /** RowFact bits (rowFacts), FROM_SERVER, and from ROW_BITS up the subclass's own. */
  protected bits: number;

  constructor(
    /** Its place in the connection, counted from 0. */
    readonly index: number,
    readonly segment: Segment,
    from: Role,
    /** RowFact bits (rowFacts). */
    facts: number,
  ) {
    this.bits = facts | (from === "server" ? FROM_SERVER : 0);
  }

  /** The endpoint that sent it. */
  get from(): Role {
    return this.bits & FROM_SERVER ? "server" : "client";
  }

  /** Both endpoints' states after it, as it reads until told, and as told after. */
  get states(): BothStates {
    return STATE_PAIRS_BY_CODE[this.stateCodes & STATE_PAIR_MASK]!;
  }

  /** The states it was last told with; undefined until told (settled). */
  get told(): BothStates | undefined {
    const told = this.stateCodes >> STATE_PAIR_BITS;
    return told === 0 ? undefined : STATE_PAIRS_BY_CODE[told - 1];
  }

  /** It was told (told is defined), read without looking its states up: asked of the kept rows at every segment. */
  get wasTold(): boolean {
    return this.stateCodes >> STATE_PAIR_BITS !== 0;
  }

  /** Told (settled): its states, changes, notes and receipt stay as they are (readAs), and it is told with its states. */
  markTold(): void {
    this.tellStates(this.stateCodes & STATE_PAIR_MASK);
  }

  /** Told again, with its states as the latest reading says (a revision). */
  retell(): void {
    this.tellStates(this.statePairNow);
  }

  /** When LOST: how it was shown lost. */
  get lost(): LostProof | undefined {
    return this.extra?.lost;
  }

  set lost(proof: LostProof | undefined) {
    this.extraOf().lost = proof;
  }

  /** What a reading concluded (its states as a statePairCode): kept as the row's own until it is told, as a later reading after. */
  readAs(states: number, changes: ChangeCodes, notes: readonly Note[], receipt: TransitionCause | undefined): void {
    if (this.stateCodes >> STATE_PAIR_BITS === 0) {
      this.stateCodes = states;
      this.readCodes = changes;
      this.changeObjects = undefined;
      this.notes = notes;
      this.receipt = receipt;
    } else {
      const extra = this.extraOf();
      extra.laterStates = states;
      extra.laterChangeCodes = changes;
    }
  }

  /** The state changes it made, in order, as it reads until told, and as told after (objects made at the first read). */
  get changes(): readonly StateChange[] {
    this.changeObjects ??= changesOfCodes(this.readCodes, this.frame);
    return this.changeObjects;
  }

  /** The state changes as `changes` lists them, as codes (change-code.ts): for a reader that needs no objects. */
  get changeCodes(): ChangeCodes {
    return this.readCodes;
  }

  /** Both endpoints' states after it as the latest reading says, told or not. */
  get statesNow(): BothStates {
    return STATE_PAIRS_BY_CODE[this.statePairNow]!;
  }

  /** The state changes it made as the latest reading says, told or not, as codes made at its frame. */
  get changeCodesNow(): ChangeCodes {
    const extra = this.extra;
    return extra === undefined || extra.laterStates === undefined ? this.readCodes : extra.laterChangeCodes;
  }

  private get statePairNow(): number {
    return this.extra?.laterStates ?? this.stateCodes & STATE_PAIR_MASK;
  }

  private tellStates(pair: number): void {
    this.stateCodes = (this.stateCodes & STATE_PAIR_MASK) | ((pair + 1) << STATE_PAIR_BITS);
  }

  private extraOf(): RowExtra {
    this.extra ??= { lost: undefined, laterStates: undefined, laterChangeCodes: NO_CHANGES };
    return this.extra;
  }

  get frame(): number {
    return this.segment.frame;
  }

  get flags(): number {
    return this.segment.flags;
  }

  get len(): number {
    return this.segment.payloadLength;
  }

  /** The sequence number its SYN occupies, if it carries one. */
  get synSeq(): number | undefined {
    return this.segment.flags & TcpFlag.SYN ? this.segment.seq : undefined;
  }

  /** The sequence number its FIN occupies, if it carries one: what an ACK must pass to cover it. */
  get finSeq(): number | undefined {
    return finSeqOf(this.segment);
  }

  /** It repeats a SYN or a FIN its sender sent before (same sequence number). */
  get repeatsSyn(): boolean {
    return (this.bits & RowFact.REPEATS_SYN) !== 0;
  }

  get repeatsFin(): boolean {
    return (this.bits & RowFact.REPEATS_FIN) !== 0;
  }

  /** Its ACK covers the peer's SYN (and, RFC 9293 §3.10.7.3, no more than the peer sent), or the peer's FIN. */
  get acksPeerSyn(): boolean {
    return (this.bits & RowFact.ACKS_PEER_SYN) !== 0;
  }

  /** Set on a SYN or a RST only: RFC 9293 §3.10.7.3 (SYN-SENT) asks it of no other segment. */
  get acksPeerSynExactly(): boolean {
    return (this.bits & RowFact.ACKS_PEER_SYN_EXACTLY) !== 0;
  }

  get acksPeerFin(): boolean {
    return (this.bits & RowFact.ACKS_PEER_FIN) !== 0;
  }

  /** It carries sequence space past all its sender had sent before: new data, or a first SYN or FIN. */
  get advances(): boolean {
    return (this.bits & RowFact.ADVANCES) !== 0;
  }

  /**
   * A RST whose sequence number is not the one right after its sender's SYN: sent in SYN_SENT, it
   * answers an ACK that does not acknowledge that SYN (RFC 9293 §3.10.7.3, <SEQ=SEG.ACK><CTL=RST>).
   */
  get rstNotAfterSyn(): boolean {
    return (this.bits & RowFact.RST_NOT_AFTER_SYN) !== 0;
  }

  /** A RST whose sequence number lies in the receiver's window (RFC 9293 §3.10.7.4 first check, RFC 5961 §3.2). */
  get rstAcceptable(): boolean {
    return (this.bits & RowFact.RST_ACCEPTABLE) !== 0;
  }
}

/** The sequence number just past what a segment occupies: its SYN, data and FIN (RFC 9293 §3.4, SEG.LEN). */
export function sequenceEndOf(segment: Segment): number {
  const flags = segment.flags;
  return seqAdd(segment.seq, segment.payloadLength + (flags & TcpFlag.SYN ? 1 : 0) + (flags & TcpFlag.FIN ? 1 : 0));
}

/** The sequence number a segment's FIN occupies, after its data (and its SYN's), if it carries one. */
export function finSeqOf(segment: Segment): number | undefined {
  const flags = segment.flags;
  if (!(flags & TcpFlag.FIN)) return undefined;
  return seqAdd(segment.seq, segment.payloadLength + (flags & TcpFlag.SYN ? 1 : 0));
}
