import type { Segment } from "../decode/segment.js";
import { AnalyzedSegment, type SegmentAnalysis } from "./analysis/analyzed-segment.js";
import type { AnalysisDetails } from "./analysis/details.js";
import type { Connection } from "./connection.js";
import { NOTHING_NOTED, type Note } from "./notes.js";
import type { BothConfidences, BothStates } from "./observer/row.js";
import type { Role } from "./states.js";
import { NONE_CHANGED, type StateChange, type TransitionCause } from "./transition.js";
import { secondsBetween } from "../capture/timestamp.js";

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
 * The TrackedSegment the tracker makes for every segment. The time since the connection's first
 * segment is worked out when read: both times it comes from are fixed, and a number kept for
 * every segment is a heap object of its own. The analysis details are made when read, as a rule
 * (AnalyzedSegment).
 */
export class PlacedSegment extends AnalyzedSegment implements TrackedSegment {
  changes: readonly StateChange[] = NONE_CHANGED;
  confidence: BothConfidences;
  receipt: TransitionCause | undefined = undefined;
  settled = false;
  notes: readonly Note[] = NOTHING_NOTED;

  constructor(
    readonly segment: Segment,
    readonly connection: Connection,
    readonly isFirst: boolean,
    readonly from: Role,
    readonly seq: number,
    readonly ack: number | null,
    public states: BothStates,
    confidence: BothConfidences,
    analysis: SegmentAnalysis,
  ) {
    super(analysis);
    this.confidence = confidence;
  }

  get sinceStart(): number {
    return secondsBetween(this.connection.firstTime, this.segment);
  }
}
