import { flagNames } from "../../decode/flag-names.js";
import type { Finding } from "../../annotate/findings/finding.js";
import { findingText } from "../../annotate/findings/words.js";
import type { Language } from "../../explain/catalog/index.js";
import type { Explanation } from "../../explain/explainer.js";
import { formatMessage } from "../../explain/format.js";
import type { Message } from "../../explain/message.js";
import type { Step } from "../../explain/step.js";
import type { AnalysisDetails } from "../../track/analysis/details.js";
import type { ConnectionSummary } from "../../track/summary.js";
import type { Connection } from "../../track/connection.js";
import type { Note } from "../../track/notes.js";
import type { Revision } from "../../track/observer/hindsight.js";
import type { TrackedSegment } from "../../track/tracked-segment.js";
import type { StateChange } from "../../track/transition.js";
import { jsonName, jsonNames, jsonNullableNumber, jsonNumber, jsonStringContent } from "./json-text.js";
import { terminalSafe } from "../shared/terminal-safe.js";
import { roundToMicros, secondsOf } from "../../capture/timestamp.js";

/** The NDJSON output contract (docs/output.md, "NDJSON records"): one JSON object per line. */

export interface CaptureRecord {
  file: string;
  format: string;
  byteOrder: string;
  timestampPrecision: string;
  gzip: boolean;
  linkTypes: string[];
}

export function captureRecord(record: CaptureRecord): string {
  return line({ type: "capture", ...record });
}

/**
 * The segment record, written out key by key (json-text.ts): it is printed for every segment,
 * and JSON.stringify of the nested object took most of the NDJSON time. The keys and their order
 * are the contract's (docs/output.md, "NDJSON records"); a test holds the text to what JSON.stringify writes.
 * Every string in it is written by jsonName or escaped as the explanation is filled in, both
 * terminal-safe, so the line is not scanned again.
 */
export function segmentRecord(tracked: TrackedSegment, explanation: Explanation, language: Language): string {
  const s = tracked.segment;
  const details = tracked.analysisDetails;
  const text = explanationText(explanation.messages, language);
  const json =
    `{"type":"segment","frame":${jsonNumber(s.frame)},"time":${jsonNumber(secondsOf(s))},` +
    `"relTime":${jsonNumber(roundToMicros(tracked.sinceStart))},"stream":${jsonNumber(tracked.connection.stream)},"from":${jsonName(tracked.from)},` +
    `"src":${jsonName(s.src)},"sport":${jsonNumber(s.srcPort)},"dst":${jsonName(s.dst)},"dport":${jsonNumber(s.dstPort)},` +
    (s.encapsulation === undefined ? "" : `"encapsulation":${jsonNames(s.encapsulation)},`) +
    `"flags":${flagsJson(s.flags)},"seq":${jsonNumber(tracked.seq)},"ack":${jsonNullableNumber(tracked.ack)},` +
    `"rawSeq":${jsonNumber(s.seq)},"rawAck":${jsonNumber(s.ack)},"len":${jsonNumber(s.payloadLength)},"win":${jsonNumber(s.window)},` +
    `"winScaled":${jsonNumber(details.windowScaled)},"winScale":${jsonNumber(details.windowScale)},` +
    `"analysis":${jsonNames(tracked.analysis)},"analysisDetails":${analysisDetailsJson(details)},` +
    `"states":{"client":${jsonName(tracked.states.client)},"server":${jsonName(tracked.states.server)}},` +
    `"confidence":{"client":${jsonName(tracked.confidence.client)},"server":${jsonName(tracked.confidence.server)}},` +
    `"changes":${changesJson(tracked.changes)},"notes":${notesJson(tracked.notes)},` +
    `"step":${stepJson(explanation.step)},"text":"${text}"}`;
  return json + "\n";
}

/**
 * The messages in the reader's language, one after the other, as the inside of a JSON string:
 * the catalogs need no escaping (a test says so), so only the string values filled in are
 * escaped, instead of the whole text being scanned again.
 */
function explanationText(messages: readonly Message[], language: Language): string {
  let text = "";
  for (const m of messages) text += (text === "" ? "" : " ") + formatMessage(m, language, jsonStringContent);
  return text;
}

/** The flags array for each value of the nine flag bits, written once. */
const FLAGS_TEXTS: readonly string[] = Array.from({ length: 0x200 }, (_, flags) => jsonNames(flagNames(flags)));

function flagsJson(flags: number): string {
  return FLAGS_TEXTS[flags & 0x1ff]!;
}

/** The analysis details present on this segment, in their order; the window fields sit beside win instead. */
function analysisDetailsJson(details: AnalysisDetails): string {
  let fields = "";
  // for-in walks the keys in the order Object.entries gives, without an array per key.
  for (const key in details) {
    const value = details[key as keyof AnalysisDetails];
    if (value === undefined || key === "windowScaled" || key === "windowScale") continue;
    fields += `${fields === "" ? "" : ","}${jsonName(key)}:${detailJson(value)}`;
  }
  return `{${fields}}`;
}

function detailJson(value: number | boolean | number[]): string {
  if (typeof value === "boolean") return String(value);
  return typeof value === "number" ? jsonNumber(value) : `[${value.map(jsonNumber).join(",")}]`;
}

/** Most segments change no state and carry no note: their empty lists cost no array. */
function changesJson(changes: readonly StateChange[]): string {
  return changes.length === 0 ? "[]" : `[${changes.map((change) => `{${changeFields(change)}}`).join(",")}]`;
}

function notesJson(notes: readonly Note[]): string {
  return notes.length === 0 ? "[]" : jsonNames(notes.map((note) => note.id));
}

/** A state change's keys, as the segment record's changes and the timer record show them. */
function changeFields(change: StateChange): string {
  return (
    `"frame":${jsonNumber(change.frame)},"endpoint":${jsonName(change.endpoint)},"from":${jsonName(change.from)},` +
    `"to":${jsonName(change.to)},"cause":${jsonName(change.cause)}`
  );
}

function stepJson(step: Step | null): string {
  return step === null
    ? "null"
    : `{"phase":${jsonName(step.phase)},"n":${jsonNumber(step.n)},"of":${jsonNumber(step.of)}}`;
}

export function timerRecord(
  connection: Connection,
  change: StateChange,
  time: number,
  text: Message,
  language: Language,
): string {
  const words = formatMessage(text, language, jsonStringContent);
  // Terminal-safe as the segment record is: its strings are written by jsonName, or escaped as they are filled in.
  return `{"type":"timer","stream":${jsonNumber(connection.stream)},"time":${jsonNumber(time)},${changeFields(change)},"text":"${words}"}\n`;
}

/** Told states that later evidence changed: the rows, the endpoint, and the frame that proves it. */
export function revisionRecord(
  connection: Connection,
  revision: Revision,
  messages: readonly Message[],
  language: Language,
): string {
  return line({
    type: "revision",
    stream: connection.stream,
    frame: revision.frame,
    endpoint: revision.endpoint,
    reason: revision.reason,
    rows: revision.rows,
    text: messages.map((m) => formatMessage(m, language, terminalSafe)).join(" "),
  });
}

export function connectionRecord(summary: ConnectionSummary): string {
  return line({ type: "connection", ...summary });
}

export interface WarningRecord {
  kind: string;
  message: string;
  frame?: number | undefined;
  offset?: number | undefined;
  file?: string | undefined;
}

export function warningRecord(warning: WarningRecord): string {
  return line({ type: "warning", ...warning });
}

/** A capture-level finding (docs/findings.md): its kind, its evidence, and what it means. */
export function findingRecord(finding: Finding, language: Language): string {
  return line({ type: "finding", ...finding, text: findingText(finding, language) });
}

export interface EndRecord {
  frames: number;
  segments: number;
  connections: number;
  skipped: Record<string, number>;
  warnings: Record<string, number>;
}

export function endRecord(record: EndRecord): string {
  return line({ type: "end", ...record });
}

/** JSON escapes the C0 controls itself; terminalSafe adds DEL, C1 and the bidirectional controls. */
function line(record: object): string {
  return terminalSafe(JSON.stringify(record)) + "\n";
}
