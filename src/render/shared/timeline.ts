import type { CaptureInfo } from "../../capture/info.js";
import type { AnnotationEvent, AnnotationTotals } from "../../annotate/events.js";
import type { CaptureFindings } from "../../annotate/findings/finding.js";
import type { Connection } from "../../track/connection.js";
import type { ByteWriter } from "./byte-writer.js";

/** Turns the annotator's events into output text, one format each (text, NDJSON). */
export interface TimelineView {
  /** The capture's headers were read (called once per input file). */
  capture(file: string, info: CaptureInfo): string;
  /**
   * One event, already selected, written into `out` (nothing when the view shows nothing for it):
   * at its turn, after the events before it, and after `ahead` if that was called for it.
   */
  event(event: AnnotationEvent, out: ByteWriter): void;
  /**
   * As the annotator pushes each selected event, in capture order, before those held ahead of it
   * are written (EventBytes, annotate/event-bytes.ts): what of its output is known now, written
   * into `out`; `final` when nothing can change the event any more. True when that is all of it;
   * false when `event` is to write the rest (or all of it) at its turn. A view called so is
   * called so for every event it is given.
   */
  ahead(event: AnnotationEvent, final: boolean, out: ByteWriter): boolean;
  /**
   * A segment `ahead` did not write all of is final now, before its turn: the rest of it written
   * into `out`. False when it is to wait for its turn (`event`) instead.
   */
  rest(event: AnnotationEvent, out: ByteWriter): boolean;
  /** A selected connection is done (nothing changes it any more): told once each, after its last event. */
  retired(connection: Connection): void;
  /**
   * Input ended, every connection retired: the closing text, given the totals, written into `out`
   * (a writer that hands on what it holds as it fills: one string could not hold a long capture's
   * connection records, nor need memory hold them all at once). The capture-level findings
   * (docs/findings.md) close it.
   */
  end(totals: AnnotationTotals, findings: CaptureFindings | undefined, out: ByteWriter): void;
}
