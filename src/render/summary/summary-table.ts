import { CATALOGS, type Language, type SummaryWords } from "../../explain/catalog/index.js";
import { TCP_STATES } from "../../track/states.js";
import type { CloseKind, ConnectionSummary, HandshakeOutcome } from "../../track/summary.js";
import { BoxTableWriter, type BoxTableLayout } from "../shared/box-table.js";
import { type ByteWriter, encodeText } from "../shared/byte-writer.js";
import { fitParagraph } from "../shared/fit.js";
import { type TextOutput, writeText } from "../shared/text-output.js";
import { writeBytes, writeCount, writeDuration } from "../shared/quantities.js";
import { UNCONFIRMED_MARK } from "../shared/unconfirmed-mark.js";
import type { HeldRecords } from "./held-records.js";

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
  /** Writes the connection's cell, piece by piece (numbers digit by digit, words encoded once). */
  write: (summary: ConnectionSummary, out: ByteWriter, words: CellWords) => void;
}

const SPECS: Record<SummaryColumn, ColumnSpec> = {
  stream: { head: (w) => w.stream, align: "right", ascii: true, write: (s, out) => out.number(s.stream) },
  client: { head: (w) => w.client, align: "left", ascii: true, write: (s, out) => out.text(s.client) },
  server: { head: (w) => w.server, align: "left", ascii: true, write: (s, out) => out.text(s.server) },
  packets: {
    head: (w) => w.packets,
    align: "right",
    ascii: true,
    write: (s, out) => {
      writeCount(out, s.packets.client);
      out.bytes(BETWEEN_ROLES);
      writeCount(out, s.packets.server);
    },
  },
  bytes: {
    head: (w) => w.bytes,
    align: "right",
    ascii: true,
    write: (s, out) => {
      writeBytes(out, s.bytes.client);
      out.bytes(BETWEEN_ROLES);
      writeBytes(out, s.bytes.server);
    },
  },
  duration: { head: (w) => w.duration, align: "right", ascii: true, write: (s, out) => writeDuration(out, s.duration) },
  irtt: {
    head: () => "iRTT",
    align: "right",
    ascii: true,
    write: (s, out) => (s.handshake.rtt === null ? out.byte(DASH) : writeDuration(out, s.handshake.rtt)),
  },
  opened: {
    head: (w) => w.opened,
    align: "left",
    ascii: false,
    write: (s, out, words) => out.bytes(words.outcomes[s.handshake.outcome]),
  },
  ended: { head: (w) => w.ended, align: "left", ascii: false, write: (s, out, words) => out.bytes(words.ending(s)) },
  states: {
    head: (w) => w.finalStates,
    align: "left",
    ascii: true,
    write: (s, out, words) => out.bytes(words.finalStates(s)),
  },
  retrans: {
    head: (w) => w.retransmissions,
    align: "right",
    ascii: true,
    write: (s, out) => writeCount(out, s.findings["retransmission"] ?? 0),
  },
  zeek: {
    head: () => "Zeek",
    align: "left",
    ascii: true,
    write: (s, out) => {
      if (s.zeek === null) return out.byte(DASH);
      out.text(s.zeek.connState);
      out.byte(SPACE);
      out.text(s.zeek.history);
    },
  },
  completeness: {
    head: (w) => w.completeness,
    align: "right",
    ascii: true,
    write: (s, out) => out.number(s.completeness),
  },
};

const BETWEEN_ROLES = encodeText(" / ");
const DASH = 0x2d;
const SPACE = 0x20;

function ended(summary: ConnectionSummary, language: Language): string {
  const { text, summary: words } = CATALOGS[language].words;
  const by = summary.close.by === null ? "" : ` ${words.closedBy(text[summary.close.by])}`;
  return words.closeKinds[summary.close.kind] + by + (summary.halfOpen ? `, ${words.halfOpen}` : "");
}

/**
 * The words of the table's cells in its language, each encoded once: a handshake's outcome, how
 * a connection ended and the final states (these two made at their first use).
 */
class CellWords {
  readonly outcomes: Readonly<Record<HandshakeOutcome, Uint8Array>>;
  /** By close kind, then by who closed and whether it was left half-open. */
  private readonly endings: Partial<Record<CloseKind, Uint8Array[]>> = {};
  /** By both states and whether each is confirmed (finalStatesIndex). */
  private readonly states: Uint8Array[] = [];

  constructor(private readonly language: Language) {
    const outcomes = CATALOGS[language].words.summary.outcomes;
    this.outcomes = {
      complete: encodeText(outcomes.complete),
      simultaneous: encodeText(outcomes.simultaneous),
      refused: encodeText(outcomes.refused),
      incomplete: encodeText(outcomes.incomplete),
      "not-captured": encodeText(outcomes["not-captured"]),
    };
  }

  /** "four-way by the client", "reset by the server, left half-open". */
  ending(summary: ConnectionSummary): Uint8Array {
    const { kind, by } = summary.close;
    const index = (by === null ? 0 : by === "client" ? 2 : 4) + (summary.halfOpen ? 1 : 0);
    const endings = (this.endings[kind] ??= []);
    return (endings[index] ??= encodeText(ended(summary, this.language)));
  }

  /** finalStatesText. */
  finalStates(summary: ConnectionSummary): Uint8Array {
    return (this.states[finalStatesIndex(summary)] ??= encodeText(finalStatesText(summary)));
  }
}

/** Each end's state and whether it is confirmed, as one number. */
function finalStatesIndex({ finalStates, finalConfidence }: ConnectionSummary): number {
  const client = 2 * TCP_STATES.indexOf(finalStates.client) + (finalConfidence.client === "confirmed" ? 0 : 1);
  const server = 2 * TCP_STATES.indexOf(finalStates.server) + (finalConfidence.server === "confirmed" ? 0 : 1);
  return client * 2 * TCP_STATES.length + server;
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
  private readonly words: CellWords;

  constructor(
    private readonly options: SummaryTableOptions,
    private readonly output: TextOutput,
    measuredRows?: number,
  ) {
    this.columns = options.columns ?? SUMMARY_COLUMNS;
    this.specs = this.columns.map((column) => SPECS[column]);
    this.words = new CellWords(options.language);
    this.table = new BoxTableWriter(this.layout(), output, measuredRows);
  }

  /** Cells in a row: the parts of each row held (HeldRecords). */
  get cellsPerRow(): number {
    return this.specs.length;
  }

  /** The connection's row, each cell written straight into `held`'s bytes as a part of its record (no string made of it). */
  write(summary: ConnectionSummary, held: HeldRecords): void {
    const { specs, words } = this;
    const out = held.writer;
    for (let i = 0; i < specs.length; i++) {
      specs[i]!.write(summary, out, words);
      held.endPart();
    }
  }

  /** A held row's turn: its cells moved into the table's row at once, which is drawn (or held to measure the columns). */
  release(held: HeldRecords, record: number): void {
    const table = this.table;
    held.move(record, table.cells);
    for (let i = 0; i < this.specs.length; i++) table.endCellAt(held.partEnd(record, i));
    table.endRow();
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
