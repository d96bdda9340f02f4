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

  /** The text timeline writes nothing per connection at the end. */
  retired(_connection: Connection): void {}

  end(totals: AnnotationTotals, findings?: CaptureFindings): string[] {
    const lines = (findings?.findings ?? []).map((finding) =>
      this.renderer.findingLine(finding.kind, findingText(finding, this.options.language)),
    );
    return [this.renderer.totals(captureTotals(totals)), ...lines];
  }

  private heading(connection: Connection, isFirst: boolean, out: ByteWriter): void {
    if (connection.stream === this.lastStream) return;
    this.lastStream = connection.stream;
    if (isFirst) out.text(this.renderer.connectionHeader(connection));
    else this.renderer.streamMarker(connection, out);
  }
}
