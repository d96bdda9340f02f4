import type { Segment } from "../decode/segment.js";
import { plainDetails, type AnalysisDetails } from "./analysis/details.js";
import type { SegmentAnalysis } from "./analysis/segment-analysis.js";
import { WINDOW_SCALE_UNKNOWN, windowScaledOf } from "./analysis/window-scale.js";
import type { Connection } from "./connection.js";
import type { Note } from "./notes.js";
import {
  bothConfidencesOfPair,
  ConfidenceCode,
  confidencePairCode,
  ObservedRow,
  ROW_BITS,
  type BothConfidences,
  type BothStates,
} from "./observer/row.js";
import { codesOfChanges, type ChangeCodes } from "./observer/change-code.js";
import type { Role } from "./states.js";
import type { StateChange, TransitionCause } from "./transition.js";
import { nanosToSeconds } from "../capture/timestamp.js";

/**
 * A segment placed in its connection, with everything the observer concluded from it. What it
 * did to the endpoints (states, changes, notes, confidence) is read with hindsight: it may change
 * until the segment is settled, when no later segment can change it any more (docs/tracking-model.md).
 */
export interface TrackedSegment {
  segment: Segment;
  connection: Connection;
  /** This segment opened the connection (its first segment in the capture). */
  isFirst: boolean;
  from: Role;
  /** Wireshark's relative tcp.seq and tcp.ack (ack null without the ACK flag). */
  seq: number;
  ack: number | null;
  /** Seconds since the connection's first segment. */
  sinceStart: number;
  /** The state changes this segment made, in order: its sender's, then its receiver's (or, crossing, the sender's late arrivals). */
  changes: readonly StateChange[];
  /** Both endpoints' states after the segment. */
  states: BothStates;
  /** How sure each state is: confirmed by the endpoint's own segments, inferred from RFC 9293, or unknown. Set when settled. */
  confidence: BothConfidences;
  /** The move the segment asks of its receiver on arrival (RFC 9293 §3.10.7), whether or when the receiver made it. */
  receipt: TransitionCause | undefined;
  /** No later segment can change how it reads. */
  settled: boolean;
  notes: readonly Note[];
  /** Wireshark tcp.analysis.* names (without the prefix) that apply to this segment, in tshark's order. */
  analysis: readonly string[];
  /** The numbers behind them: scaled window, duplicate-ACK count, acked frame, RTTs, and each finding's evidence. */
  analysisDetails: AnalysisDetails;
}

/**
 * A PlacedSegment's own bits, above its row's (ROW_BITS): the window scale (WINDOW_SCALE_NONE,
 * -2, up to a shift of 14) plus PLAIN_SCALE_OFFSET, 0 to 16 in five bits; above it, that the iRTT
 * is shown; above that, its confidence pair's code (confidencePairCode), in four bits.
 */
const PLAIN_SHIFT = ROW_BITS;
const PLAIN_SCALE_OFFSET = 2;
const PLAIN_SCALE_MASK = 31;
const PLAIN_SHOWS_IRTT = 32;
const PLAIN_MASK = 63;
const CONFIDENCE_SHIFT = PLAIN_SHIFT + 6;
const CONFIDENCE_MASK = 15;

/** What a segment's confidence is until it is settled: nothing is known yet. */
const UNSETTLED = confidencePairCode(ConfidenceCode.UNKNOWN, ConfidenceCode.UNKNOWN);
/** The plain bits of a segment not analyzed: no window scale known, no iRTT shown. */
const UNANALYZED_PLAIN = WINDOW_SCALE_UNKNOWN + PLAIN_SCALE_OFFSET;
const NO_FINDINGS: readonly string[] = Object.freeze([]);

/**
 * The TrackedSegment the tracker makes for every segment: the observer's row of it (ObservedRow,
 * whose readings are its states, changes, notes and receipt until it is told), so that one object
 * per segment serves both. The time since the connection's first segment is worked out when read:
 * both times it comes from are fixed, and a number kept for every segment is a heap object of its
 * own. Most segments have no findings, and most commands never read their analysis details
 * (summary and check count the findings): such a segment keeps the few numbers its details are
 * made of, and makes them when first read, rather than one object per segment. Of those numbers,
 * the scaled window follows from the header and the window scale, and the iRTT is the
 * connection's (it never changes once known): the segment keeps only the window scale and
 * whether the iRTT is shown, in its row's bits (PLAIN_* above), with its confidence's code, and
 * the acked frame where the details would be: every field is 8 bytes of every segment.
 */
export class PlacedSegment extends ObservedRow implements TrackedSegment {
  analysis: readonly string[] = NO_FINDINGS;
  /** The details once made (or made at once, with findings); before, the acked frame they quote, if any. */
  #details: AnalysisDetails | number | undefined = undefined;
  #ackRttNanos: number | undefined = undefined;

  /** Placed unanalyzed: no finding, nothing acknowledged or timed, no window scale known, until `analyzed`. */
  constructor(
    index: number,
    segment: Segment,
    from: Role,
    facts: number,
    readonly connection: Connection,
    readonly seq: number,
    readonly ack: number | null,
  ) {
    super(index, segment, from, facts);
    this.bits |= (UNANALYZED_PLAIN << PLAIN_SHIFT) | (UNSETTLED << CONFIDENCE_SHIFT);
  }

  /** Wireshark's analysis of the segment (analysis/analysis-model.ts): its findings, and the numbers its details are made of. */
  analyzed(outcome: SegmentAnalysis): void {
    this.analysis = outcome.analysis;
    this.#details = outcome.findingDetails ?? outcome.ackedFrame;
    this.#ackRttNanos = outcome.ackRttNanos;
    const plain = outcome.windowScale + PLAIN_SCALE_OFFSET + (outcome.showsInitialRtt ? PLAIN_SHOWS_IRTT : 0);
    this.bits = (this.bits & ~(PLAIN_MASK << PLAIN_SHIFT)) | (plain << PLAIN_SHIFT);
  }

  /** How sure each state is: unknown until it is settled (tellConfidence). */
  get confidence(): BothConfidences {
    return bothConfidencesOfPair((this.bits >> CONFIDENCE_SHIFT) & CONFIDENCE_MASK);
  }

  /** Settled with this confidence (a confidencePairCode). */
  tellConfidence(pairCode: number): void {
    this.bits = (this.bits & ~(CONFIDENCE_MASK << CONFIDENCE_SHIFT)) | (pairCode << CONFIDENCE_SHIFT);
  }

  /** The connection's first segment is its first row. */
  get isFirst(): boolean {
    return this.index === 0;
  }

  /** Told: no later segment changes how it reads. */
  get settled(): boolean {
    return this.wasTold;
  }

  get sinceStart(): number {
    return this.connection.secondsSinceFirst(this.segment);
  }

  /** The numbers behind the analysis: scaled window, duplicate-ACK count, acked frame, RTTs, and each finding's evidence. */
  get analysisDetails(): AnalysisDetails {
    const details = this.#details;
    if (typeof details === "object") return details;
    const made = this.plainDetails(details);
    this.#details = made;
    return made;
  }

  /** The details object when there is one (findings, or the details were read): else undefined, and the numbers below are read without one. */
  get madeDetails(): AnalysisDetails | undefined {
    const details = this.#details;
    return typeof details === "object" ? details : undefined;
  }

  get windowScale(): number {
    const details = this.#details;
    if (typeof details === "object") return details.windowScale;
    return ((this.bits >> PLAIN_SHIFT) & PLAIN_MASK & PLAIN_SCALE_MASK) - PLAIN_SCALE_OFFSET;
  }

  get windowScaled(): number {
    const details = this.#details;
    return typeof details === "object" ? details.windowScaled : windowScaledOf(this.segment, this.windowScale);
  }

  get ackedFrame(): number | undefined {
    const details = this.#details;
    return typeof details === "object" ? details.ackedFrame : details;
  }

  /** Seconds (undefined when not shown). */
  get ackRtt(): number | undefined {
    const details = this.#details;
    if (typeof details === "object") return details.ackRtt;
    const nanos = this.#ackRttNanos;
    return details === undefined || nanos === undefined ? undefined : nanosToSeconds(nanos);
  }

  /** Seconds (undefined when not shown). */
  get initialRtt(): number | undefined {
    const details = this.#details;
    if (typeof details === "object") return details.initialRtt;
    const nanos = this.initialRttNanos;
    return nanos === undefined ? undefined : nanosToSeconds(nanos);
  }

  private get initialRttNanos(): number | undefined {
    return (this.bits >> PLAIN_SHIFT) & PLAIN_SHOWS_IRTT ? this.connection.analysis!.initialRttInNanos : undefined;
  }

  private plainDetails(ackedFrame: number | undefined): AnalysisDetails {
    return plainDetails(this.windowScaled, this.windowScale, ackedFrame, this.#ackRttNanos, this.initialRttNanos);
  }
}

/**
 * A segment's numbers as its analysisDetails say them, read without making the details: a
 * PlacedSegment without findings keeps the numbers its details are made of and makes them only
 * when asked, and the timelines, which read these of every segment, made an object per segment.
 */
export function madeDetailsOf(tracked: TrackedSegment): AnalysisDetails | undefined {
  return tracked instanceof PlacedSegment ? tracked.madeDetails : tracked.analysisDetails;
}

/**
 * The segment's state changes as codes (change-code.ts), as `changes` lists them: the timelines
 * read the changes of every segment, and a PlacedSegment makes their objects only when asked.
 */
export function changeCodesOf(tracked: TrackedSegment): ChangeCodes {
  return tracked instanceof PlacedSegment ? tracked.changeCodes : codesOfChanges(tracked.changes);
}

export function windowScaleOf(tracked: TrackedSegment): number {
  return tracked instanceof PlacedSegment ? tracked.windowScale : tracked.analysisDetails.windowScale;
}

export function scaledWindowOf(tracked: TrackedSegment): number {
  return tracked instanceof PlacedSegment ? tracked.windowScaled : tracked.analysisDetails.windowScaled;
}

export function ackedFrameOf(tracked: TrackedSegment): number | undefined {
  return tracked instanceof PlacedSegment ? tracked.ackedFrame : tracked.analysisDetails.ackedFrame;
}

export function ackRttOf(tracked: TrackedSegment): number | undefined {
  return tracked instanceof PlacedSegment ? tracked.ackRtt : tracked.analysisDetails.ackRtt;
}

export function initialRttOf(tracked: TrackedSegment): number | undefined {
  return tracked instanceof PlacedSegment ? tracked.initialRtt : tracked.analysisDetails.initialRtt;
}
