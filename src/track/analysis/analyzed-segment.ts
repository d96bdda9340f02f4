import { plainDetails, type AnalysisDetails } from "./details.js";

/** One segment's analysis as ConnectionAnalysis.analyze hands it back: the scratch's record, refilled for every segment. */
export interface SegmentAnalysis {
  /** tshark's tcp.analysis field names, in its order (shared lists, never changed). */
  analysis: readonly string[];
  /** The details of a segment with findings, made at once (they quote the flows as they stand); undefined without findings. */
  findingDetails: AnalysisDetails | undefined;
  /** What the details of a segment without findings are made of, when read (details.ts, plainDetails). */
  windowScaled: number;
  windowScale: number;
  ackedFrame: number | undefined;
  /**
   * Undefined when none is shown. Never 0 for none: a field that is sometimes undefined holds
   * small integers as they are, where one that only ever held numbers would, once a single value
   * was not a small integer (an RTT over two seconds), give every later segment a box for it.
   */
  ackRttNanos: number | undefined;
  initialRttNanos: number | undefined;
}

/**
 * A segment with its analysis. Most segments have no findings, and most commands never read their
 * details (summary and check count the findings): such a segment keeps the few numbers its
 * details are made of, and makes them when first read, rather than one object per segment.
 */
export class AnalyzedSegment {
  readonly analysis: readonly string[];
  #details: AnalysisDetails | undefined;
  readonly #windowScaled: number;
  readonly #windowScale: number;
  readonly #ackedFrame: number | undefined;
  readonly #ackRttNanos: number | undefined;
  readonly #initialRttNanos: number | undefined;

  constructor(outcome: SegmentAnalysis) {
    this.analysis = outcome.analysis;
    this.#details = outcome.findingDetails;
    this.#windowScaled = outcome.windowScaled;
    this.#windowScale = outcome.windowScale;
    this.#ackedFrame = outcome.ackedFrame;
    this.#ackRttNanos = outcome.ackRttNanos;
    this.#initialRttNanos = outcome.initialRttNanos;
  }

  /** The numbers behind the analysis: scaled window, duplicate-ACK count, acked frame, RTTs, and each finding's evidence. */
  get analysisDetails(): AnalysisDetails {
    this.#details ??= plainDetails(
      this.#windowScaled,
      this.#windowScale,
      this.#ackedFrame,
      this.#ackRttNanos,
      this.#initialRttNanos,
    );
    return this.#details;
  }
}
