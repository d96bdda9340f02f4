import type { AnnotationEvent, AnnotationTotals } from "../../annotate/events.js";
import type { CaptureFindings } from "../../annotate/findings/finding.js";
import { findingText } from "../../annotate/findings/words.js";
import type { CaptureInfo } from "../../capture/info.js";
import type { Connection } from "../../track/connection.js";
import { describeFormat, linkTypeNames } from "../shared/capture-format.js";
import { TextRenderer, type TextOptions } from "./text.js";
import type { TimelineView } from "../shared/timeline.js";
import type { ByteWriter } from "../shared/byte-writer.js";
import { captureTotals } from "../shared/capture-totals.js";

/**
 * The text timeline: a header per capture, a heading when a connection first appears (and a
 * short marker when output switches to another connection), then each segment and its
 * explanation. Warnings go elsewhere (stderr), so this view shows none.
 */
export class TextTimeline implements TimelineView {
  private readonly renderer: TextRenderer;
  private lastStream: number | undefined;
  /** Whether events are written ahead (`ahead`): a segment given to `event` then had its line begun. */
  private writingAhead = false;

  constructor(private readonly options: TextOptions) {
    this.renderer = new TextRenderer(options);
  }

  capture(file: string, info: CaptureInfo): string {
    return this.renderer.captureHeader({
      file,
      format: describeFormat(info, this.options.language),
      linkTypes: linkTypeNames(info),
    });
  }

  event(event: AnnotationEvent, out: ByteWriter): void {
    switch (event.kind) {
      case "segment": {
        const { tracked, explanation } = event;
        if (this.writingAhead && this.renderer.writesInParts)
          return this.renderer.segmentEnd(tracked, explanation, out);
        this.heading(tracked.connection, tracked.isFirst, out);
        return this.renderer.segment(tracked, explanation, out);
      }
      case "timer":
        return out.text(this.renderer.timerLine(event.expiry.connection, event.message));
      case "revision":
        return out.text(this.renderer.revisionLines(event.messages));
      case "warning":
        return;
    }
  }

  /**
   * Timers and revisions, and segments once final, are written whole. What a line depends on
   * besides its segment (the heading before it, which follows the stream before it; the
   * columns, which the lines before it widened; the time since the segment shown before) is
   * decided here in capture order for every segment, so a segment still waiting has its heading
   * and the start of its line written ahead, up to the states, and the rest once it is final
   * (`rest`) or at its turn. A line fitted to a width is made whole at its turn (and all of them
   * then, for their order).
   */
  ahead(event: AnnotationEvent, final: boolean, out: ByteWriter): boolean {
    this.writingAhead = true;
    if (event.kind === "warning") return false;
    if (event.kind !== "segment") {
      this.event(event, out);
      return true;
    }
    if (!this.renderer.writesInParts) return false;
    const tracked = event.tracked;
    this.heading(tracked.connection, tracked.isFirst, out);
    if (final) this.renderer.segment(tracked, event.explanation, out);
    else this.renderer.segmentStart(tracked, out);
    return final;
  }

  /** The rest of a segment's line begun ahead: its states and step, and its explanation. */
  rest(event: AnnotationEvent, out: ByteWriter): boolean {
    if (event.kind !== "segment" || !this.renderer.writesInParts) return false;
    this.renderer.segmentEnd(event.tracked, event.explanation, out);
    return true;
  }

  /** The text timeline writes nothing per connection at the end. */
  retired(_connection: Connection): void {}

  end(totals: AnnotationTotals, findings: CaptureFindings | undefined, out: ByteWriter): void {
    out.text(this.renderer.totals(captureTotals(totals)));
    for (const finding of findings?.findings ?? [])
      out.text(this.renderer.findingLine(finding.kind, findingText(finding, this.options.language)));
  }

  private heading(connection: Connection, isFirst: boolean, out: ByteWriter): void {
    if (connection.stream === this.lastStream) return;
    this.lastStream = connection.stream;
    if (isFirst) this.renderer.connectionHeader(connection, out);
    else this.renderer.streamMarker(connection, out);
  }
}
