import { flagNames } from "../../decode/flag-names.js";
import type { Finding } from "../../annotate/findings/finding.js";
import { findingText } from "../../annotate/findings/words.js";
import type { Language } from "../../explain/catalog/index.js";
import type { Explanation } from "../../explain/explainer.js";
import { formatMessage } from "../../explain/format.js";
import type { Message } from "../../explain/message.js";
import type { Step } from "../../explain/step.js";
import type { AnalysisDetails } from "../../track/analysis/details.js";
import type { Connection } from "../../track/connection.js";
import type { Note } from "../../track/notes.js";
import type { Revision } from "../../track/observer/hindsight.js";
import {
  ackedFrameOf,
  ackRttOf,
  changeCodesOf,
  initialRttOf,
  madeDetailsOf,
  scaledWindowOf,
  windowScaleOf,
  type TrackedSegment,
} from "../../track/tracked-segment.js";
import type { StateChange } from "../../track/transition.js";
import { TCP_STATES, type Role } from "../../track/states.js";
import {
  CHANGE_CODE_COUNT,
  changeCodeAt,
  changeCount,
  changeOfCode,
  type ChangeCodes,
} from "../../track/observer/change-code.js";
import type { BothConfidences, BothStates, Confidence } from "../../track/observer/row.js";
import {
  writeJsonNullableNumber,
  writeMicrosAsSeconds,
  writeSeconds,
  writeJsonNumber,
  writeJsonString,
  writeJsonStringContent,
  writeJsonStrings,
} from "./json-text.js";
import { ByteWriter, encodeText, wordsOf } from "../shared/byte-writer.js";
import { terminalSafe } from "../shared/terminal-safe.js";
import { ByteLineSink } from "../shared/byte-line-sink.js";
import { microsOf } from "../../capture/timestamp.js";

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

/** Text written into records again and again, encoded once. */
const K = {
  segment: encodeText('{"type":"segment","frame":'),
  time: encodeText(',"time":'),
  relTime: encodeText(',"relTime":'),
  stream: encodeText(',"stream":'),
  from: encodeText(',"from":'),
  src: encodeText(',"src":'),
  sport: encodeText(',"sport":'),
  dst: encodeText(',"dst":'),
  dport: encodeText(',"dport":'),
  encapsulation: encodeText(',"encapsulation":'),
  ack: encodeText(',"ack":'),
  rawSeq: encodeText(',"rawSeq":'),
  rawAck: encodeText(',"rawAck":'),
  len: encodeText(',"len":'),
  win: encodeText(',"win":'),
  winScaled: encodeText(',"winScaled":'),
  winScale: encodeText(',"winScale":'),
  analysis: encodeText(',"analysis":'),
  analysisDetails: encodeText(',"analysisDetails":{'),
  noAnalysis: encodeText(',"analysis":[],"analysisDetails":{'),
  states: encodeText('},"states":{"client":'),
  confidence: encodeText('},"confidence":{"client":'),
  changes: encodeText('},"changes":'),
  server: encodeText(',"server":'),
  notes: encodeText(',"notes":'),
  noChangesNoNotes: encodeText('[],"notes":[]'),
  step: encodeText(',"step":'),
  text: encodeText(',"text":"'),
  end: encodeText('"}\n'),
  timer: encodeText('{"type":"timer","stream":'),
  changeFrame: encodeText('"frame":'),
  openChange: encodeText('{"frame":'),
  endpoint: encodeText(',"endpoint":'),
  to: encodeText(',"to":'),
  cause: encodeText(',"cause":'),
  phase: encodeText('{"phase":'),
  n: encodeText(',"n":'),
  of: encodeText(',"of":'),
  null: encodeText("null"),
  emptyList: encodeText("[]"),
  true: encodeText("true"),
  false: encodeText("false"),
};

const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = 0x20;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The segment record, written out key by key into the output's bytes: it is printed for every
 * segment, and JSON.stringify of the nested object took most of the NDJSON time. The keys and
 * their order are the contract's (docs/output.md, "NDJSON records"); a test holds the text to
 * what JSON.stringify writes. Every string in it is escaped as it is written (json-text.ts),
 * terminal-safe, so the line is not scanned again. `text` writes the explanation's messages.
 * The runs of keys and values that repeat (the flags, the states and confidences, the step) are
 * encoded once each and copied whole (StreamFields, RepeatedFields, FLAGS_TEXTS).
 */
export function writeSegmentRecord(
  out: ByteWriter,
  tracked: TrackedSegment,
  explanation: Explanation,
  text: ExplanationWriter,
  streams: StreamFields,
  repeated: RepeatedFields,
): void {
  const s = tracked.segment;
  out.bytes(K.segment);
  writeJsonNumber(out, s.frame);
  out.bytes(K.time);
  writeSeconds(out, s);
  out.bytes(K.relTime);
  writeMicrosAsSeconds(out, microsOf(tracked.sinceStart));
  streams.write(out, tracked);
  if (s.encapsulation !== undefined) {
    out.bytes(K.encapsulation);
    writeJsonStrings(out, s.encapsulation);
  }
  out.bytes(FLAGS_TEXTS[s.flags & 0x1ff]!);
  writeJsonNumber(out, tracked.seq);
  out.bytes(K.ack);
  writeJsonNullableNumber(out, tracked.ack);
  out.bytes(K.rawSeq);
  writeJsonNumber(out, s.seq);
  out.bytes(K.rawAck);
  writeJsonNumber(out, s.ack);
  out.bytes(K.len);
  writeJsonNumber(out, s.payloadLength);
  out.bytes(K.win);
  writeJsonNumber(out, s.window);
  out.bytes(K.winScaled);
  writeJsonNumber(out, scaledWindowOf(tracked));
  out.bytes(K.winScale);
  writeJsonNumber(out, windowScaleOf(tracked));
  // Most segments have no finding, no change and no note: their keys and empty lists are one copy each.
  if (tracked.analysis.length === 0) out.bytes(K.noAnalysis);
  else {
    out.bytes(K.analysis);
    writeJsonStrings(out, tracked.analysis);
    out.bytes(K.analysisDetails);
  }
  const details = madeDetailsOf(tracked);
  if (details === undefined) writePlainDetails(out, tracked);
  else writeAnalysisDetails(out, details);
  out.bytes(repeated.states(tracked.states, tracked.confidence));
  const changes = changeCodesOf(tracked);
  const notes = tracked.notes;
  if (changeCount(changes) === 0 && notes.length === 0) out.bytes(K.noChangesNoNotes);
  else {
    writeChanges(out, changes, s.frame, repeated);
    out.bytes(K.notes);
    writeNotes(out, notes);
  }
  out.bytes(repeated.step(explanation.step));
  text.explanation(explanation);
  out.bytes(K.end);
}

/**
 * The fields from "stream" to "dport", the same for every segment of a stream sent one way,
 * encoded once per stream and way and copied: a slot per stream number (modulo the table's size)
 * holds the last stream to use it, so the table stays small however many streams pass. The
 * fields are kept in one slab, FIELDS_ROOM bytes a slot and way, rather than as bytes of their
 * own: a Uint8Array with its own buffer per stream and way cost an allocation outside the heap
 * and a finalizer for every connection.
 */
export class StreamFields {
  /** Per slot, the stream whose fields it holds (-1: none yet). */
  private readonly streams = new Float64Array(STREAM_SLOTS).fill(-1);
  /** Per slot, the length of the client's segments' fields, then the server's (0 until written). */
  private readonly lengths = new Uint16Array(2 * STREAM_SLOTS);
  /** Per slot and way, FIELDS_ROOM bytes from (2 * slot + way) * FIELDS_ROOM. */
  private readonly slab = Buffer.allocUnsafe(2 * STREAM_SLOTS * FIELDS_ROOM);
  private readonly slabWords = wordsOf(this.slab);
  private readonly scratch = new ByteWriter();

  write(out: ByteWriter, tracked: TrackedSegment): void {
    const stream = tracked.connection.stream;
    const slot = stream & (STREAM_SLOTS - 1);
    if (this.streams[slot] !== stream) {
      this.streams[slot] = stream;
      this.lengths[2 * slot] = 0;
      this.lengths[2 * slot + 1] = 0;
    }
    const index = 2 * slot + (tracked.from === "client" ? 0 : 1);
    const start = index * FIELDS_ROOM;
    let length = this.lengths[index]!;
    if (length === 0) {
      this.encode(tracked);
      const encoded = this.scratch.held();
      length = encoded.length;
      // Longer than any addresses and ports make them: written as they are, never kept.
      if (length > FIELDS_ROOM) return out.bytes(this.scratch.takeBytes());
      this.slab.set(encoded, start);
      this.scratch.discard();
      this.lengths[index] = length;
    }
    out.append(this.slab, start, start + length, this.slabWords);
  }

  private encode(tracked: TrackedSegment): void {
    const out = this.scratch;
    const s = tracked.segment;
    out.bytes(K.stream);
    writeJsonNumber(out, tracked.connection.stream);
    out.bytes(K.from);
    writeWord(out, tracked.from);
    out.bytes(K.src);
    writeJsonString(out, s.src);
    out.bytes(K.sport);
    writeJsonNumber(out, s.srcPort);
    out.bytes(K.dst);
    writeJsonString(out, s.dst);
    out.bytes(K.dport);
    writeJsonNumber(out, s.dstPort);
  }
}

/** Streams whose fields StreamFields keeps at once (a power of two): more than a busy capture has open. */
const STREAM_SLOTS = 4096;
/**
 * Bytes a stream's fields one way may take in StreamFields' slab: the keys take 50, a stream
 * number at most 16 digits, "client" 8, each address at most 47 with its quotes (IPv6 with a
 * dotted quad), each port 5: 178 at most.
 */
const FIELDS_ROOM = 192;

/**
 * The fields from "states" to "changes", a state change's after its frame, and from "step" to
 * the opening quote of "text", encoded the first time they are written and copied after: a few
 * states, confidences, changes and steps recur on every segment, and writing each word and key in
 * turn was a dozen copies per record. The states
 * and confidences are shared pairs (track/observer/row.ts), so the text is found by the pairs
 * themselves.
 */
export class RepeatedFields {
  /** By the pair of states, the text for each pair of confidences (by confidenceIndex). */
  private readonly statesTexts = new Map<BothStates, Array<Uint8Array | undefined>>();
  /** By stepIndex; the text of no step after them. */
  private readonly stepTexts = new Array<Uint8Array | undefined>(STEP_INDEXES + 1).fill(undefined);
  /** By change code, a state change's fields after its frame (undefined until one is written). */
  private readonly changeTexts = new Array<Uint8Array | undefined>(CHANGE_CODE_COUNT).fill(undefined);
  private readonly scratch = new ByteWriter();

  states(states: BothStates, confidence: BothConfidences): Uint8Array {
    let texts = this.statesTexts.get(states);
    if (texts === undefined) {
      texts = new Array<Uint8Array | undefined>(CONFIDENCES.length * CONFIDENCES.length).fill(undefined);
      this.statesTexts.set(states, texts);
    }
    const index = confidenceIndex(confidence.client) * CONFIDENCES.length + confidenceIndex(confidence.server);
    return (texts[index] ??= this.encodeStates(states, confidence));
  }

  step(step: Step | null): Uint8Array {
    const index = step === null ? STEP_INDEXES : stepIndex(step);
    if (index < 0) return this.encodeStep(step);
    return (this.stepTexts[index] ??= this.encodeStep(step));
  }

  /** A state change's fields after its frame, and the brace that closes it, by its code (change-code.ts). */
  change(code: number): Uint8Array {
    let text = this.changeTexts[code];
    if (text === undefined) {
      const out = this.scratch;
      writeChangeFieldsAfterFrame(out, changeOfCode(code, 0));
      out.byte(CLOSE_BRACE);
      this.changeTexts[code] = text = out.takeBytes();
    }
    return text;
  }

  private encodeStates(states: BothStates, confidence: BothConfidences): Uint8Array {
    const out = this.scratch;
    out.bytes(K.states);
    writeWord(out, states.client);
    out.bytes(K.server);
    writeWord(out, states.server);
    out.bytes(K.confidence);
    writeWord(out, confidence.client);
    out.bytes(K.server);
    writeWord(out, confidence.server);
    out.bytes(K.changes);
    return out.takeBytes();
  }

  private encodeStep(step: Step | null): Uint8Array {
    const out = this.scratch;
    out.bytes(K.step);
    writeStep(out, step);
    out.bytes(K.text);
    return out.takeBytes();
  }
}

/** Steps RepeatedFields keeps by stepIndex: a handshake or teardown takes up to 4 steps (step.ts). */
const STEP_INDEXES = 2 * 10 * 10;

/** A number below STEP_INDEXES for the step, by phase, n and of (-1 for a step count of 10 or more, which none takes). */
function stepIndex(step: Step): number {
  if (step.n >= 10 || step.of >= 10) return -1;
  return (step.phase === "handshake" ? 0 : 100) + step.n * 10 + step.of;
}

/**
 * The messages in the reader's language, one after the other, as the inside of a JSON string:
 * the catalogs need no escaping (a test says so), so only the string values filled in are
 * escaped, instead of the whole text being scanned again. One per timeline, pointed at each
 * record's output (`out`) in turn.
 */
export class ExplanationWriter extends ByteLineSink {
  explanation(explanation: Explanation): void {
    this.lines.explanation(explanation);
  }

  messages(messages: readonly Message[]): void {
    this.lines.messages(messages);
  }

  lineStart(index: number): void {
    if (index > 0) this.out.byte(SPACE);
  }

  lineEnd(): void {}

  value(value: string): void {
    writeJsonStringContent(this.out, value);
  }
}

/**
 * The words a segment record repeats (roles, states, confidences), quoted and encoded once; any
 * other string is escaped as it is written.
 */
const ROLES: readonly Role[] = ["client", "server"];
const CONFIDENCES: readonly Confidence[] = ["confirmed", "inferred", "unknown"];
const WORDS: ReadonlyMap<string, Uint8Array> = new Map(
  [...ROLES, ...TCP_STATES, ...CONFIDENCES].map((word) => [word, encodeText(JSON.stringify(word))]),
);

function writeWord(out: ByteWriter, word: string): void {
  const quoted = WORDS.get(word);
  if (quoted === undefined) writeJsonString(out, word);
  else out.bytes(quoted);
}

function confidenceIndex(confidence: Confidence): number {
  return confidence === "confirmed" ? 0 : confidence === "inferred" ? 1 : 2;
}

/** The flags array for each value of the nine flag bits, between its key and the key after it, written once. */
const FLAGS_TEXTS: readonly Uint8Array[] = Array.from({ length: 0x200 }, (_, flags) =>
  encodeText(`,"flags":${JSON.stringify(flagNames(flags))},"seq":`),
);

/** The analysis details present on this segment, in their order, between the braces; the window fields sit beside win instead. */
function writeAnalysisDetails(out: ByteWriter, details: AnalysisDetails): void {
  let first = true;
  // for-in walks the keys in the order Object.entries gives, without an array per key.
  for (const key in details) {
    const value = details[key as keyof AnalysisDetails];
    if (value === undefined || key === "windowScaled" || key === "windowScale") continue;
    if (!first) out.byte(COMMA);
    first = false;
    const quoted = DETAIL_KEYS[key as DetailKey];
    if (quoted === undefined) {
      writeJsonString(out, key);
      out.byte(COLON);
    } else out.bytes(quoted);
    writeDetail(out, value);
  }
}

/**
 * The details of a segment without findings whose details object was never made, as
 * writeAnalysisDetails writes that object (plainDetails: the acked frame, the ACK RTT, the iRTT),
 * read from the segment without making it.
 */
function writePlainDetails(out: ByteWriter, tracked: TrackedSegment): void {
  const ackedFrame = ackedFrameOf(tracked);
  const ackRtt = ackRttOf(tracked);
  const initialRtt = initialRttOf(tracked);
  if (ackedFrame !== undefined) {
    out.bytes(DETAIL_KEYS.ackedFrame);
    writeJsonNumber(out, ackedFrame);
    if (ackRtt !== undefined) {
      out.byte(COMMA);
      out.bytes(DETAIL_KEYS.ackRtt);
      writeJsonNumber(out, ackRtt);
    }
  }
  if (initialRtt !== undefined) {
    if (ackedFrame !== undefined) out.byte(COMMA);
    out.bytes(DETAIL_KEYS.initialRtt);
    writeJsonNumber(out, initialRtt);
  }
}

type DetailKey = Exclude<keyof AnalysisDetails, "windowScaled" | "windowScale">;

/** Every detail's key (the type checker holds the list to the interface's). */
const DETAIL_KEY_LIST: Readonly<Record<DetailKey, true>> = {
  duplicateAckNum: true,
  duplicateAckFrame: true,
  ackedFrame: true,
  ackRtt: true,
  initialRtt: true,
  nextSeq: true,
  peerAck: true,
  peerWindow: true,
  peerWindowZero: true,
  peerDuplicateAcks: true,
  peerDuplicateAckFrames: true,
  sinceHighest: true,
  outOfOrderLimit: true,
  peerSeenUpTo: true,
  previousWindow: true,
  originalFrame: true,
  sinceOriginal: true,
};

/** Each detail's key, quoted with its colon and encoded once. */
const DETAIL_KEYS = Object.fromEntries(
  Object.keys(DETAIL_KEY_LIST).map((key) => [key, encodeText(`${JSON.stringify(key)}:`)]),
) as Readonly<Record<DetailKey, Uint8Array>>;

function writeDetail(out: ByteWriter, value: number | boolean | number[]): void {
  if (typeof value === "boolean") out.bytes(value ? K.true : K.false);
  else if (typeof value === "number") writeJsonNumber(out, value);
  else {
    out.byte(OPEN_BRACKET);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.byte(COMMA);
      writeJsonNumber(out, value[i]!);
    }
    out.byte(CLOSE_BRACKET);
  }
}

/** Most segments change no state and carry no note: their empty lists are one copy. */
/** A segment's state changes (their codes), each made at its frame. */
function writeChanges(out: ByteWriter, changes: ChangeCodes, frame: number, repeated: RepeatedFields): void {
  const count = changeCount(changes);
  if (count === 0) return out.bytes(K.emptyList);
  out.byte(OPEN_BRACKET);
  for (let i = 0; i < count; i++) {
    if (i > 0) out.byte(COMMA);
    out.bytes(K.openChange);
    writeJsonNumber(out, frame);
    out.bytes(repeated.change(changeCodeAt(changes, i)));
  }
  out.byte(CLOSE_BRACKET);
}

function writeNotes(out: ByteWriter, notes: readonly Note[]): void {
  if (notes.length === 0) return out.bytes(K.emptyList);
  out.byte(OPEN_BRACKET);
  for (let i = 0; i < notes.length; i++) {
    if (i > 0) out.byte(COMMA);
    writeJsonString(out, notes[i]!.id);
  }
  out.byte(CLOSE_BRACKET);
}

/** A state change's keys, as the segment record's changes and the timer record show them. */
function writeChangeFields(out: ByteWriter, change: StateChange): void {
  out.bytes(K.changeFrame);
  writeJsonNumber(out, change.frame);
  writeChangeFieldsAfterFrame(out, change);
}

/** The keys after a state change's frame, which repeat on every handshake and teardown. */
function writeChangeFieldsAfterFrame(out: ByteWriter, change: StateChange): void {
  out.bytes(K.endpoint);
  writeWord(out, change.endpoint);
  out.bytes(K.from);
  writeWord(out, change.from);
  out.bytes(K.to);
  writeWord(out, change.to);
  out.bytes(K.cause);
  writeJsonString(out, change.cause);
}

function writeStep(out: ByteWriter, step: Step | null): void {
  if (step === null) return out.bytes(K.null);
  out.bytes(K.phase);
  writeJsonString(out, step.phase);
  out.bytes(K.n);
  writeJsonNumber(out, step.n);
  out.bytes(K.of);
  writeJsonNumber(out, step.of);
  out.byte(CLOSE_BRACE);
}

/** A TIME_WAIT timer ran out: terminal-safe as the segment record is, its strings escaped as they are written. */
export function writeTimerRecord(
  connection: Connection,
  change: StateChange,
  time: number,
  message: Message,
  text: ExplanationWriter,
): void {
  const out = text.out;
  out.bytes(K.timer);
  writeJsonNumber(out, connection.stream);
  out.bytes(K.time);
  writeJsonNumber(out, time);
  out.byte(COMMA);
  writeChangeFields(out, change);
  out.bytes(K.text);
  text.messages([message]);
  out.bytes(K.end);
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
