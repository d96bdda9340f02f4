import type { AnnotatedSegment } from "../../annotate/events.js";
import { flagNames, tcpdumpFlags } from "../../decode/flag-names.js";
import { CATALOGS, type Language } from "../../explain/catalog/index.js";
import { formatMessage } from "../../explain/format.js";
import { html, type Markup } from "./escape-html.js";
import type { Ladder } from "../diagram/ladder-model.js";
import { segmentDetailId } from "./svg.js";
import { stepLabel } from "../shared/step-label.js";

/** Everything about each drawn segment, hidden until its arrow is clicked (the report's script shows one at a time). */
export function segmentDetails(ladder: Ladder, language: Language): Markup[] {
  return ladder.rows.flatMap((row) =>
    row.kind === "segment" ? [segmentDetail(ladder.stream, row.event, language)] : [],
  );
}

function segmentDetail(stream: number, event: AnnotatedSegment, language: Language): Markup {
  const words = CATALOGS[language].words.text;
  const reportWords = CATALOGS[language].words.report;
  const { tracked, explanation } = event;
  const segment = tracked.segment;
  const heading = [
    `#${segment.frame}`,
    tracked.from === "client" ? words.clientToServer : words.serverToClient,
    ...(explanation.step === null ? [] : [stepLabel(explanation.step, words)]),
  ].join(" · ");
  const fields: Array<[string, string]> = [
    [words.time, `${tracked.sinceStart.toFixed(6)} s`],
    [words.flags, `[${tcpdumpFlags(segment.flags)}] ${flagNames(segment.flags).join(", ")}`],
    ["seq", `${tracked.seq} (${reportWords.raw} ${segment.seq})`],
    ["ack", tracked.ack === null ? "-" : `${tracked.ack} (${reportWords.raw} ${segment.ack})`],
    [words.length, String(segment.payloadLength)],
    [reportWords.window, String(segment.window)],
    [reportWords.statesAfter, `${words.client} ${tracked.states.client} · ${words.server} ${tracked.states.server}`],
  ];
  const rows = fields.map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`);
  const findings =
    tracked.analysis.length === 0
      ? html``
      : html`<dt>${reportWords.findings}</dt><dd class="finding-list">${tracked.analysis.join(", ")}</dd>`;
  const paragraphs = explanation.messages.map((message) => html`<p>${formatMessage(message, language)}</p>`);
  return html`<div class="detail" id="${segmentDetailId(stream, segment.frame)}" hidden>
<h3>${heading}</h3>
<dl>${rows}${findings}</dl>
${paragraphs}
</div>
`;
}
