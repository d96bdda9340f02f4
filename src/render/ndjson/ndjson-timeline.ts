import type { AnnotationEvent, AnnotationTotals } from "../../annotate/events.js";
import type { CaptureFindings } from "../../annotate/findings/finding.js";
import type { CaptureInfo } from "../../capture/info.js";
import type { Language } from "../../explain/catalog/index.js";
import type { Connection } from "../../track/connection.js";
import { summarize } from "../../track/summary.js";
import { linkTypeNames } from "../shared/capture-format.js";
import {
  captureRecord,
  revisionRecord,
  endRecord,
  findingRecord,
  ExplanationWriter,
  RepeatedFields,
  StreamFields,
  warningRecord,
  writeSegmentRecord,
  writeTimerRecord,
} from "./ndjson.js";
import { writeConnectionRecord } from "./connection-record.js";
import { MemoryRecordStore, type RecordStore } from "./record-store.js";
import type { TimelineView } from "../shared/timeline.js";
import { ByteWriter } from "../shared/byte-writer.js";

/**
 * The NDJSON output contract: capture, segment, timer, warning, then connection, finding and end records.
 * A connection's record is made when it retires and kept as its bytes in the store until the
 * end, when the records are written in stream order: about 500 bytes per connection, where
 * holding the connections themselves for their records took 4.4 GB for 600,000 of them against
 * 1.0 GB. The CLI's store puts them in a temporary file (SpillingRecordStore).
 */
export class NdjsonTimeline implements TimelineView {
  private explanations: ExplanationWriter | undefined;
  private readonly streams = new StreamFields();
  private readonly repeated = new RepeatedFields();
  /** Where each connection's record is written, to be copied into the store. */
  private readonly connectionRecords = new ByteWriter(undefined, CONNECTION_RECORD_SIZE);

  constructor(
    private readonly language: Language,
    private readonly records: RecordStore = new MemoryRecordStore(),
  ) {}

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

  event(event: AnnotationEvent, out: ByteWriter): void {
    switch (event.kind) {
      case "segment":
        return writeSegmentRecord(
          out,
          event.tracked,
          event.explanation,
          this.explanationWriter(out),
          this.streams,
          this.repeated,
        );
      case "timer": {
        const { connection, change, time } = event.expiry;
        return writeTimerRecord(connection, change, time, event.message, this.explanationWriter(out));
      }
      case "revision":
        return out.text(revisionRecord(event.connection, event.revision, event.messages, this.language));
      case "warning":
        return out.text(
          warningRecord({
            kind: event.problem,
            message: event.message,
            frame: event.frame,
            offset: event.offset,
            file: event.file,
          }),
        );
    }
  }

  /** A record depends on its event alone: written ahead once the event is final. */
  ahead(event: AnnotationEvent, final: boolean, out: ByteWriter): boolean {
    if (!final) return false;
    this.event(event, out);
    return true;
  }

  rest(event: AnnotationEvent, out: ByteWriter): boolean {
    this.event(event, out);
    return true;
  }

  /**
   * The writer of explanations, pointed at `out`: made once, since `out` takes turns between the
   * output and the bytes written ahead (timeline-bytes.ts), and one made for each turn was a
   * writer, its templates and their values objects for every few segments.
   */
  private explanationWriter(out: ByteWriter): ExplanationWriter {
    const writer = (this.explanations ??= new ExplanationWriter(out, this.language));
    writer.out = out;
    return writer;
  }

  retired(connection: Connection): void {
    const out = this.connectionRecords;
    writeConnectionRecord(out, summarize(connection));
    this.records.add(connection.stream, out.held());
    out.discard();
  }

  end(totals: AnnotationTotals, findings: CaptureFindings | undefined, out: ByteWriter): void {
    for (const record of this.records.inStreamOrder()) out.bytes(record);
    for (const finding of findings?.findings ?? []) out.text(findingRecord(finding, this.language));
    out.text(endRecord(totals));
  }
}

/** Bytes a connection record's writer starts with: a record takes about 500. */
const CONNECTION_RECORD_SIZE = 4096;
