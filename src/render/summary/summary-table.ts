import { CATALOGS, type Language, type SummaryWords } from "../../explain/catalog/index.js";
import type { ConnectionSummary } from "../../track/summary.js";
import { BoxTableWriter, type BoxTableLayout } from "../shared/box-table.js";
import { fitParagraph } from "../shared/fit.js";
import { type TextOutput, writeText } from "../shared/text-output.js";
import { formatBytes, formatCount, formatDuration } from "../shared/quantities.js";
import { UNCONFIRMED_MARK } from "../shared/unconfirmed-mark.js";

export interface SummaryTableOptions {
  language: Language;
  color: boolean;
  /** Columns the table may take (the terminal's width): it shows the columns that fit. Undefined: no limit. */
  width?: number | undefined;
  /** The columns asked for (--columns), in this order; undefined: chosen to fit the width, or all. */
  columns?: readonly SummaryColumn[] | undefined;
}

/** The table's columns, by the names --columns takes, in the order they are drawn. */
export const SUMMARY_COLUMNS = [
  "stream",
  "client",
  "server",
  "packets",
  "bytes",
  "duration",
  "irtt",
  "opened",
  "ended",
  "states",
  "retrans",
  "zeek",
  "completeness",
] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

/** Which columns a narrow terminal keeps first: who talked, how it ended and the states, then the rest. */
const IMPORTANCE: readonly SummaryColumn[] = [
  "stream",
  "client",
  "server",
  "ended",
  "states",
  "opened",
  "packets",
  "bytes",
  "duration",
  "irtt",
  "retrans",
  "zeek",
  "completeness",
];

interface ColumnSpec {
  head: (words: SummaryWords) => string;
  align: "left" | "right";
  /** Cells ASCII by construction: measured by length (see BoxTableLayout.ascii). */
  ascii: boolean;
  cell: (summary: ConnectionSummary, language: Language) => string;
}

const SPECS: Record<SummaryColumn, ColumnSpec> = {
  stream: { head: (w) => w.stream, align: "right", ascii: true, cell: (s) => String(s.stream) },
  client: { head: (w) => w.client, align: "left", ascii: true, cell: (s) => s.client },
  server: { head: (w) => w.server, align: "left", ascii: true, cell: (s) => s.server },
  packets: {
    head: (w) => w.packets,
    align: "right",
    ascii: true,
    cell: (s) => `${formatCount(s.packets.client)} / ${formatCount(s.packets.server)}`,
  },
  bytes: {
    head: (w) => w.bytes,
    align: "right",
    ascii: true,
    cell: (s) => `${formatBytes(s.bytes.client)} / ${formatBytes(s.bytes.server)}`,
  },
  duration: { head: (w) => w.duration, align: "right", ascii: true, cell: (s) => formatDuration(s.duration) },
  irtt: {
    head: () => "iRTT",
    align: "right",
    ascii: true,
    cell: (s) => (s.handshake.rtt === null ? "-" : formatDuration(s.handshake.rtt)),
  },
  opened: {
    head: (w) => w.opened,
    align: "left",
    ascii: false,
    cell: (s, language) => CATALOGS[language].words.summary.outcomes[s.handshake.outcome],
  },
  ended: { head: (w) => w.ended, align: "left", ascii: false, cell: ended },
  states: { head: (w) => w.finalStates, align: "left", ascii: true, cell: finalStatesText },
  retrans: {
    head: (w) => w.retransmissions,
    align: "right",
    ascii: true,
    cell: (s) => formatCount(s.findings["retransmission"] ?? 0),
  },
  zeek: {
    head: () => "Zeek",
    align: "left",
    ascii: true,
    cell: (s) => (s.zeek === null ? "-" : `${s.zeek.connState} ${s.zeek.history}`),
  },
  completeness: { head: (w) => w.completeness, align: "right", ascii: true, cell: (s) => String(s.completeness) },
};

function ended(summary: ConnectionSummary, language: Language): string {
  const { text, summary: words } = CATALOGS[language].words;
  const by = summary.close.by === null ? "" : ` ${words.closedBy(text[summary.close.by])}`;
  return words.closeKinds[summary.close.kind] + by + (summary.halfOpen ? `, ${words.halfOpen}` : "");
}

/**
 * The connections table of `tcp-annotate summary`: one row per stream with who talked, how much
 * each way, how long, how it opened and ended, the final states, Zeek's and Wireshark's verdicts.
 * Written as connections come (see BoxTableWriter: exact up to its measured rows). On a terminal
 * it shows the columns that fit, most telling first, and says which it left out.
 */
export class SummaryTableWriter {
  private readonly table: BoxTableWriter;
  private readonly columns: readonly SummaryColumn[];
  private readonly specs: readonly ColumnSpec[];
  /** The row being written, filled again for each connection (the table keeps no row it is given). */
  private readonly row: string[];

  constructor(
    private readonly options: SummaryTableOptions,
    private readonly output: TextOutput,
    measuredRows?: number,
  ) {
    this.columns = options.columns ?? SUMMARY_COLUMNS;
    this.specs = this.columns.map((column) => SPECS[column]);
    this.row = this.columns.map(() => "");
    this.table = new BoxTableWriter(this.layout(), output, measuredRows);
  }

  add(summary: ConnectionSummary): void {
    const language = this.options.language;
    const { specs, row } = this;
    for (let i = 0; i < specs.length; i++) row[i] = specs[i]!.cell(summary, language);
    this.table.add(row);
  }

  end(): void {
    this.table.end();
    writeText(this.output, "\n");
  }

  /** Is the column drawn (asked for, and not left out to fit the width)? */
  shows(column: SummaryColumn): boolean {
    const index = this.columns.indexOf(column);
    return index >= 0 && !this.table.hidden.includes(index);
  }

  /** The line saying which columns the width left out, or "" when it left out none. */
  leftOut(): string {
    const hidden = this.table.hidden.map((index) => this.columns[index]!);
    if (hidden.length === 0) return "";
    return fitParagraph(CATALOGS[this.options.language].words.summary.leftOut(hidden), this.options.width);
  }

  private layout(): BoxTableLayout {
    const words = CATALOGS[this.options.language].words.summary;
    const specs = this.specs;
    // Columns asked for by name are all shown; chosen ones give way by importance.
    const priority =
      this.options.columns === undefined ? IMPORTANCE.map((column) => this.columns.indexOf(column)) : undefined;
    return {
      head: specs.map((spec) => spec.head(words)),
      align: specs.map((spec) => spec.align),
      ascii: specs.map((spec) => spec.ascii),
      color: this.options.color,
      width: this.options.width,
      priority,
    };
  }
}

/** "TIME_WAIT / CLOSED?": each final state, marked ? when its endpoint's own segments do not confirm it. */
export function finalStatesText(summary: ConnectionSummary): string {
  const mark = (role: "client" | "server") =>
    summary.finalStates[role] + (summary.finalConfidence[role] === "confirmed" ? "" : UNCONFIRMED_MARK);
  return `${mark("client")} / ${mark("server")}`;
}
