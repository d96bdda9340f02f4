import type { Language } from "../explain/catalog/index.js";
import type { ConnectionSummary } from "../track/summary.js";
import { BoxTableWriter, type BoxTableLayout } from "./box-table.js";
import { formatBytes, formatCount, formatDuration } from "./quantities.js";
import { REPORT_WORDS } from "./diagram/report-words.js";
import { SUMMARY_WORDS } from "./summary-words.js";
import { UNCONFIRMED_MARK } from "./text.js";
import { TEXT_WORDS } from "./text-words.js";

export interface SummaryTableOptions {
  language: Language;
  color: boolean;
}

/**
 * The connections table of `tcp-annotate summary`: one row per stream with who talked, how much
 * each way, how long, how it opened and ended, the final states, Zeek's and Wireshark's verdicts.
 * Written as connections come (see BoxTableWriter: exact up to its measured rows).
 */
export class SummaryTableWriter {
  private readonly table: BoxTableWriter;

  constructor(
    private readonly options: SummaryTableOptions,
    private readonly write: (text: string) => void,
    measuredRows?: number,
  ) {
    this.table = new BoxTableWriter(layoutOf(options), write, measuredRows);
  }

  add(summary: ConnectionSummary): void {
    this.table.add(row(summary, this.options.language));
  }

  end(): void {
    this.table.end();
    this.write("\n");
  }
}

function layoutOf(options: SummaryTableOptions): BoxTableLayout {
  const words = SUMMARY_WORDS[options.language];
  const head = [words.stream, words.client, words.server, words.packets, words.bytes, words.duration, "iRTT", words.opened, words.ended, words.finalStates, words.retransmissions, "Zeek", words.completeness];
  const align = ["right", "left", "left", "right", "right", "right", "right", "left", "left", "left", "right", "left", "right"] as const;
  // Only how it opened and how it ended are words of the language (row, below).
  const ascii = [true, true, true, true, true, true, true, false, false, true, true, true, true];
  return { head, align, ascii, color: options.color };
}

function row(summary: ConnectionSummary, language: Language): string[] {
  const text = TEXT_WORDS[language];
  const report = REPORT_WORDS[language];
  const by = summary.close.by === null ? "" : ` ${report.closedBy(text[summary.close.by])}`;
  return [
    String(summary.stream),
    summary.client,
    summary.server,
    `${formatCount(summary.packets.client)} / ${formatCount(summary.packets.server)}`,
    `${formatBytes(summary.bytes.client)} / ${formatBytes(summary.bytes.server)}`,
    formatDuration(summary.duration),
    summary.handshake.rtt === null ? "-" : formatDuration(summary.handshake.rtt),
    report.outcomes[summary.handshake.outcome],
    report.closeKinds[summary.close.kind] + by + (summary.halfOpen ? `, ${SUMMARY_WORDS[language].halfOpen}` : ""),
    finalStatesText(summary),
    formatCount(summary.findings["retransmission"] ?? 0),
    summary.zeek === null ? "-" : `${summary.zeek.connState} ${summary.zeek.history}`,
    String(summary.completeness),
  ];
}

/** "TIME_WAIT / CLOSED?": each final state, marked ? when its endpoint's own segments do not confirm it. */
export function finalStatesText(summary: ConnectionSummary): string {
  const mark = (role: "client" | "server") => summary.finalStates[role] + (summary.finalConfidence[role] === "confirmed" ? "" : UNCONFIRMED_MARK);
  return `${mark("client")} / ${mark("server")}`;
}
