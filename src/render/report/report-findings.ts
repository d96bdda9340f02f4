import type { CaptureFindings, HalfOpenQueue } from "../../annotate/findings/finding.js";
import { findingText } from "../../annotate/findings/words.js";
import { CATALOGS, type Language } from "../../explain/catalog/index.js";
import { html, type Markup } from "./escape-html.js";

const CHART = { width: 480, height: 80 };

/** The report's findings panel (docs/findings.md), only when there is a finding: each explained, then the half-open queue. */
export function findingsPanel(findings: CaptureFindings | undefined, language: Language): Markup {
  if (findings === undefined || findings.findings.length === 0) return html``;
  const words = CATALOGS[language].words.text;
  const { halfOpenQueue } = findings;
  const items = findings.findings.map(
    (finding) => html`<li><strong>${finding.kind}</strong>: ${findingText(finding, language)}</li>
`,
  );
  return html`<section class="findings">
<h2>${words.finding}</h2>
<ul>
${items}</ul>
<p>${words.halfOpenPeak(halfOpenQueue.peak, halfOpenQueue.peakTime)}</p>
${queueChart(halfOpenQueue)}</section>
`;
}

/** The connections in SYN_RCVD over the capture, as a line (the highest count in each slice). */
function queueChart({ series, peak }: HalfOpenQueue): Markup {
  if (series.length < 2 || peak === 0) return html``;
  const first = series[0]![0];
  const span = series[series.length - 1]![0] - first || 1;
  const x = (time: number) => ((time - first) / span) * CHART.width;
  const y = (count: number) => CHART.height - (count / peak) * CHART.height;
  const points = series.map(([time, count]) => `${x(time).toFixed(1)},${y(count).toFixed(1)}`).join(" ");
  return html`<svg class="half-open-queue" role="img" aria-label="SYN_RCVD \u2264 ${peak}" width="${CHART.width}" height="${CHART.height + 2}" viewBox="0 -1 ${CHART.width} ${CHART.height + 2}"><polyline fill="none" stroke="currentColor" points="${points}"/></svg>
`;
}
