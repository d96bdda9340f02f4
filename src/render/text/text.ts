import { tcpdumpFlags } from "../../decode/flag-names.js";
import { TcpFlag } from "../../decode/segment.js";
import { CATALOGS, type CaptureTotals, type Language, type TextWords } from "../../explain/catalog/index.js";
import type { Explanation } from "../../explain/explainer.js";
import { formatMessage } from "../../explain/format.js";
import type { Message } from "../../explain/message.js";
import type { Connection } from "../../track/connection.js";
import type { Role } from "../../track/states.js";
import type { TrackedSegment } from "../../track/tracked-segment.js";
import { fitParagraph, visibleWidth } from "../shared/fit.js";
import { PALETTE } from "../shared/palette.js";
import { stepLabel } from "../shared/step-label.js";
import { INDENT_COLUMNS, segmentColumns, type SegmentColumns } from "./segment-row.js";
import { Style } from "../shared/style.js";
import { terminalSafe } from "../shared/terminal-safe.js";
import { UNCONFIRMED_MARK } from "../shared/unconfirmed-mark.js";
import { DEFAULT_TIME_FORMAT, TimeColumn, type TimeFormat } from "./time-column.js";
import { padAscii, padDisplay } from "../shared/width.js";

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

/** The plain-text timeline: one line per segment, its explanation beneath, states of both ends. */
export class TextRenderer {
  private readonly style: Style;
  private readonly words: TextWords;
  /** Widths only grow (a longer cell widens its column from its line on). */
  private readonly layout: SegmentColumns;
  private readonly time: TimeColumn;
  private readonly columns: number | undefined;
  /** Cells that repeat on every line, padded (and painted) once: by flag bits, and by state. */
  private readonly flagCells: string[] = [];
  private readonly stateCells = new Map<string, string>();
  /** A state not confirmed by its endpoint's own segments was shown (marked ?): the closing lines say what the mark means. */
  private marked = false;
  private readonly directionCells: Record<Role, string>;

  constructor(private readonly options: TextOptions) {
    this.style = new Style(options.color);
    this.words = CATALOGS[options.language].words.text;
    this.columns = options.columns;
    this.time = new TimeColumn(options.time ?? DEFAULT_TIME_FORMAT);
    this.layout = segmentColumns({
      language: options.language,
      time: this.time.format,
      columns: options.columns,
      brief: options.brief === true,
    });
    const direction = this.layout.direction;
    this.directionCells = {
      client: padDisplay(this.words.towardServer, direction, "right"),
      server: padDisplay(this.words.towardClient, direction, "right"),
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

  connectionHeader(connection: Connection): string {
    const { client, server } = connection;
    const title = `${this.words.stream} ${connection.stream}: ${this.words.client} ${terminalSafe(client.label)} ⇄ ${this.words.server} ${terminalSafe(server.label)}`;
    return `\n${this.fit(this.style.paint(PALETTE.heading, title))}${this.style.paint(PALETTE.heading, this.columnHeads())}\n`;
  }

  /** Output switches back to a connection already introduced. */
  streamMarker(connection: Connection): string {
    return this.style.paint(PALETTE.heading, `— ${this.words.stream} ${connection.stream} —`) + "\n";
  }

  segment(tracked: TrackedSegment, explanation: Explanation): string {
    const step =
      explanation.step === null ? "" : this.style.paint(PALETTE.step, stepLabel(explanation.step, this.words));
    const line = this.line(tracked, this.layout.step ? step : "");
    const row =
      this.columns !== undefined && !this.layout.split && visibleWidth(line) > this.columns
        ? this.fit(line)
        : `${line}\n`;
    if (this.options.brief === true) return row;
    return row + this.explanation(explanation.messages, this.layout.step || step === "" ? "" : `${step}: `);
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

  /** The segment's line; it ends without spaces (when nothing follows, the server's state ends it unpadded). */
  private line(tracked: TrackedSegment, step: string): string {
    const segment = tracked.segment;
    const absolute = this.options.absolute;
    const layout = this.layout;
    const seq = absolute ? segment.seq : tracked.seq;
    const ack = segment.flags & TcpFlag.ACK ? String(absolute ? segment.ack : tracked.ack) : "-";
    let line = "";
    if (layout.frame > 0) line += `${this.cell("frame", `#${segment.frame}`, "left")} `;
    if (layout.time > 0) line += `${this.cell("time", this.time.cell(segment, tracked.sinceStart), "left")} `;
    line +=
      `${this.directionCells[tracked.from]} ${this.flags(segment.flags)} ${this.cell("seq", String(seq), "left")} ` +
      `${this.cell("ack", ack, "left")} ${this.cell("length", String(segment.payloadLength), "left")}${layout.split ? `\n${INDENT}` : " "}${this.state(tracked, "client")} `;
    return step === "" ? line + this.stateName(tracked, "server") : `${line}${this.state(tracked, "server")} ${step}`;
  }

  /** An ASCII cell padded to its column, which it widens if it is longer. */
  private cell(
    column: "frame" | "time" | "seq" | "ack" | "length" | "flags",
    text: string,
    side: "left" | "right",
  ): string {
    if (text.length > this.layout[column]) {
      this.layout[column] = text.length;
      // The flag cells kept were padded to the old width.
      if (column === "flags") this.flagCells.length = 0;
    }
    return padAscii(text, this.layout[column], side);
  }

  private explanation(messages: readonly Message[], lead: string): string {
    let text = "";
    for (let i = 0; i < messages.length; i++) text += this.fit((i === 0 ? lead : "") + this.say(messages[i]!), INDENT);
    return text;
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

  private flags(flags: number): string {
    return (this.flagCells[flags] ??= this.flagCell(flags));
  }

  private flagCell(flags: number): string {
    const text = this.cell("flags", `[${tcpdumpFlags(flags)}]`, "right");
    if (flags & TcpFlag.RST) return this.style.paint(PALETTE.rst, text);
    if (flags & TcpFlag.SYN) return this.style.paint(PALETTE.syn, text);
    if (flags & TcpFlag.FIN) return this.style.paint(PALETTE.fin, text);
    return text;
  }

  /** An endpoint's state after the segment, padded, and marked when the segment changed it. */
  private state(tracked: TrackedSegment, role: Role): string {
    const state = this.stateText(tracked, role);
    let text = this.stateCells.get(state);
    if (text === undefined) this.stateCells.set(state, (text = padDisplay(state, this.layout.state, "right")));
    return changedBy(tracked, role) ? this.style.paint(PALETTE.state, text) : text;
  }

  /** The state alone, unpadded: the end of a line. */
  private stateName(tracked: TrackedSegment, role: Role): string {
    const state = this.stateText(tracked, role);
    return changedBy(tracked, role) ? this.style.paint(PALETTE.state, state) : state;
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

  /** The state's name, marked ? when the endpoint's own segments do not confirm it (docs/tracking-model.md). */
  private stateText(tracked: TrackedSegment, role: Role): string {
    const state = tracked.states[role];
    if (tracked.confidence[role] === "confirmed") return state;
    this.marked = true;
    return `${state}${UNCONFIRMED_MARK}`;
  }
}

function changedBy(tracked: TrackedSegment, role: Role): boolean {
  for (const change of tracked.changes) if (change.endpoint === role) return true;
  return false;
}
