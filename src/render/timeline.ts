import type { CaptureInfo } from "../capture/info.js";
import type { AnnotationEvent, AnnotationTotals } from "../annotate/events.js";
import type { Connection } from "../track/connection.js";

/** Turns the annotator's events into output text, one format each (text, NDJSON). */
export interface TimelineView {
  /** The capture's headers were read (called once per input file). */
  capture(file: string, info: CaptureInfo): string;
  /** One event, already selected; "" when the view shows nothing for it. */
  event(event: AnnotationEvent): string;
  /** Input ended: the selected connections in stream order and the totals. */
  end(connections: readonly Connection[], totals: AnnotationTotals): string;
}
