import { flagNames } from "../decode/flag-names.js";
import type { Language } from "../explain/catalog/index.js";
import type { Explanation } from "../explain/explainer.js";
import { formatMessage } from "../explain/format.js";
import type { Message } from "../explain/message.js";
import type { ConnectionSummary } from "../track/summary.js";
import type { Connection } from "../track/connection.js";
import type { TrackedSegment } from "../track/tracker.js";
import type { StateChange } from "../track/transition.js";
import { terminalSafe } from "./terminal-safe.js";

/** The NDJSON output contract (README, "NDJSON records"): one JSON object per line. */

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

export function segmentRecord(tracked: TrackedSegment, explanation: Explanation, language: Language): string {
  const s = tracked.segment;
  return line({
    type: "segment",
    frame: s.frame,
    time: s.seconds + s.nanos / 1e9,
    relTime: round6(tracked.sinceStart),
    stream: tracked.connection.stream,
    from: tracked.from,
    src: s.src,
    sport: s.srcPort,
    dst: s.dst,
    dport: s.dstPort,
    flags: flagNames(s.flags),
    seq: tracked.seq,
    ack: tracked.ack,
    rawSeq: s.seq,
    rawAck: s.ack,
    len: s.payloadLength,
    win: s.window,
    analysis: tracked.analysis,
    states: tracked.states,
    changes: tracked.changes.map(changeRecord),
    notes: tracked.notes.map((note) => note.id),
    step: explanation.step,
    text: explanation.messages.map((m) => formatMessage(m, language)).join(" "),
  });
}

export function timerRecord(connection: Connection, change: StateChange, time: number, text: Message, language: Language): string {
  return line({ type: "timer", stream: connection.stream, time, ...changeRecord(change), text: formatMessage(text, language) });
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

export interface EndRecord {
  frames: number;
  segments: number;
  connections: number;
  skipped: Record<string, number>;
}

export function endRecord(record: EndRecord): string {
  return line({ type: "end", ...record });
}

function changeRecord(change: StateChange) {
  return { frame: change.frame, endpoint: change.endpoint, from: change.from, to: change.to, cause: change.cause };
}

function round6(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

/** JSON escapes the C0 controls itself; terminalSafe adds DEL, C1 and the bidirectional controls. */
function line(record: object): string {
  return terminalSafe(JSON.stringify(record)) + "\n";
}
