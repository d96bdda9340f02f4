import { tcpdumpFlags } from "../../decode/flag-names.js";
import { TcpFlag } from "../../decode/segment.js";
import { CATALOGS, type CaptureTotals, type Language, type TextWords } from "../../explain/catalog/index.js";
import type { Explanation } from "../../explain/explainer.js";
import { formatMessage } from "../../explain/format.js";
import type { Step } from "../../explain/step.js";
import type { Message } from "../../explain/message.js";
import type { Connection } from "../../track/connection.js";
import type { Role } from "../../track/states.js";
import { changeCodeAt, changeCount, endpointOfCode } from "../../track/observer/change-code.js";
import { changeCodesOf, type TrackedSegment } from "../../track/tracked-segment.js";
import { fitParagraph, visibleWidth } from "../shared/fit.js";
import { PALETTE } from "../shared/palette.js";
import { stepLabel } from "../shared/step-label.js";
import { INDENT_COLUMNS, segmentColumns, type SegmentColumns } from "./segment-row.js";
import { Style } from "../shared/style.js";
import { ByteWriter, digitCount, encodeText } from "../shared/byte-writer.js";
import { terminalSafe } from "../shared/terminal-safe.js";
import { UNCONFIRMED_MARK } from "../shared/unconfirmed-mark.js";
import { DEFAULT_TIME_FORMAT, sixPlaceMicros, TimeColumn, type TimeFormat } from "./time-column.js";
import type { Timestamp } from "../../capture/timestamp.js";
import { padAscii, padDisplay } from "../shared/width.js";
import { ByteLineSink } from "../shared/byte-line-sink.js";

export interface TextOptions {
  language: Language;
  color: boolean;
  /** Print raw sequence and acknowledgment numbers instead of Wireshark's relative ones. */
  absolute: boolean;
  /** Columns the output may take: lines are laid out and wrapped to fit. Undefined: no limit. */
  columns?: number | undefined;
  /** What the time column shows (default: seconds since the connection's first segment). */
  time?: TimeFormat;
  /** One line per segment, without the explanations. */
  brief?: boolean;
}

/** The facts the capture header line names. */
export interface CaptureHeader {
  file: string;
  format: string;
  linkTypes: string[];
}

/** Explanations sit under the line, past the frame column. */
const INDENT = " ".repeat(INDENT_COLUMNS);
const INDENT_BYTES = encodeText(INDENT);
const NEWLINE = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const POINT = 0x2e;
const MICROS_PER_SECOND = 1e6;
/** Step labels by number: phase, n and of in one key (n and of stay below 10). */
const STEP_KEYS_PER_N = 10;
const STEP_KEYS = 100;
/** Where a number goes in a text painted once around it. */
const NUMBER_MARK = "\u0000";

/** Text written on many lines: as it is, and encoded. */
interface Cell {
  text: string;
  bytes: Uint8Array;
}

/** A state's cell, padded to the column, and its name alone (the end of a line). */
interface StateCell {
  padded: Uint8Array;
  name: Uint8Array;
}

/**
 * An explanation's lines written into a byte buffer, each a paragraph after its indent (the first
 * after `lead`): their string values may come from the capture, so they are made safe; the rest
 * of the text is the catalog's and numbers, safe already (a test holds the catalogs to it), so
 * the whole line is not scanned.
 */
class SafeTextSink extends ByteLineSink {
  lead = "";

  lineStart(index: number): void {
    this.out.bytes(INDENT_BYTES);
    if (index === 0 && this.lead !== "") this.out.text(this.lead);
  }

  lineEnd(): void {
    this.out.byte(NEWLINE);
  }

  value(value: string): void {
    this.out.text(terminalSafe(value));
  }
}

/** The plain-text timeline: one line per segment, its explanation beneath, states of both ends. */
export class TextRenderer {
  private readonly style: Style;
  private readonly words: TextWords;
  /** Widths only grow (a longer cell widens its column from its line on). */
  private readonly layout: SegmentColumns;
  private readonly time: TimeColumn;
  private readonly columns: number | undefined;
  /** Cells that repeat on every line, padded (and painted) once and encoded: by flag bits, by state, by step. */
  private readonly flagCells: Uint8Array[] = [];
  /** By state, one map for each of confirmed or not, changed or not (index: 1 unconfirmed + 2 changed). */
  private readonly stateCells: Array<Map<string, StateCell>> = [new Map(), new Map(), new Map(), new Map()];
  private readonly stepCells = new Map<number, Cell>();
  /** A line being made to be fitted to the terminal's width. */
  private readonly scratch = new ByteWriter();
  private readonly sink: SafeTextSink;
  /** The column heads (painted) at the columns' widths now, and the line break after them, encoded: made again when a column widens. */
  private heads: Uint8Array | undefined;
  /** A state not confirmed by its endpoint's own segments was shown (marked ?): the closing lines say what the mark means. */
  private marked = false;
  private readonly directionCells: Record<Role, Uint8Array>;
  /** The stream marker's text (painted) before and after the stream's number, encoded. */
  private readonly marker: { before: Uint8Array; after: Uint8Array };
  /** A connection's title line (painted, the line break before it too) around its stream's number and the two labels, encoded. */
  private readonly title: {
    beforeStream: Uint8Array;
    beforeClient: Uint8Array;
    beforeServer: Uint8Array;
    after: Uint8Array;
  };

  constructor(private readonly options: TextOptions) {
    this.style = new Style(options.color);
    this.words = CATALOGS[options.language].words.text;
    this.columns = options.columns;
    this.sink = new SafeTextSink(this.scratch, options.language);
    this.time = new TimeColumn(options.time ?? DEFAULT_TIME_FORMAT);
    this.layout = segmentColumns({
      language: options.language,
      time: this.time.format,
      columns: options.columns,
      brief: options.brief === true,
    });
    const direction = this.layout.direction;
    this.directionCells = {
      client: encodeText(padDisplay(this.words.towardServer, direction, "right")),
      server: encodeText(padDisplay(this.words.towardClient, direction, "right")),
    };
    const [before, after] = this.style
      .paint(PALETTE.heading, `— ${this.words.stream} ${NUMBER_MARK} —`)
      .split(NUMBER_MARK) as [string, string];
    this.marker = { before: encodeText(before), after: encodeText(`${after}\n`) };
    const [beforeStream, beforeClient, beforeServer, afterTitle] = this.style
      .paint(PALETTE.heading, this.titleText(NUMBER_MARK, NUMBER_MARK, NUMBER_MARK))
      .split(NUMBER_MARK) as [string, string, string, string];
    this.title = {
      beforeStream: encodeText(`\n${beforeStream}`),
      beforeClient: encodeText(beforeClient),
      beforeServer: encodeText(beforeServer),
      after: encodeText(`${afterTitle}\n`),
    };
  }

  captureHeader(header: CaptureHeader): string {
    const links = header.linkTypes.length > 0 ? header.linkTypes.join(", ") : "?";
    return this.fit(
      this.style.paint(
        PALETTE.heading,
        `${terminalSafe(header.file)}: ${header.format}; ${this.words.linkType} ${links}`,
      ),
    );
  }

  /**
   * A connection's title and the column heads under it. Without a width, the title's text around
   * the stream's number and the labels is copied as bytes encoded once (a capture of short
   * connections has a title for every few segments).
   */
  connectionHeader(connection: Connection, out: ByteWriter): void {
    const { client, server } = connection;
    const clientLabel = terminalSafe(client.label);
    const serverLabel = terminalSafe(server.label);
    if (this.columns === undefined) {
      const title = this.title;
      out.bytes(title.beforeStream);
      out.digits(connection.stream);
      out.bytes(title.beforeClient);
      out.text(clientLabel);
      out.bytes(title.beforeServer);
      out.text(serverLabel);
      out.bytes(title.after);
    } else {
      const title = this.titleText(String(connection.stream), clientLabel, serverLabel);
      out.text(`\n${this.fit(this.style.paint(PALETTE.heading, title))}`);
    }
    out.bytes((this.heads ??= encodeText(`${this.style.paint(PALETTE.heading, this.columnHeads())}\n`)));
  }

  private titleText(stream: string, client: string, server: string): string {
    const words = this.words;
    return `${words.stream} ${stream}: ${words.client} ${client} ⇄ ${words.server} ${server}`;
  }

  /** Output switches back to a connection already introduced (most segments, where connections interleave). */
  streamMarker(connection: Connection, out: ByteWriter): void {
    out.bytes(this.marker.before);
    out.digits(connection.stream);
    out.bytes(this.marker.after);
  }

  /**
   * The segment's line and its explanation, written into `out`. Without a width, straight in: the
   * line's cells padded as they are written, the explanations filled in after their indent. On a
   * terminal, the line is made first (in a writer of the renderer's own) to be fitted to the width.
   */
  segment(tracked: TrackedSegment, explanation: Explanation, out: ByteWriter): void {
    if (this.columns === undefined || this.layout.split) {
      this.segmentStart(tracked, out);
      this.segmentEnd(tracked, explanation, out);
      return;
    }
    const step = explanation.step === null ? undefined : this.stepCell(explanation.step);
    this.segmentStart(tracked, this.scratch);
    this.lineEnd(tracked, this.layout.step ? step : undefined, this.scratch);
    const line = this.scratch.takeText();
    out.text(visibleWidth(line) > this.columns ? this.fit(line) : `${line}\n`);
    this.explanationOf(explanation, step, out);
  }

  /**
   * Whether a segment's line can be written in two parts (segmentStart, then segmentEnd), the
   * first before the segment is settled: not when it is fitted to a width whole.
   */
  get writesInParts(): boolean {
    return this.columns === undefined;
  }

  /** The rest of a segment's line begun with segmentStart (its states and step), and its explanation. */
  segmentEnd(tracked: TrackedSegment, explanation: Explanation, out: ByteWriter): void {
    const step = explanation.step === null ? undefined : this.stepCell(explanation.step);
    this.lineEnd(tracked, this.layout.step ? step : undefined, out);
    out.byte(NEWLINE);
    this.explanationOf(explanation, step, out);
  }

  /** The explanation's paragraphs (none on the brief timeline), led by the step when the line has no room for it. */
  private explanationOf(explanation: Explanation, step: Cell | undefined, out: ByteWriter): void {
    if (this.options.brief === true) return;
    const lead = this.layout.step || step === undefined ? "" : `${step.text}: `;
    this.explanation(explanation, lead, out);
  }

  /** A TIME_WAIT timer ran out between segments. */
  timerLine(connection: Connection, text: Message): string {
    const label = `${this.words.stream} ${connection.stream}`;
    return this.fit(`${label}: ${this.say(text)}`, this.options.brief === true ? "" : INDENT);
  }

  /** Told states that later evidence changed, under the segment that proves it. */
  revisionLines(messages: readonly Message[]): string {
    let text = "";
    for (const m of messages)
      text += this.fit(this.style.paint(PALETTE.revision, this.say(m)), this.options.brief === true ? "" : INDENT);
    return text;
  }

  totals(totals: CaptureTotals): string {
    const legend = this.marked ? this.fit(this.words.unconfirmedLegend) : "";
    return `\n${legend}${this.fit(this.words.totals(totals))}`;
  }

  /** A capture-level finding's paragraph (its text is built from the capture's addresses, so made safe). */
  findingLine(kind: string, text: string): string {
    return this.fit(`${this.style.paint(PALETTE.revision, `${this.words.finding} (${kind}):`)} ${terminalSafe(text)}`);
  }

  /**
   * The first part of the segment's line, up to its states, with the space (or, split, the line
   * break and indent) before them: read from the segment's header and its place in its
   * connection alone, final once it is tracked. The columns it widens widen the lines after it.
   */
  segmentStart(tracked: TrackedSegment, out: ByteWriter): void {
    const segment = tracked.segment;
    const absolute = this.options.absolute;
    const layout = this.layout;
    if (layout.frame > 0) {
      const digits = digitCount(segment.frame);
      out.spaces(this.widen("frame", 1 + digits) - 1 - digits);
      out.byte(HASH);
      out.digits(segment.frame);
      out.byte(SPACE);
    }
    if (layout.time > 0) {
      this.timeCell(segment, tracked.sinceStart, out);
      out.byte(SPACE);
    }
    out.bytes(this.directionCells[tracked.from]);
    out.byte(SPACE);
    out.bytes(this.flags(segment.flags));
    out.byte(SPACE);
    this.numberCell("seq", absolute ? segment.seq : tracked.seq, out);
    out.byte(SPACE);
    if (segment.flags & TcpFlag.ACK) this.numberCell("ack", absolute ? segment.ack : (tracked.ack ?? 0), out);
    else {
      out.spaces(this.widen("ack", 1) - 1);
      out.byte(DASH);
    }
    out.byte(SPACE);
    this.numberCell("length", segment.payloadLength, out);
    if (layout.split) {
      out.byte(NEWLINE);
      out.bytes(INDENT_BYTES);
    } else out.byte(SPACE);
  }

  /**
   * The rest of the line, without its line break: the states, which the segment's settling
   * decides, and the step. It ends without spaces (when nothing follows, the server's state ends
   * it unpadded).
   */
  private lineEnd(tracked: TrackedSegment, step: Cell | undefined, out: ByteWriter): void {
    out.bytes(this.state(tracked, "client").padded);
    out.byte(SPACE);
    const server = this.state(tracked, "server");
    if (step === undefined) out.bytes(server.name);
    else {
      out.bytes(server.padded);
      out.byte(SPACE);
      out.bytes(step.bytes);
    }
  }

  /** The time padded to its column; seconds written digit by digit when sixPlaceMicros can say them. */
  private timeCell(time: Timestamp, sinceStart: number, out: ByteWriter): void {
    const seconds = this.time.seconds(time, sinceStart);
    const micros = seconds === undefined ? -1 : sixPlaceMicros(seconds);
    if (micros < 0) {
      const text = seconds === undefined ? this.time.cell(time, sinceStart) : seconds.toFixed(6);
      out.spaces(this.widen("time", text.length) - text.length);
      out.text(text);
      return;
    }
    const whole = Math.floor(micros / MICROS_PER_SECOND);
    const digits = digitCount(whole);
    // The whole seconds, the point and six places.
    out.spaces(this.widen("time", digits + 7) - digits - 7);
    out.digits(whole);
    out.byte(POINT);
    out.paddedDigits(micros - whole * MICROS_PER_SECOND, 6);
  }

  /** A number padded to its column, which it widens if it is longer. */
  private numberCell(column: "seq" | "ack" | "length", value: number, out: ByteWriter): void {
    const digits = digitCount(value);
    out.spaces(this.widen(column, digits) - digits);
    out.digits(value);
  }

  /** The column's width, widened first to `width` if that is more. */
  private widen(column: "frame" | "time" | "seq" | "ack" | "length" | "flags", width: number): number {
    if (width > this.layout[column]) {
      this.layout[column] = width;
      this.heads = undefined;
      // The flag cells kept were padded to the old width.
      if (column === "flags") this.flagCells.length = 0;
    }
    return this.layout[column];
  }

  /** The step's label, painted, as text and as bytes: the same few labels recur. */
  private stepCell(step: Step): Cell {
    const key = (step.phase === "handshake" ? 0 : STEP_KEYS) + step.n * STEP_KEYS_PER_N + step.of;
    let cell = this.stepCells.get(key);
    if (cell === undefined) {
      const text = this.style.paint(PALETTE.step, stepLabel(step, this.words));
      cell = { text, bytes: encodeText(text) };
      this.stepCells.set(key, cell);
    }
    return cell;
  }

  /** Each line a paragraph under the segment's line; without a width, written straight in after its indent. */
  private explanation(explanation: Explanation, lead: string, out: ByteWriter): void {
    if (this.columns !== undefined) {
      const messages = explanation.messages;
      for (let i = 0; i < messages.length; i++)
        out.text(this.fit((i === 0 ? lead : "") + this.say(messages[i]!), INDENT));
      return;
    }
    const sink = this.sink;
    sink.out = out;
    sink.lead = lead;
    sink.lines.explanation(explanation);
  }

  /** A paragraph laid out for the terminal (or, without a width, one line). */
  private fit(text: string, indent = ""): string {
    return fitParagraph(text, this.columns, indent);
  }

  /**
   * A message in the reader's language. Its string values may come from the capture, so they are
   * made safe; the rest of the text is the catalog's and numbers, safe already (a test holds the
   * catalogs to it), so the whole line is not scanned.
   */
  private say(text: Message): string {
    return formatMessage(text, this.options.language, terminalSafe);
  }

  private flags(flags: number): Uint8Array {
    return (this.flagCells[flags] ??= this.flagCell(flags));
  }

  private flagCell(flags: number): Uint8Array {
    const letters = `[${tcpdumpFlags(flags)}]`;
    const text = padAscii(letters, this.widen("flags", letters.length), "right");
    if (flags & TcpFlag.RST) return encodeText(this.style.paint(PALETTE.rst, text));
    if (flags & TcpFlag.SYN) return encodeText(this.style.paint(PALETTE.syn, text));
    if (flags & TcpFlag.FIN) return encodeText(this.style.paint(PALETTE.fin, text));
    return encodeText(text);
  }

  /**
   * An endpoint's state after the segment, padded and alone (the end of a line), painted when the
   * segment changed it, and marked ? when the endpoint's own segments do not confirm it
   * (docs/tracking-model.md).
   */
  private state(tracked: TrackedSegment, role: Role): StateCell {
    const state = tracked.states[role];
    const confirmed = tracked.confidence[role] === "confirmed";
    if (!confirmed) this.marked = true;
    const changed = changedBy(tracked, role);
    const cells = this.stateCells[(confirmed ? 0 : 1) + (changed ? 2 : 0)]!;
    let cell = cells.get(state);
    if (cell === undefined) {
      const text = confirmed ? state : `${state}${UNCONFIRMED_MARK}`;
      const padded = padDisplay(text, this.layout.state, "right");
      cell = changed
        ? {
            padded: encodeText(this.style.paint(PALETTE.state, padded)),
            name: encodeText(this.style.paint(PALETTE.state, text)),
          }
        : { padded: encodeText(padded), name: encodeText(text) };
      cells.set(state, cell);
    }
    return cell;
  }

  /** The column heads under each connection's title, at the columns' widths so far. */
  private columnHeads(): string {
    const words = this.words;
    const layout = this.layout;
    const heads: string[] = [];
    if (layout.frame > 0) heads.push(padDisplay(words.frame, layout.frame, "left"));
    if (layout.time > 0) heads.push(padDisplay(words.time, layout.time, "left"));
    heads.push(
      padDisplay(words.dir, layout.direction, "right"),
      padDisplay(words.flags, layout.flags, "right"),
      padDisplay("seq", layout.seq, "left"),
      padDisplay("ack", layout.ack, "left"),
      padDisplay(words.length, layout.length, "left"),
    );
    const states = [padDisplay(words.client, layout.state, "right"), padDisplay(words.server, layout.state, "right")];
    if (layout.step) states.push(words.step);
    return layout.split
      ? `${heads.join(" ")}\n${INDENT}${states.join(" ").trimEnd()}`
      : [...heads, ...states].join(" ").trimEnd();
  }
}

function changedBy(tracked: TrackedSegment, role: Role): boolean {
  const codes = changeCodesOf(tracked);
  for (let i = 0; i < changeCount(codes); i++) if (endpointOfCode(changeCodeAt(codes, i)) === role) return true;
  return false;
}
