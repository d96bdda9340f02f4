import { CATALOGS, type Language } from "../../explain/catalog/index.js";
import type { ConnectionSummary } from "../../track/summary.js";
import { html, type Markup } from "./escape-html.js";
import { formatBytes, formatCount, formatDuration } from "../shared/quantities.js";
import { finalStatesText } from "../summary/summary-table.js";

/**
 * One row per connection: who talked, how much each way, how it opened and closed, and the
 * verdict. Its frame scrolls sideways when the table is wider than the window (long IPv6
 * addresses), and the cells in words wrap, so no column is cut off.
 */
export function summaryTable(summaries: readonly ConnectionSummary[], language: Language): Markup {
  return html`<div class="table-frame"><table class="summary">
<thead>
${headerRows(language)}</thead>
<tbody>
${summaries.map((summary) => summaryRow(summary, language))}</tbody>
</table></div>`;
}

/** Packets and bytes have a column for each direction under a shared heading; the rest span both rows. */
function headerRows(language: Language): Markup {
  const words = CATALOGS[language].words.text;
  const reportWords = CATALOGS[language].words.report;
  const single = (name: string) => html`<th rowspan="2">${name}</th>`;
  const pair = (name: string) => html`<th colspan="2">${name}</th>`;
  const first = [
    ...[words.stream, words.client, words.server].map(single),
    pair(reportWords.packets),
    pair(reportWords.bytes),
    ...[
      reportWords.duration,
      reportWords.handshake,
      reportWords.close,
      reportWords.finalStates,
      reportWords.verdict,
    ].map(single),
  ];
  const directions = [words.clientToServer, words.serverToClient, words.clientToServer, words.serverToClient].map(
    (name) => html`<th>${name}</th>`,
  );
  return html`<tr>${first}</tr>
<tr>${directions}</tr>
`;
}

function summaryRow(summary: ConnectionSummary, language: Language): Markup {
  const words = CATALOGS[language].words.text;
  const reportWords = CATALOGS[language].words.report;
  const summaryWords = CATALOGS[language].words.summary;
  const rtt = summary.handshake.rtt === null ? [] : [reportWords.initialRtt(formatDuration(summary.handshake.rtt))];
  const by = summary.close.by === null ? [] : [summaryWords.closedBy(words[summary.close.by])];
  const text = (value: string) => html`<td class="words">${value}</td>`;
  const code = (value: string) => html`<td><code>${value}</code></td>`;
  const number = (value: string) => html`<td class="number">${value}</td>`;
  const cells = [
    html`<td><a href="#stream-${summary.stream}">${summary.stream}</a></td>`,
    code(summary.client),
    code(summary.server),
    number(formatCount(summary.packets.client)),
    number(formatCount(summary.packets.server)),
    number(formatBytes(summary.bytes.client)),
    number(formatBytes(summary.bytes.server)),
    number(formatDuration(summary.duration)),
    text([summaryWords.outcomes[summary.handshake.outcome], ...rtt].join(", ")),
    text([summaryWords.closeKinds[summary.close.kind], ...by].join(", ")),
    code(finalStatesText(summary)),
    html`<td class="words verdict verdict-${summary.verdict}">${reportWords.verdicts[summary.verdict]}</td>`,
  ];
  return html`<tr>${cells}</tr>
`;
}
