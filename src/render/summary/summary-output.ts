import type { CaptureFindings, HalfOpenQueue } from "../../annotate/findings/finding.js";
import { findingText } from "../../annotate/findings/words.js";
import type { ConnectionSummary } from "../../track/summary.js";
import { writeConnectionRecord } from "../ndjson/connection-record.js";
import { findingRecord } from "../ndjson/ndjson.js";
import { HeldRecords } from "./held-records.js";
import { writeIndentedSummary } from "./summary-json.js";
import { SummaryTableWriter, type SummaryTableOptions } from "./summary-table.js";
import { renderSummaryTotals, SummaryTotalsCounter } from "./summary-totals.js";
import { encodeText } from "../shared/byte-writer.js";
import { fitLines } from "../shared/fit.js";
import { CONTROL_RANGES, terminalSafeLines } from "../shared/terminal-safe.js";
import { type TextOutput, writeText } from "../shared/text-output.js";
import { CATALOGS, type Language } from "../../explain/catalog/index.js";

export type SummaryFormat = "text" | "json" | "ndjson";

/**
 * `tcp-annotate summary` written as connections come: each record is written into bytes when its
 * connection is let go of (hold), and those bytes wait for the record's turn in stream order
 * (release), when they go out (or, for the table, are measured and padded); only the totals are
 * counted along.
 */
export interface SummaryWriter {
  /** The connection's record, written at once and held: the number to release it by. */
  hold(summary: ConnectionSummary): number;
  /** The held record's turn: it goes out, and the totals count it. */
  release(record: number): void;
  /** Every connection was released: write the rest, the totals and the capture-level findings (docs/findings.md). */
  end(findings?: CaptureFindings): void;
}

export function summaryWriter(format: SummaryFormat, options: SummaryTableOptions, output: TextOutput): SummaryWriter {
  const write = (text: string) => writeText(output, text);
  switch (format) {
    case "text":
      return new TextSummary(options, output, write);
    case "json":
      return new JsonSummary(output, write);
    case "ndjson":
      return new NdjsonSummary(options.language, output, write);
  }
}

/** The table, then the totals in words. */
class TextSummary implements SummaryWriter {
  private readonly counter = new SummaryTotalsCounter();
  private readonly table: SummaryTableWriter;
  private readonly held: HeldRecords;
  /** A final state not confirmed was shown (marked ?): the totals are followed by what the mark means. */
  private marked = false;

  constructor(
    private readonly options: SummaryTableOptions,
    output: TextOutput,
    private readonly write: (text: string) => void,
  ) {
    this.table = new SummaryTableWriter(options, output);
    this.held = new HeldRecords(this.table.cellsPerRow);
  }

  hold(summary: ConnectionSummary): number {
    const record = this.held.begin(summary);
    this.table.write(summary, this.held);
    this.marked ||= summary.finalConfidence.client !== "confirmed" || summary.finalConfidence.server !== "confirmed";
    return record;
  }

  release(record: number): void {
    this.table.release(this.held, record);
    this.held.done(record, this.counter);
  }

  end(findings?: CaptureFindings): void {
    this.table.end();
    this.write(
      fitLines(renderSummaryTotals(this.counter.totals(), this.options.language), this.options.width) +
        this.table.leftOut(),
    );
    if (this.marked && this.table.shows("states"))
      this.write(fitLines(`${CATALOGS[this.options.language].words.text.unconfirmedLegend}\n`, this.options.width));
    if (findings !== undefined && findings.findings.length > 0)
      this.write(fitLines(this.findingsSection(findings), this.options.width));
  }

  /** Under the table, only when there is a finding: each in a paragraph, then the half-open queue's peak. */
  private findingsSection({ findings, halfOpenQueue }: CaptureFindings): string {
    const language = this.options.language;
    const words = CATALOGS[language].words.text;
    const paragraphs = findings.map((finding) =>
      terminalSafeLines(`${words.finding} (${finding.kind}): ${findingText(finding, language)}`),
    );
    return `\n${paragraphs.join("\n")}\n${words.halfOpenPeak(halfOpenQueue.peak, halfOpenQueue.peakTime)}\n`;
  }
}

/** What comes before a connection's record in the JSON document: the document's opening, or the comma after the last. */
const FIRST_RECORD = encodeText('{\n  "connections": [\n');
const NEXT_RECORD = encodeText(",\n");

/**
 * One JSON document, {"connections": [...], "totals": {...}}, indented by two as
 * JSON.stringify(document, null, 2) would write it, but written a connection at a time, each
 * straight into bytes (writeIndentedSummary) that wait for its turn.
 */
class JsonSummary implements SummaryWriter {
  private readonly counter = new SummaryTotalsCounter();
  private readonly held = new HeldRecords(1);

  constructor(
    private readonly output: TextOutput,
    private readonly write: (text: string) => void,
  ) {}

  hold(summary: ConnectionSummary): number {
    return this.held.hold(summary, writeIndentedSummary);
  }

  release(record: number): void {
    const out = this.output.bytes;
    out.bytes(this.counter.connections === 0 ? FIRST_RECORD : NEXT_RECORD);
    this.held.move(record, out);
    this.held.done(record, this.counter);
    this.output.wrote();
  }

  end(findings?: CaptureFindings): void {
    const closing = this.counter.connections === 0 ? '{\n  "connections": [],\n' : "\n  ],\n";
    const totals = { ...this.counter.totals(), ...queuePeak(findings) };
    const found = findings === undefined ? "" : `,\n  "findings": ${indented(findings.findings, "  ").trimStart()}`;
    this.write(`${closing}  "totals": ${indented(totals, "  ").trimStart()}${found}\n}\n`);
  }
}

/** The half-open queue's peak for the totals (its series is drawn in the report only). */
function queuePeak(findings: CaptureFindings | undefined): { halfOpenQueue?: Omit<HalfOpenQueue, "series"> } {
  if (findings === undefined) return {};
  const { peak, peakTime } = findings.halfOpenQueue;
  return { halfOpenQueue: { peak, peakTime } };
}

/** A character terminalSafe would escape, other than a line break (indented JSON's own): the C0 range is split round it. */
const UNSAFE_BESIDES_BREAKS = new RegExp(
  `[${CONTROL_RANGES.replace("\\u0000-\\u001f", "\\u0000-\\u0009\\u000b-\\u001f")}\\ud800-\\udfff]`,
);

/** A value's indented JSON, each line prefixed (its strings are escaped, so a line break is always the layout's). */
function indented(value: unknown, prefix: string): string {
  const json = prefix + JSON.stringify(value, null, 2).replaceAll("\n", `\n${prefix}`);
  // Made safe line by line only when a character may need it: nearly no record has one.
  return UNSAFE_BESIDES_BREAKS.test(json) ? terminalSafeLines(json) : json;
}

/** One connection record per line, then the totals record. */
class NdjsonSummary implements SummaryWriter {
  private readonly counter = new SummaryTotalsCounter();
  private readonly held = new HeldRecords(1);

  constructor(
    private readonly language: Language,
    private readonly output: TextOutput,
    private readonly write: (text: string) => void,
  ) {}

  hold(summary: ConnectionSummary): number {
    return this.held.hold(summary, writeConnectionRecord);
  }

  release(record: number): void {
    this.held.move(record, this.output.bytes);
    this.held.done(record, this.counter);
    this.output.wrote();
  }

  end(findings?: CaptureFindings): void {
    for (const finding of findings?.findings ?? []) this.write(findingRecord(finding, this.language));
    this.write(JSON.stringify({ type: "totals", ...this.counter.totals(), ...queuePeak(findings) }) + "\n");
  }
}
