/**
 * The whole pipeline in process, as every command runs it: read, decode, track, explain, then
 * every renderer (text and NDJSON timelines, check's three reports on every rule, the terminal
 * ladder, Mermaid and the HTML report). Returns what an input did that it never may.
 */
import { Readable } from "node:stream";
import { Annotator } from "../../src/annotate/annotator.js";
import type { AnnotationTotals, WarningEvent } from "../../src/annotate/events.js";
import { CaptureError, readCapture, type CaptureInfo } from "../../src/capture/index.js";
import { Evaluation } from "../../src/check/evaluate.js";
import { FactsCollector } from "../../src/check/facts.js";
import { renderCheckJson } from "../../src/check/report-json.js";
import { renderCheckJunit } from "../../src/check/report-junit.js";
import { renderCheckText } from "../../src/check/report-text.js";
import { foldLadder } from "../../src/render/diagram/fold.js";
import { renderHtmlReport } from "../../src/render/report/html-report.js";
import { renderLadder } from "../../src/render/diagram/ladder.js";
import { ladderOf, type ConnectionEvent } from "../../src/render/diagram/ladder-model.js";
import { mermaidMarkdown } from "../../src/render/diagram/mermaid.js";
import { NdjsonTimeline } from "../../src/render/ndjson/ndjson-timeline.js";
import { TextTimeline } from "../../src/render/text/text-timeline.js";
import { ByteWriter } from "../../src/render/shared/byte-writer.js";
import type { Connection } from "../../src/track/connection.js";
import { summarize } from "../../src/track/summary.js";
import { EVERY_RULE_KIND, rulesOf } from "../helpers/rules.js";

const RULES = rulesOf(EVERY_RULE_KIND, "fuzz rule");

const CAPTURE_ERROR_KINDS = ["truncated", "malformed", "unsupported", "unreadable"];
/** Control characters other than the line break: plain output (no colour) must hold none. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Runs everything on `bytes`; resolves to the broken promises (empty when all is well). Never rejects on bad input. */
export async function violationsOf(bytes: Uint8Array): Promise<string[]> {
  const violations: string[] = [];
  const text = new TextTimeline({ language: "en", color: false, absolute: false });
  const ndjson = new NdjsonTimeline("zh");
  const facts = new FactsCollector();
  const warnings: WarningEvent[] = [];
  const perConnection = new Map<Connection, ConnectionEvent[]>();
  const outputs: string[] = [];
  const ndjsonOutputs: string[] = [];
  const out = new ByteWriter();
  const annotator = new Annotator({
    event(event) {
      text.event(event, out);
      outputs.push(out.takeText());
      ndjson.event(event, out);
      ndjsonOutputs.push(out.takeText());
      if (event.kind === "warning") warnings.push(event);
      else if (event.kind !== "revision") {
        if (event.kind === "segment") facts.add(event.tracked);
        const connection = event.kind === "segment" ? event.tracked.connection : event.expiry.connection;
        const events = perConnection.get(connection) ?? [];
        if (events.length === 0) perConnection.set(connection, events);
        events.push(event);
      }
    },
    retired(connection) {
      text.retired(connection);
      ndjson.retired(connection);
    },
  });
  let info: CaptureInfo | undefined;
  try {
    info = await readCapture(Readable.from([bytes]), annotator);
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    if (!CAPTURE_ERROR_KINDS.includes(error.kind) || !isPlace(error.offset, error.frame))
      violations.push(`unclean CaptureError ${JSON.stringify(error)}`);
  }
  const totals = annotator.finish();
  const connections = annotator.connections;
  if (info !== undefined) {
    outputs.push(text.capture("fuzz", info));
    ndjsonOutputs.push(ndjson.capture("fuzz", info));
  }
  text.end(totals, undefined, out);
  outputs.push(out.takeText());
  ndjson.end(totals, undefined, out);
  ndjsonOutputs.push(out.takeText());
  violations.push(
    ...countViolations(totals),
    ...warnings.filter((w) => !isPlace(w.offset, w.frame)).map((w) => `warning without a place: ${w.message}`),
  );
  const evaluation = new Evaluation(RULES, {}, "en");
  for (const connection of connections) evaluation.judge(facts.take(connection));
  const report = { captures: ["fuzz"], verdicts: evaluation.verdicts(), connections: connections.length };
  outputs.push(renderCheckText(report, false), renderCheckJunit(report));
  JSON.parse(renderCheckJson(report));
  const ladders = connections.map((connection) =>
    foldLadder(ladderOf(connection, perConnection.get(connection) ?? [])),
  );
  outputs.push(
    ...ladders.map((ladder) => renderLadder(ladder, { language: "zh", color: false, width: 80 })),
    mermaidMarkdown(ladders, "en"),
  );
  const reportConnections = ladders.map((ladder, i) => ({ ladder, summary: summarize(connections[i]!) }));
  outputs.push(
    renderHtmlReport(
      { captures: info === undefined ? [] : [{ file: "fuzz", info }], totals, connections: reportConnections },
      "en",
    ),
  );
  for (const output of [...outputs, ...ndjsonOutputs]) {
    if (RAW_CONTROL.test(output))
      violations.push(`raw control character in output: ${JSON.stringify(output.slice(0, 200))}`);
  }
  for (const line of ndjsonOutputs.join("").split("\n")) if (line !== "") JSON.parse(line);
  return violations;
}

/** A warning or error names a byte offset, and a frame number when it concerns one. */
function isPlace(offset: number | undefined, frame: number | undefined): boolean {
  const offsetOk = offset === undefined || (Number.isSafeInteger(offset) && offset >= 0);
  return offsetOk && (frame === undefined || (Number.isSafeInteger(frame) && frame >= 1));
}

/** Every frame is either a TCP segment or counted as skipped, for one reason. */
function countViolations(totals: AnnotationTotals): string[] {
  const skipped = Object.values(totals.skipped).reduce((sum, count) => sum + count, 0);
  return totals.segments + skipped === totals.frames ? [] : [`counts do not add up: ${JSON.stringify(totals)}`];
}
