import { tcpdumpFlags } from "../decode/flag-names.js";
import { TcpFlag } from "../decode/segment.js";
import type { Language } from "../explain/catalog/index.js";
import type { Explanation } from "../explain/explainer.js";
import { formatMessage } from "../explain/format.js";
import type { Message } from "../explain/message.js";
import type { Connection } from "../track/connection.js";
import type { Role } from "../track/states.js";
import type { TrackedSegment } from "../track/tracker.js";
import { Style } from "./style.js";
import { terminalSafe } from "./terminal-safe.js";
import { stepLabel, TEXT_WORDS, type CaptureTotals, type TextWords } from "./text-words.js";
import { padAscii, padDisplay } from "./width.js";

export interface TextOptions {
  language: Language;
  color: boolean;
  /** Print raw sequence and acknowledgment numbers instead of Wireshark's relative ones. */
  absolute: boolean;
}

/** The facts the capture header line names. */
export interface CaptureHeader {
  file: string;
  format: string;
  linkTypes: string[];
}

const COLUMNS = { frame: 7, time: 11, direction: 15, flags: 7, number: 16, length: 7, state: 13 } as const;

/** The plain-text timeline: one line per segment, its explanation beneath, states of both ends. */
export class TextRenderer {
  private readonly style: Style;
  private readonly words: TextWords;
  /** Cells that repeat on every line, padded (and painted) once: by flag bits, and by state. */
  private readonly flagCells: string[] = [];
  private readonly stateCells = new Map<string, string>();
  /** A state not confirmed by its endpoint's own segments was shown (marked ?): the closing lines say what the mark means. */
  private marked = false;
  private readonly directionCells: Record<Role, string>;
  /** The column heads under each connection's title: the same for every connection. */
  private readonly columnHeads: string;

  constructor(private readonly options: TextOptions) {
    this.style = new Style(options.color);
    this.words = TEXT_WORDS[options.language];
    this.directionCells = { client: pad(this.words.clientToServer, COLUMNS.direction), server: pad(this.words.serverToClient, COLUMNS.direction) };
    this.columnHeads = this.style.paint("dim", columnHeads(this.words));
  }

  captureHeader(header: CaptureHeader): string {
    const links = header.linkTypes.length > 0 ? header.linkTypes.join(", ") : "?";
    return this.style.paint("bold", `${terminalSafe(header.file)}: ${header.format}; ${this.words.linkType} ${links}`) + "\n";
  }

  connectionHeader(connection: Connection): string {
    const { client, server } = connection;
    const title = `${this.words.stream} ${connection.stream}: ${this.words.client} ${terminalSafe(client.label)} ⇄ ${this.words.server} ${terminalSafe(server.label)}`;
    return `\n${this.style.paint("bold", title)}\n${this.columnHeads}\n`;
  }

  /** Output switches back to a connection already introduced. */
  streamMarker(connection: Connection): string {
    return this.style.paint("bold", `— ${this.words.stream} ${connection.stream} —`) + "\n";
  }

  segment(tracked: TrackedSegment, explanation: Explanation): string {
    const segment = tracked.segment;
    const absolute = this.options.absolute;
    const seq = absolute ? segment.seq : tracked.seq;
    const ack = segment.flags & TcpFlag.ACK ? (absolute ? segment.ack : tracked.ack) : null;
    const step = this.style.paint("bold", explanation.step === null ? "" : stepLabel(explanation.step, this.words));
    // A line ends without spaces: when nothing (not even colour codes) follows, the server's state ends it unpadded.
    const end = step === "" ? this.stateText(tracked, "server") : `${this.state(tracked, "server")} ${step}`;
    const line =
      `${padAscii(`#${segment.frame}`, COLUMNS.frame, "left")} ${padAscii(tracked.sinceStart.toFixed(6), COLUMNS.time, "left")} ` +
      `${this.directionCells[tracked.from]} ${this.flags(segment.flags)} ${padAscii(`seq ${seq}`, COLUMNS.number, "right")} ` +
      `${padAscii(`ack ${ack ?? "-"}`, COLUMNS.number, "right")} ${padAscii(`len ${segment.payloadLength}`, COLUMNS.length, "right")} ` +
      `${this.state(tracked, "client")} ${end}`;
    return `${line}\n${this.explanation(explanation.messages)}`;
  }

  /** A TIME_WAIT timer ran out between segments. */
  timerLine(connection: Connection, text: Message): string {
    const label = `${this.words.stream} ${connection.stream}`;
    return this.style.paint("dim", `${INDENT}${label}: ${this.say(text)}`) + "\n";
  }

  /** Told states that later evidence changed, under the segment that proves it. */
  revisionLines(messages: readonly Message[]): string {
    let text = "";
    for (const m of messages) text += `${INDENT}${this.style.paint("yellow", this.say(m))}\n`;
    return text;
  }

  totals(totals: CaptureTotals): string {
    const legend = this.marked ? `${this.words.unconfirmedLegend}\n` : "";
    return `\n${legend}${this.words.totals(totals)}\n`;
  }

  private explanation(messages: readonly Message[]): string {
    let text = "";
    for (const m of messages) text += `${INDENT}${this.style.paint("dim", this.say(m))}\n`;
    return text;
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
    const text = pad(`[${tcpdumpFlags(flags)}]`, COLUMNS.flags);
    if (flags & TcpFlag.RST) return this.style.paint("red", text);
    if (flags & TcpFlag.SYN) return this.style.paint("green", text);
    if (flags & TcpFlag.FIN) return this.style.paint("yellow", text);
    return text;
  }

  /** An endpoint's state after the segment, padded, and painted when the segment changed it. */
  private state(tracked: TrackedSegment, role: Role): string {
    const state = this.stateText(tracked, role);
    let text = this.stateCells.get(state);
    if (text === undefined) this.stateCells.set(state, (text = pad(state, COLUMNS.state)));
    return changedBy(tracked, role) ? this.style.paint("cyan", text) : text;
  }

  /** The state's name, marked ? when the endpoint's own segments do not confirm it (docs/tracking-model.md). */
  private stateText(tracked: TrackedSegment, role: Role): string {
    const state = tracked.states[role];
    if (tracked.confidence[role] === "confirmed") return state;
    this.marked = true;
    return `${state}${UNCONFIRMED_MARK}`;
  }
}

/** After a state the endpoint's own segments do not confirm (inferred, or unknown). */
export const UNCONFIRMED_MARK = "?";

/** Explanations sit under the line, past the frame column. */
const INDENT = " ".repeat(COLUMNS.frame + 1);

function changedBy(tracked: TrackedSegment, role: Role): boolean {
  for (const change of tracked.changes) if (change.endpoint === role) return true;
  return false;
}

function columnHeads(words: TextWords): string {
  const heads = [
    pad(words.frame, COLUMNS.frame, "left"),
    pad(words.time, COLUMNS.time, "left"),
    pad(words.direction, COLUMNS.direction),
    pad(words.flags, COLUMNS.flags),
    pad("seq", COLUMNS.number),
    pad("ack", COLUMNS.number),
    pad(words.length, COLUMNS.length),
    pad(words.client, COLUMNS.state),
    pad(words.server, COLUMNS.state),
    words.step,
  ];
  return heads.join(" ").trimEnd();
}

/** Pad to a column width; "left" pads on the left (right-aligned numbers). */
function pad(text: string, width: number, side: "left" | "right" = "right"): string {
  return padDisplay(text, width, side);
}
