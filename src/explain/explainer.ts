import { TcpFlag } from "../decode/segment.js";
import type { Connection } from "../track/connection.js";
import type { Revision } from "../track/observer/hindsight.js";
import {
  CHANGE_CODE_COUNT,
  changeCodeAt,
  changeCount,
  changeOfCode,
  endpointOfCode,
  stateLeftOfCode,
} from "../track/observer/change-code.js";
import { peerOf, type Role, type TcpState } from "../track/states.js";
import type { TimeWaitExpiry } from "../track/time-wait.js";
import { ackedFrameOf, changeCodesOf, type TrackedSegment } from "../track/tracked-segment.js";
import { addFindingLines } from "./analysis-lines.js";
import { PLAIN_MESSAGES, sayAckRtt, sayPlainHeadline, type PlainSayer } from "./plain-lines.js";
import { addHandshakeLines, synDataAcknowledged } from "./handshake-lines.js";
import { Lines, type MessageList } from "./lines.js";
import { MESSAGE_KEYS, message, type Message, type MessageKey, type MessageValues } from "./message.js";
import { ConnectionProgress } from "./progress.js";
import { ConnectionSlot } from "../track/connection-slot.js";
import type { Step, StepKind } from "./step.js";
import { movesNoStep, stepKindOf } from "./step-kind.js";

/** What the explain layer adds to a tracked segment: its step, if any, and the messages to say. */
export interface Explanation {
  step: Step | null;
  /** The headline, the handshake's options and checks, one line per state change, the notes, then Wireshark's findings. */
  messages: Message[];
}

export interface ExplainerOptions {
  /** TIME_WAIT duration in seconds, quoted in the explanations. */
  timeWaitSeconds: number;
}

/** What `step` says besides the step: nothing, shared by every segment. */
const NO_MESSAGES: Message[] = [];
Object.freeze(NO_MESSAGES);

/** Turns tracked segments into steps and messages, keeping each connection's progress. */
export class Explainer {
  /** Each connection's progress, until it is forgotten. */
  private readonly progress = new ConnectionSlot<ConnectionProgress>();
  private readonly turn: Turn = { progress: new ConnectionProgress(), kind: null, step: null, firstSynAck: false };
  private readonly lines = new Lines();
  private readonly changeLines = new ChangeLines();
  /**
   * By who sends it, the line after the last ACK that leaves its sender in TIME_WAIT: it quotes
   * only the roles and this explainer's 2*MSL, so it is made once and shared (isShared), and a
   * timeline copies the bytes it wrote for it the first time (most connections end with it).
   */
  private readonly timeWaitLines: Readonly<Record<Role, Message>>;

  constructor(private readonly options: ExplainerOptions) {
    const timeWaitLine = (who: Role) =>
      Object.freeze(
        message("step.last-ack-time-wait", Object.freeze({ who, peer: peerOf(who), twoMsl: options.timeWaitSeconds })),
      );
    this.timeWaitLines = { client: timeWaitLine("client"), server: timeWaitLine("server") };
  }

  explain(tracked: TrackedSegment): Explanation {
    if (hasPlainExplanation(tracked)) return new PlainExplanation(tracked);
    const turn = this.advance(tracked);
    // One list that every part adds to, handed out as an array of its length: this runs for every
    // segment, each part usually says one line or none, and the array lives as long as its segment waits.
    const lines = this.lines;
    if (tracked.isFirst) addFirstSegmentRemarks(lines, tracked);
    this.addHeadlines(lines, tracked, turn.kind);
    addDetailLines(lines, tracked, turn, this.changeLines);
    addFindingLines(lines, tracked, turn.progress);
    const messages = lines.take();
    return ackedFrameOf(tracked) === undefined
      ? { step: turn.step, messages }
      : new AckingExplanation(turn.step, messages, tracked);
  }

  /**
   * Only the line a verdict quotes (check's evidence): the headline, or for a repeated SYN or
   * FIN, which has none, the first line `explain` would say; undefined when it says nothing. A
   * fraction of the work, asked for each segment whose headline is not plain (hasPlainHeadline)
   * as it settles, in order: the progress moves on as in `explain`, so the same step kinds head it.
   */
  headline(tracked: TrackedSegment): Message | undefined {
    // The segment's own headline needs no progress when it moves no step.
    if (movesNoStep(tracked)) return segmentHeadline(tracked);
    const turn = this.advance(tracked);
    const messages: Message[] = [];
    this.addHeadlines(messages, tracked, turn.kind);
    if (messages.length === 0) {
      if (tracked.isFirst) addFirstSegmentRemarks(messages, tracked);
      addDetailLines(messages, tracked, turn, this.changeLines);
    }
    return messages[0];
  }

  /**
   * Nothing said: the progress moves on as `headline` would move it, for a segment whose headline
   * no verdict can quote, so that the next headlines are said as the timeline says them.
   */
  pass(tracked: TrackedSegment): void {
    if (!movesNoStep(tracked)) this.advance(tracked);
  }

  /**
   * The step alone, without the messages (the brief timeline's): the progress moves on as in
   * `explain`, so the steps and their counts are the same.
   */
  step(tracked: TrackedSegment): Explanation {
    return { step: this.advance(tracked).step, messages: NO_MESSAGES };
  }

  /**
   * The connection's progress moved on by this segment: its step, and whether its SYN-ACK is the
   * first. The explainer's one Turn, filled again: it is read before the next segment's.
   */
  private advance(tracked: TrackedSegment): Turn {
    const progress = this.progressOf(tracked.connection);
    const kind = stepKindOf(tracked, progress.simultaneousOpen);
    const turn = this.turn;
    turn.progress = progress;
    turn.kind = kind;
    turn.step = this.stepOf(tracked, kind, progress);
    turn.firstSynAck = kind === "syn-ack" && progress.firstTime("handshake-options");
    return turn;
  }

  /** One line per endpoint state the revision changed (from one state to another), naming its frames. */
  explainRevision(revision: Revision): Message[] {
    const byChange = new Map<string, { was: TcpState; now: TcpState; frames: number[] }>();
    for (const row of revision.rows) {
      const key = `${row.was} ${row.now}`;
      const group = byChange.get(key);
      if (group === undefined) byChange.set(key, { was: row.was, now: row.now, frames: [row.frame] });
      else group.frames.push(row.frame);
    }
    const reason = message(`revision.${revision.reason}`, { frame: revision.frame });
    return [...byChange.values()].map(({ was, now, frames }) =>
      message("revision.line", { who: revision.endpoint, was, now, frames: frames.join(", "), reason }),
    );
  }

  explainExpiry(expiry: TimeWaitExpiry): Message {
    return message("word.time-wait-over", { who: expiry.change.endpoint, twoMsl: this.options.timeWaitSeconds });
  }

  /** The connection will have no more segments (it was retired): its progress is dropped. */
  forget(connection: Connection): void {
    this.progress.take(connection);
  }

  /** Decide any step counts still open for this connection (no answer came, or input ended). */
  settle(connection: Connection): void {
    this.progress.get(connection)?.settle();
  }

  /** Kept in the connection (ConnectionSlot): a map from connection looked up for every segment was a fiftieth of check's time. */
  private progressOf(connection: Connection): ConnectionProgress {
    let progress = this.progress.get(connection);
    if (progress === undefined) this.progress.set(connection, (progress = new ConnectionProgress()));
    return progress;
  }

  private stepOf(tracked: TrackedSegment, kind: StepKind | null, progress: ConnectionProgress): Step | null {
    if (kind === null)
      return hasNote(tracked, FIN_RETRANSMISSION_NOTES) ? (progress.finStep(tracked.from) ?? null) : null;
    const step = progress.stepFor(kind);
    if (tracked.segment.flags & TcpFlag.FIN) progress.setFinStep(tracked.from, step);
    return step;
  }

  private addHeadlines(lines: MessageList, tracked: TrackedSegment, kind: StepKind | null): void {
    // A retransmitted SYN or FIN repeats its step; its note says so, without the lecture again.
    if (hasNote(tracked, RETRANSMISSION_NOTES)) return;
    if (kind === null) {
      lines.push(segmentHeadline(tracked));
      return;
    }
    // A SYN-ACK that also acknowledges a Fast Open SYN's data does not say ack = j+1.
    lines.push(message(headlineKey(tracked, kind), stepValues(tracked, kind)));
    if (kind === "last-ack" && tracked.states[tracked.from] === "TIME_WAIT")
      lines.push(this.timeWaitLines[tracked.from]);
  }
}

/** The headline of a step: the step's own, or its variant for a SYN or third segment with data, or a SYN+ACK that acknowledges it. */
function headlineKey(tracked: TrackedSegment, kind: StepKind): MessageKey {
  const hasData = tracked.segment.payloadLength > 0;
  if (kind === "syn" && hasData) return "step.syn-with-data";
  if (kind === "handshake-ack" && hasData) return "step.handshake-ack-with-data";
  if (kind === "syn-ack" && synDataAcknowledged(tracked) > 0) return "step.syn-ack-with-data";
  return STEP_KEYS[kind];
}

/** Each step's headline key, written out: a key made by joining strings would be hashed anew for every lookup. */
const STEP_KEYS: Readonly<Record<StepKind, MessageKey>> = {
  syn: "step.syn",
  "syn-ack": "step.syn-ack",
  "handshake-ack": "step.handshake-ack",
  "crossing-syn": "step.crossing-syn",
  "crossing-syn-ack": "step.crossing-syn-ack",
  fin: "step.fin",
  "ack-of-fin": "step.ack-of-fin",
  "second-fin": "step.second-fin",
  "fin-ack-of-fin": "step.fin-ack-of-fin",
  "last-ack": "step.last-ack",
  "crossing-fin": "step.crossing-fin",
  "closing-ack": "step.closing-ack",
};

/** Where a segment leaves its connection's progress (Explainer.advance). */
interface Turn {
  progress: ConnectionProgress;
  kind: StepKind | null;
  step: Step | null;
  firstSynAck: boolean;
}

/** What follows the headline: what the handshake negotiated, each state change, the observer's notes. */
function addDetailLines(messages: MessageList, tracked: TrackedSegment, turn: Turn, changeLines: ChangeLines): void {
  addHandshakeLines(messages, tracked, turn.kind, turn.firstSynAck);
  const codes = changeCodesOf(tracked);
  for (let i = 0; i < changeCount(codes); i++) messages.push(changeLines.of(changeCodeAt(codes, i)));
  addNoteLines(messages, tracked);
}

const RETRANSMISSION_NOTES: ReadonlySet<string> = new Set([
  "syn-retransmitted",
  "fin-retransmitted",
  "fin-retransmitted-in-time-wait",
]);
const FIN_RETRANSMISSION_NOTES: ReadonlySet<string> = new Set(["fin-retransmitted", "fin-retransmitted-in-time-wait"]);

/**
 * The numbers each headline quotes: raw ISNs and acks in the handshake (the explanations' j and
 * k, docs/output.md), relative ones in the teardown. Each object is written out whole, as one literal: a headline
 * is said for every step of every connection.
 */
function stepValues(tracked: TrackedSegment, kind: StepKind): MessageValues {
  const { segment, from } = tracked;
  const peer = peerOf(from);
  switch (kind) {
    case "syn":
    case "crossing-syn":
    case "handshake-ack":
    case "crossing-syn-ack": {
      const len = segment.payloadLength;
      // A SYN's data starts one past the ISN; a third segment's at its own seq.
      const next = kind === "handshake-ack" ? segment.seq : (segment.seq + 1) >>> 0;
      return {
        who: from,
        peer,
        isn: segment.seq,
        ack: segment.ack,
        seq: segment.seq,
        next,
        len,
        end: (next + len - 1) >>> 0,
      };
    }
    case "syn-ack": {
      // The client's ISN as its SYN carried it; ack - 1 only when that SYN was not captured.
      const peerIsn = tracked.connection.client.isn ?? (segment.ack - 1) >>> 0;
      return {
        who: from,
        peer,
        isn: segment.seq,
        ack: segment.ack,
        seq: segment.seq,
        next: (segment.seq + 1) >>> 0,
        peerIsn,
      };
    }
    default: {
      const finSeq = tracked.seq + segment.payloadLength;
      return { who: from, peer, seq: finSeq, ack: tracked.ack ?? 0, next: finSeq + 1 };
    }
  }
}

function segmentHeadline(tracked: TrackedSegment): Message {
  const segment = tracked.segment;
  if (segment.flags & TcpFlag.RST) return resetHeadline(tracked);
  return plainHeadline(tracked.from, segment.flags, segment.payloadLength, tracked.seq, tracked.ack);
}

/**
 * Whether the segment's headline is read from its own fields alone (data, an ACK, a bare flag: it
 * moves no step and resets nothing), never from its connection's progress or hindsight: it can
 * then be said whenever it is needed, from those fields (plainHeadline).
 */
export function hasPlainHeadline(tracked: TrackedSegment): boolean {
  return movesNoStep(tracked) && (tracked.segment.flags & TcpFlag.RST) === 0;
}

/**
 * Whether all the segment's explanation says is read from its own fields (a plain headline and
 * the ACK's RTT; no finding, not a connection's first segment): half the segments of a busy
 * capture, whose lines can then be made when they are read (PlainExplanation).
 */
function hasPlainExplanation(tracked: TrackedSegment): boolean {
  return !tracked.isFirst && tracked.analysis.length === 0 && hasPlainHeadline(tracked);
}

/**
 * An explanation that says its lines itself (sayTo), from the segment's fields, rather than keep
 * them as messages: a timeline writes them as they are said (sayLines), and `messages` and JSON
 * make them only for a reader that asks.
 */
abstract class SaidExplanation implements Explanation {
  abstract readonly step: Step | null;
  abstract get messages(): Message[];
  /** Its lines said to `say` one after the other, as `messages` makes them. */
  abstract sayTo(say: LineSayer): void;

  /** As an explanation made at once is written. */
  toJSON(): Explanation {
    return { step: this.step, messages: this.messages };
  }
}

/**
 * The explanation of a segment that hasPlainExplanation, its lines made each time they are read,
 * from the segment's fields, which are final: what waits with the segment in the output queue is
 * this object alone, and the lines made for the output die young instead of living as long as
 * the segment waits, for the collector to copy.
 */
class PlainExplanation extends SaidExplanation {
  readonly step = null;

  constructor(private readonly tracked: TrackedSegment) {
    super();
  }

  get messages(): Message[] {
    const headline = this.headline(PLAIN_MESSAGES);
    const rtt = sayAckRtt(PLAIN_MESSAGES, this.tracked);
    return rtt === null ? [headline] : [headline, rtt];
  }

  sayTo(say: PlainSayer<void>): void {
    this.headline(say);
    sayAckRtt(say, this.tracked);
  }

  private headline<T>(say: PlainSayer<T>): T {
    const tracked = this.tracked;
    const segment = tracked.segment;
    return sayPlainHeadline(say, tracked.from, segment.flags, segment.payloadLength, tracked.seq, tracked.ack);
  }
}

/**
 * An explanation made at once but for its last line, which segment the segment acknowledges and
 * after how long (sayAckRtt, after the finding lines), which is made each time it is read, from
 * the segment's fields, as PlainExplanation makes its lines: a timeline writes it as it is said,
 * without a message made (most handshake and teardown segments end with it).
 */
class AckingExplanation extends SaidExplanation {
  constructor(
    readonly step: Step | null,
    /** The lines before it. */
    private readonly lines: Message[],
    private readonly tracked: TrackedSegment,
  ) {
    super();
  }

  get messages(): Message[] {
    return [...this.lines, sayAckRtt(PLAIN_MESSAGES, this.tracked)!];
  }

  sayTo(say: LineSayer): void {
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) say.message(lines[i]!);
    sayAckRtt(say, this.tracked);
  }
}

/** Where an explanation's lines are said one after the other: a plain explanation's by kind (PlainSayer), any other's as its messages. */
export interface LineSayer extends PlainSayer<void> {
  message(line: Message): void;
}

/** Each line of the explanation said to `say`, in order: a plain explanation's without a message made (explain/line-writer.ts). */
export function sayLines(explanation: Explanation, say: LineSayer): void {
  if (explanation instanceof SaidExplanation) {
    explanation.sayTo(say);
    return;
  }
  const messages = explanation.messages;
  for (let i = 0; i < messages.length; i++) say.message(messages[i]!);
}

/** The headline of a segment that hasPlainHeadline, from its fields: relative seq and ack (null without the ACK flag). */
export function plainHeadline(who: Role, flags: number, len: number, seq: number, ack: number | null): Message {
  return sayPlainHeadline(PLAIN_MESSAGES, who, flags, len, seq, ack);
}

/**
 * What a RST means depends on whom it answers: a SYN where nothing listens (refused), a SYN+ACK
 * the client does not want, a segment of a connection the sender has forgotten, or an abort.
 */
function resetHeadline(tracked: TrackedSegment): Message {
  const who = tracked.from;
  const peer = peerOf(who);
  if (
    tracked.receipt === "received-refusal" ||
    (tracked.connection.hindsight.initialOf(who) === "CLOSED" && !tracked.connection.endpoint(who).sentSyn)
  ) {
    return message("segment.refused", { who, port: tracked.segment.srcPort });
  }
  if (tracked.notes.some((note) => note.id === "rst-no-connection"))
    return message("segment.reset-no-connection", { who, peer });
  if (tracked.notes.some((note) => note.id === "rst-answers-bad-ack"))
    return message("segment.reset-bad-ack", { who, peer });
  const left = stateLeftAt(tracked, who);
  if (left === "SYN_SENT") return message("segment.reset-in-handshake", { who, peer });
  // CLOSED before it as after it: a closed endpoint's answer.
  if (left === undefined && tracked.states[who] === "CLOSED") return message("segment.reset-after-close", { who });
  return message("segment.reset", { who });
}

/** The words of a crossing or a loss when the segment is an ACK, which no ack covers. */
const ACK_NOTES = { crossed: "note.crossed-ack", "not-arrived": "note.not-arrived-ack" } as const;

/** The state the endpoint left at this segment (its first change there), or undefined when the segment moved it nowhere. */
function stateLeftAt(tracked: TrackedSegment, who: Role): TcpState | undefined {
  const codes = changeCodesOf(tracked);
  for (let i = 0; i < changeCount(codes); i++) {
    const code = changeCodeAt(codes, i);
    if (endpointOfCode(code) === who) return stateLeftOfCode(code);
  }
  return undefined;
}

function addFirstSegmentRemarks(lines: MessageList, tracked: TrackedSegment): void {
  const connection = tracked.connection;
  if (connection.reusedPorts) lines.push(message("connection.reused-ports"));
  if (connection.assumedEstablished) lines.push(message("connection.midstream"));
  if (connection.roleEvidence === "syn-ack") lines.push(message("connection.synack-first"));
  if (connection.roleEvidence === "port") {
    lines.push(message("connection.roles-guessed", { address: connection.server.label, port: connection.server.port }));
  }
}

/**
 * The line of each state change, made the first time an endpoint changes between these two states
 * for this cause and then shared (frozen, as a constant message is): the handshake and the teardown
 * change a state on most of their segments, and a line made for each was two objects per change.
 * They are found by the change's code, which names just that (change-code.ts).
 */
class ChangeLines {
  private readonly lines = new Array<Message | undefined>(CHANGE_CODE_COUNT).fill(undefined);

  of(code: number): Message {
    return (this.lines[code] ??= changeLine(code));
  }
}

function changeLine(code: number): Message {
  const change = changeOfCode(code, 0);
  const values = { who: change.endpoint, from: change.from, to: change.to, cause: CAUSES.get(change.cause)! };
  return Object.freeze(message("change.line", Object.freeze(values)));
}

/** The messages of the catalog's keys under a prefix, by the id after it ("cause.sent-syn" under "sent-syn"). */
function messagesUnder(prefix: string): ReadonlyMap<string, Message> {
  const keys = MESSAGE_KEYS.filter((key) => key.startsWith(prefix));
  return new Map(keys.map((key) => [key.slice(prefix.length), message(key)]));
}

/** Each cause's message, made once: a key joined per change would be hashed anew for every lookup. */
const CAUSES = messagesUnder("cause.");
/** Each note's message key, as CAUSES. */
const NOTE_KEYS: ReadonlyMap<string, MessageKey> = new Map(
  MESSAGE_KEYS.filter((key) => key.startsWith("note.")).map((key) => [key.slice("note.".length), key]),
);

/** Whether the segment carries one of these notes (a loop: no closure per segment). */
function hasNote(tracked: TrackedSegment, ids: ReadonlySet<string>): boolean {
  const notes = tracked.notes;
  for (let i = 0; i < notes.length; i++) if (ids.has(notes[i]!.id)) return true;
  return false;
}

function addNoteLines(lines: MessageList, tracked: TrackedSegment): void {
  const notes = tracked.notes;
  if (notes.length === 0) return;
  const segment = tracked.segment;
  const who = tracked.from;
  const peer = peerOf(who);
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i]!;
    const key = NOTE_KEYS.get(note.id)!;
    switch (note.id) {
      case "syn-with-data": {
        const cookie = segment.options.fastOpenCookie !== undefined && segment.options.fastOpenCookie.length > 0;
        lines.push(
          message(cookie ? "note.syn-with-data-cookie" : "note.syn-with-data", { len: segment.payloadLength }),
        );
        break;
      }
      case "nothing-listens":
      case "no-answer":
        lines.push(message(key, { peer, port: segment.dstPort }));
        break;
      case "crossed":
      case "not-arrived":
        // Of a SYN or FIN, told by a segment whose ack does not cover it; of an ACK, by one its peer sent as if without it.
        lines.push(
          message(segment.flags & (TcpFlag.SYN | TcpFlag.FIN) ? key : ACK_NOTES[note.id], {
            who,
            peer,
            frame: note.frame ?? "?",
          }),
        );
        break;
      case "behind-gap":
      case "gap-filled":
      case "ack-lost":
      case "rst-lost":
      case "copy-lost":
      case "copy-unacknowledged":
      case "old-connection":
        lines.push(message(key, { who, peer, frame: note.frame ?? "?" }));
        break;
      case "syn-ack-after-crossing":
      case "rst-no-connection":
        lines.push(message(key, { who, peer }));
        break;
      case "syn-ack-bad-ack": {
        const clientIsn = tracked.connection.client.isn;
        lines.push(
          message("note.syn-ack-bad-ack", {
            ack: segment.ack,
            expected: clientIsn === undefined ? "?" : (clientIsn + 1) >>> 0,
          }),
        );
        break;
      }
      default:
        lines.push(message(key));
    }
  }
}
