import type { CaptureInfo } from "../capture/info.js";
import type { Explanation } from "../explain/explainer.js";
import type { Message } from "../explain/message.js";
import type { Connection } from "../track/connection.js";
import type { Revision } from "../track/observer/hindsight.js";
import type { TimeWaitExpiry } from "../track/time-wait.js";
import type { TrackedSegment } from "../track/tracked-segment.js";

/** A TCP segment with everything tcp-annotate says about it. */
export interface AnnotatedSegment {
  kind: "segment";
  tracked: TrackedSegment;
  explanation: Explanation;
}

/** What a segment carries until it is settled and explained (the output queue holds it meanwhile). */
export const AWAITING_EVIDENCE: Explanation = Object.freeze({
  step: null,
  messages: Object.freeze([]) as unknown as Message[],
});

/** A TIME_WAIT timer that ran out between segments. */
export interface TimerEvent {
  kind: "timer";
  expiry: TimeWaitExpiry;
  message: Message;
}

/**
 * Segments already told with states that later evidence changed (docs/tracking-model.md,
 * Revisions): said after the segment that proves it.
 */
export interface RevisionEvent {
  kind: "revision";
  connection: Connection;
  revision: Revision;
  messages: Message[];
}

/** Something skipped or damaged, with where it is: the frame, the byte offset, the file. */
export interface WarningEvent {
  kind: "warning";
  problem: string;
  message: string;
  frame?: number | undefined;
  offset?: number | undefined;
  file?: string | undefined;
}

export type AnnotationEvent = AnnotatedSegment | TimerEvent | RevisionEvent | WarningEvent;

/** Where the annotator sends its results, in capture order. */
export interface AnnotationHandlers {
  /** The capture's headers were read (again when a pcapng file adds interfaces). */
  capture?(info: CaptureInfo): void;
  event(event: AnnotationEvent): void;
  /**
   * With explain "settled" (AnnotatorOptions) only, where no segment event is emitted: a segment
   * is settled, when it would be explained; what it did to the endpoints is final. In order within
   * its connection, each before its connection is retired.
   */
  settled?(tracked: TrackedSegment): void;
  /**
   * A connection is finished with (closed for the close delay, or input ended), after its last
   * event: nothing will change it any more. Each connection is told once, in the order retired.
   */
  retired?(connection: Connection): void;
}

/** Counts for the closing line and the NDJSON end record. */
export interface AnnotationTotals {
  frames: number;
  segments: number;
  connections: number;
  /** Frames that carried no TCP segment, by reason (not-tcp, ip-fragment, ...), and damaged ones. */
  skipped: Record<string, number>;
  /**
   * TCP segments that came through a tunnel, by their encapsulation, its layers joined by "/"
   * ("ethernet/ipv4/udp/vxlan/ethernet/ipv4"): absent when none did.
   */
  tunnels?: Record<string, number>;
  /** Warnings by kind (truncated, malformed, late-segment, ...), each counted, shown or not (see warning-limit.ts). */
  warnings: Record<string, number>;
}

export type { Connection };
