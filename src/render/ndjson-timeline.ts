import type { AnnotationEvent, AnnotationTotals } from "../annotate/events.js";
import type { CaptureInfo } from "../capture/info.js";
import type { Language } from "../explain/catalog/index.js";
import type { Connection } from "../track/connection.js";
import { summarize } from "../track/summary.js";
import { linkTypeNames } from "./capture-format.js";
import { captureRecord, connectionRecord, endRecord, segmentRecord, timerRecord, warningRecord } from "./ndjson.js";
import type { TimelineView } from "./timeline.js";

/** The NDJSON output contract: capture, segment, timer, warning, then connection and end records. */
export class NdjsonTimeline implements TimelineView {
  constructor(private readonly language: Language) {}

  capture(file: string, info: CaptureInfo): string {
    return captureRecord({
      file,
      format: info.format,
      byteOrder: info.byteOrder,
      timestampPrecision: info.timestampPrecision,
      gzip: info.gzip,
      linkTypes: linkTypeNames(info),
    });
  }

  event(event: AnnotationEvent): string {
    switch (event.kind) {
      case "segment":
        return segmentRecord(event.tracked, event.explanation, this.language);
      case "timer": {
        const { connection, change, time } = event.expiry;
        return timerRecord(connection, change, time, event.message, this.language);
      }
      case "warning":
        return warningRecord({ kind: event.problem, message: event.message, frame: event.frame, offset: event.offset, file: event.file });
    }
  }

  end(connections: readonly Connection[], totals: AnnotationTotals): string {
    const records = connections.map((connection) => connectionRecord(summarize(connection)));
    return records.join("") + endRecord(totals);
  }
}
