import type { AnnotationTotals } from "../../annotate/events.js";
import type { CaptureFindings } from "../../annotate/findings/finding.js";
import type { CaptureInfo } from "../../capture/info.js";
import { CATALOGS, type Language } from "../../explain/catalog/index.js";
import type { ConnectionSummary } from "../../track/summary.js";
import { describeFormat, linkTypeNames } from "../shared/capture-format.js";
import { html, Markup } from "./escape-html.js";
import { terminalSafe } from "../shared/terminal-safe.js";
import { showsUnconfirmed, type Ladder } from "../diagram/ladder-model.js";
import { REPORT_SCRIPT, REPORT_STYLE } from "./report-assets.js";
import { findingsPanel } from "./report-findings.js";
import { summaryTable } from "./report-summary-table.js";
import { segmentDetails } from "./segment-details.js";
import { ladderSvg } from "./svg.js";
import { captureTotals } from "../shared/capture-totals.js";

export interface ReportCapture {
  file: string;
  info: CaptureInfo;
}

/** One connection in the report: its picture (folded or not, as the caller chose) and its outcome. */
export interface ReportConnection {
  ladder: Ladder;
  summary: ConnectionSummary;
}

export interface ReportModel {
  captures: readonly ReportCapture[];
  totals: AnnotationTotals;
  connections: readonly ReportConnection[];
}

/**
 * The HTML report: one self-contained page (inline style, a small inline script, SVG drawn here;
 * its Content-Security-Policy forbids loading anything), with the captures read, the summary table
 * and, per connection, the ladder diagram beside a panel where a clicked segment's details show.
 */
export function renderHtmlReport(model: ReportModel, language: Language): string {
  const writer = new HtmlReportWriter(language);
  for (const connection of model.connections) writer.add(connection);
  return Buffer.concat(writer.pieces(model.captures, model.totals)).toString("utf8");
}

/**
 * The report built as connections come: each connection's section is rendered when it is added,
 * so its ladder (every event) need not be kept, and kept as UTF-8, about a byte a character, where
 * its text (two-byte, as it holds ⇄ and Chinese) would take two. The page is handed back in
 * pieces: a big capture's would not fit one string.
 */
export class HtmlReportWriter {
  private readonly summaries: ConnectionSummary[] = [];
  private readonly sections: Buffer[] = [];

  constructor(private readonly language: Language) {}

  add(connection: ReportConnection): void {
    this.summaries.push(connection.summary);
    this.sections.push(Buffer.from(connectionSection(connection, this.language).text));
  }

  /** The whole page, to be written piece after piece; captures, totals and findings head it, so they come last. */
  pieces(captures: readonly ReportCapture[], totals: AnnotationTotals, findings?: CaptureFindings): Buffer[] {
    const head = pageHead(captures, totals, this.language).text + findingsPanel(findings, this.language).text;
    const foot = html`
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`.text;
    if (this.summaries.length === 0)
      return [Buffer.from(head + html`<p>${CATALOGS[this.language].words.report.noConnections}</p>`.text + foot)];
    const table = html`<h2>${CATALOGS[this.language].words.report.connections}</h2>
${summaryTable(this.summaries, this.language)}
`.text;
    return [Buffer.from(head + table), ...this.sections, Buffer.from(foot)];
  }
}

/** Marks a page as this tool's, so that a report it wrote before may be written over (see the report command). */
export const GENERATOR_META = new Markup('<meta name="generator" content="tcp-annotate">');

/** The page up to where its connections begin. */
function pageHead(captures: readonly ReportCapture[], totals: AnnotationTotals, language: Language): Markup {
  const reportWords = CATALOGS[language].words.report;
  // A file name is one line: a line break in it is shown as \n, as everywhere else.
  const files = captures.map((capture) => terminalSafe(capture.file)).join(", ");
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
${GENERATOR_META}
<title>tcp-annotate: ${files}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${reportWords.title}</h1>
<h2>${reportWords.captures}</h2>
<ul class="captures">
${captures.map((capture) => captureItem(capture, language))}</ul>
<p class="totals">${CATALOGS[language].words.text.totals(captureTotals(totals))}</p>
</header>
<main>
`;
}

function captureItem(capture: ReportCapture, language: Language): Markup {
  const links = linkTypeNames(capture.info).join(", ");
  return html`<li><code>${terminalSafe(capture.file)}</code>: ${describeFormat(capture.info, language)}; ${CATALOGS[language].words.text.linkType} ${links}</li>
`;
}

function connectionSection({ ladder }: ReportConnection, language: Language): Markup {
  const words = CATALOGS[language].words.text;
  const title = `${words.stream} ${ladder.stream}: ${words.client} ${ladder.labels.client} ⇄ ${words.server} ${ladder.labels.server}`;
  return html`<section class="connection" id="stream-${ladder.stream}">
<h2>${title}</h2>
<div class="connection-body">
<div class="ladder-frame">
${ladderSvg(ladder, language)}</div>
<aside class="details">
<p class="hint">${CATALOGS[language].words.report.hint}</p>
${
  showsUnconfirmed(ladder)
    ? html`<p class="legend">${words.unconfirmedLegend}</p>
`
    : ""
}${segmentDetails(ladder, language)}</aside>
</div>
</section>
`;
}
