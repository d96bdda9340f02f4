import type { AnnotationTotals } from "../../annotate/events.js";
import type { CaptureInfo } from "../../capture/info.js";
import type { Language } from "../../explain/catalog/index.js";
import type { ConnectionSummary } from "../../track/summary.js";
import { describeFormat, linkTypeNames } from "../capture-format.js";
import { html, type Markup } from "../escape-html.js";
import { captureTotals, TEXT_WORDS } from "../text-words.js";
import type { Ladder } from "./ladder-model.js";
import { REPORT_SCRIPT, REPORT_STYLE } from "./report-assets.js";
import { summaryTable } from "./report-summary-table.js";
import { REPORT_WORDS } from "./report-words.js";
import { segmentDetails } from "./segment-details.js";
import { ladderSvg } from "./svg.js";

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
  const reportWords = REPORT_WORDS[language];
  const files = model.captures.map((capture) => capture.file).join(", ");
  const body = model.connections.length === 0 ? html`<p>${reportWords.noConnections}</p>` : connectionsPart(model.connections, language);
  const page = html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tcp-annotate: ${files}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>${reportWords.title}</h1>
<h2>${reportWords.captures}</h2>
<ul class="captures">
${model.captures.map((capture) => captureItem(capture, language))}</ul>
<p class="totals">${TEXT_WORDS[language].totals(captureTotals(model.totals))}</p>
</header>
<main>
${body}
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
  return page.text;
}

function captureItem(capture: ReportCapture, language: Language): Markup {
  const links = linkTypeNames(capture.info).join(", ");
  return html`<li><code>${capture.file}</code>: ${describeFormat(capture.info)}; ${TEXT_WORDS[language].linkType} ${links}</li>
`;
}

function connectionsPart(connections: readonly ReportConnection[], language: Language): Markup {
  const table = summaryTable(
    connections.map((connection) => connection.summary),
    language,
  );
  return html`<h2>${REPORT_WORDS[language].connections}</h2>
${table}
${connections.map((connection) => connectionSection(connection, language))}`;
}

function connectionSection({ ladder }: ReportConnection, language: Language): Markup {
  const words = TEXT_WORDS[language];
  const title = `${words.stream} ${ladder.stream}: ${words.client} ${ladder.labels.client} ⇄ ${words.server} ${ladder.labels.server}`;
  return html`<section class="connection" id="stream-${ladder.stream}">
<h2>${title}</h2>
<div class="connection-body">
<div class="ladder-frame">
${ladderSvg(ladder, language)}</div>
<aside class="details">
<p class="hint">${REPORT_WORDS[language].hint}</p>
${segmentDetails(ladder, language)}</aside>
</div>
</section>
`;
}
