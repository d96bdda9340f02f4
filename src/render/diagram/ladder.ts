import { CATALOGS, type DiagramWords, type Language, type TextWords } from "../../explain/catalog/index.js";
import { TCP_STATES, type Role } from "../../track/states.js";
import { PALETTE } from "../shared/palette.js";
import { Style } from "../shared/style.js";
import { UNCONFIRMED_MARK } from "../shared/unconfirmed-mark.js";
import { terminalSafe } from "../shared/terminal-safe.js";
import { displayWidth, padDisplay, widestOf } from "../shared/width.js";
import { foldFigures } from "./fold.js";
import type { FoldRow, Ladder, LadderRow, SegmentRow, TimerRow } from "./ladder-model.js";
import { gapLabel } from "../shared/quantities.js";
import { arrowKindOf, findingParts, segmentLabelParts, statesReached, type ArrowKind } from "./segment-label.js";
import { partsOnLine, wrapParts } from "./wrap.js";

export interface LadderOptions {
  language: Language;
  color: boolean;
  /** Terminal columns the diagram may use (it needs about 60 at least, and takes no more than this). */
  width: number;
}

/** Each side's states are written in a column as wide as the longest state name. */
const STATE_COLUMNS = widestOf(TCP_STATES) + UNCONFIRMED_MARK.length;
/** What surrounds the space between the lifelines: "STATE |" on the left and "| STATE" on the right. */
const SIDE_COLUMNS = 2 * (STATE_COLUMNS + 2);
/** The narrowest space between the lifelines in which an arrow and its label still fit. */
const MIN_ARROW_COLUMNS = 24;
/** Around a label on its arrow: "-- " before, " -\" (at least) after, and room for the arrowhead's row. */
const LABEL_MARGIN = 8;

type Format = Parameters<Style["paint"]>[0];
/** A piece of a line and how it is painted. */
type Piece = readonly [text: string, format?: Format | undefined];

const ARROW_FORMATS: Record<ArrowKind, Format | undefined> = {
  rst: PALETTE.rst,
  syn: PALETTE.syn,
  fin: PALETTE.fin,
  plain: undefined,
};
const FINDING_FORMAT: Format = PALETTE.finding;
const STATE_FORMAT: Format = PALETTE.state;

/** One arrow being drawn: who sends, its label's first line, its colour, and the lines that go under it. */
interface ArrowDrawing {
  from: Role;
  label: string;
  arrow: Format | undefined;
  besideHead: Piece | undefined;
  extras: Piece[];
}

interface LineParts {
  margin?: string;
  left?: string;
  right?: string;
  lifeline?: "|" | ":";
  area: Piece[];
}

/**
 * A connection as a ladder diagram for the terminal: the client's lifeline on the left, the
 * server's on the right, one arrow per segment slanting down from its sender to its receiver
 * across two rows, the label on the upper row, findings beneath; each side's new state beside its
 * lifeline on the row where it changes (the sender's where the arrow leaves, the receiver's where
 * it arrives); frame numbers and the time since the previous row in the margin.
 */
export function renderLadder(ladder: Ladder, options: LadderOptions): string {
  return new TerminalLadder(ladder, options).render();
}

class TerminalLadder {
  private readonly style: Style;
  private readonly words: TextWords;
  private readonly diagramWords: DiagramWords;
  private readonly marginColumns: number;
  private readonly arrowColumns: number;
  /** Column (within the arrow space, from the sender's side) where every arrow turns down. */
  private readonly slant: number;

  constructor(
    private readonly ladder: Ladder,
    options: LadderOptions,
  ) {
    this.style = new Style(options.color);
    this.words = CATALOGS[options.language].words.text;
    this.diagramWords = CATALOGS[options.language].words.diagram;
    this.marginColumns = widestOf(ladder.rows.flatMap(marginTexts)) + 1;
    this.arrowColumns = Math.max(MIN_ARROW_COLUMNS, options.width - this.marginColumns - SIDE_COLUMNS);
    const labels = ladder.rows.flatMap((row) => (row.kind === "segment" ? [this.label(row).first] : []));
    const half = Math.floor(this.arrowColumns / 2);
    this.slant = Math.min(this.arrowColumns - 3, Math.max(half, widestOf(labels) + 5));
  }

  render(): string {
    const initial = this.ladder.initialStates;
    const lines = [
      ...this.header(),
      this.line({ left: initial.client, right: initial.server, area: [[" ".repeat(this.arrowColumns)]] }),
    ];
    for (const row of this.ladder.rows) for (const line of this.row(row)) lines.push(line);
    return lines.join("\n") + "\n";
  }

  private row(row: LadderRow): string[] {
    switch (row.kind) {
      case "segment":
        return this.segment(row);
      case "timer":
        return [this.timer(row)];
      case "fold":
        return this.fold(row);
    }
  }

  /** The stream, then each role and its address centred over its lifeline. */
  private header(): string[] {
    const left = this.marginColumns + STATE_COLUMNS + 1;
    const right = left + this.arrowColumns + 1;
    const client = terminalSafe(this.ladder.labels.client);
    const server = terminalSafe(this.ladder.labels.server);
    const title = this.style.paint(PALETTE.heading, `${this.words.stream} ${this.ladder.stream}`);
    const roles = centredOn([
      [this.words.client, left],
      [this.words.server, right],
    ]);
    const sideBySide = centredOn([
      [client, left],
      [server, right],
    ]);
    // Long IPv6 labels collide: then each gets its own line.
    const labels =
      sideBySide === undefined
        ? [centredOn([[client, left]]) ?? client, centredOn([[server, right]]) ?? server]
        : [sideBySide];
    return [title, roles ?? `${this.words.client} ${this.words.server}`, ...labels];
  }

  private segment(row: SegmentRow): string[] {
    const { event } = row;
    const from = event.tracked.from;
    const { first, rest } = this.label(row);
    const arrow = ARROW_FORMATS[arrowKindOf(event)];
    const extras = this.extras(rest, findingParts(event), arrow);
    // The first extra line goes under the label, beside the arrowhead, when it fits there.
    const besideHead =
      extras[0] !== undefined && displayWidth(extras[0][0]) <= this.slant - 2 ? extras.shift() : undefined;
    const drawing: ArrowDrawing = { from, label: first, arrow, besideHead, extras };
    // The sender's new states are written from where the arrow leaves, the receiver's from where it arrives.
    const states = (role: Role) => ({ first: role === from ? 0 : 1, reached: statesReached(event, role) });
    const client = states("client");
    const server = states("server");
    const count = Math.max(
      2 + extras.length,
      client.first + client.reached.length,
      server.first + server.reached.length,
    );
    const margins = [`#${event.tracked.segment.frame}`, gapLabel(row.gap)];
    return Array.from({ length: count }, (_, i) =>
      this.line({
        margin: margins[i] ?? "",
        left: client.reached[i - client.first] ?? "",
        right: server.reached[i - server.first] ?? "",
        area: this.segmentArea(i, drawing),
      }),
    );
  }

  /** What is written under an arrow: the end of a label too long for it, then the findings. */
  private extras(labelRest: readonly string[], findings: readonly string[], arrow: Format | undefined): Piece[] {
    const columns = this.arrowColumns - 2;
    return [
      ...wrapParts(labelRest, columns).map((text): Piece => [text, arrow]),
      ...wrapParts(findings, columns).map((text): Piece => [text, FINDING_FORMAT]),
    ];
  }

  /** Line i of a segment: the arrow's two rows, then what did not fit on them. */
  private segmentArea(i: number, drawing: ArrowDrawing): Piece[] {
    const { from, label, arrow, besideHead } = drawing;
    if (i === 0) return this.arrowTop(from, label, arrow);
    if (i === 1) return this.arrowHead(from, besideHead, arrow);
    const extra = drawing.extras[i - 2];
    return extra === undefined
      ? [[" ".repeat(this.arrowColumns)]]
      : this.besideSender(from, extra, this.arrowColumns - 1);
  }

  /** The label's first line (on the arrow) and the parts that did not fit there. */
  private label(row: SegmentRow): { first: string; rest: string[] } {
    const parts = segmentLabelParts(row.event, this.words);
    const count = partsOnLine(parts, this.arrowColumns - LABEL_MARGIN);
    return { first: parts.slice(0, count).join(" "), rest: parts.slice(count) };
  }

  /** The upper row: the arrow leaves the sender's lifeline with its label and turns down at the slant. */
  private arrowTop(from: Role, label: string, format: Format | undefined): Piece[] {
    const run = "-".repeat(this.slant - 4 - displayWidth(label));
    const rest = " ".repeat(this.arrowColumns - this.slant - 1);
    return from === "client" ? [[`-- ${label} ${run}\\`, format], [rest]] : [[rest], [`/${run} ${label} --`, format]];
  }

  /** The lower row: the arrow reaches the receiver's lifeline; under the label, room for a finding. */
  private arrowHead(from: Role, beside: Piece | undefined, format: Format | undefined): Piece[] {
    const run = "-".repeat(this.arrowColumns - this.slant - 2);
    const [text, textFormat] = beside ?? [""];
    return from === "client"
      ? [[" "], [padDisplay(text, this.slant, "right"), textFormat], [`${run}>`, format]]
      : [[`<${run}`, format], [padDisplay(text, this.slant, "left"), textFormat], [" "]];
  }

  /** A line of text on the sender's side of the arrow space. */
  private besideSender(from: Role, [text, format]: Piece, columns: number): Piece[] {
    return from === "client"
      ? [[" "], [padDisplay(text, columns, "right"), format]]
      : [[padDisplay(text, columns, "left"), format], [" "]];
  }

  private timer(row: TimerRow): string {
    const { change } = row.event.expiry;
    const side = change.endpoint === "client" ? { left: change.to } : { right: change.to };
    const text: Piece = [this.diagramWords.timeWaitOver];
    return this.line({
      margin: gapLabel(row.gap),
      ...side,
      area: this.besideSender(change.endpoint, text, this.arrowColumns - 1),
    });
  }

  /** Folded segments: their count and bytes, between dotted lifelines. */
  private fold(row: FoldRow): string[] {
    const columns = this.arrowColumns - 4;
    return wrapParts(this.diagramWords.fold(foldFigures(row)), columns).map((text) => {
      const before = Math.floor((this.arrowColumns - displayWidth(text)) / 2);
      return this.line({
        lifeline: ":",
        area: [[" ".repeat(before)], [padDisplay(text, this.arrowColumns - before, "right")]],
      });
    });
  }

  private line(parts: LineParts): string {
    const margin = padDisplay(parts.margin ?? "", this.marginColumns, "right");
    const left = this.paint(STATE_FORMAT, padDisplay(parts.left ?? "", STATE_COLUMNS, "left"));
    const lifeline = parts.lifeline ?? "|";
    const area = parts.area.map(([text, format]) => (format === undefined ? text : this.paint(format, text))).join("");
    const right = parts.right ? ` ${this.style.paint(STATE_FORMAT, parts.right)}` : "";
    return `${margin}${left} ${lifeline}${area}${lifeline}${right}`;
  }

  /** Paint only what shows: padding stays plain, so lines carry no needless escape codes. */
  private paint(format: Format, text: string): string {
    const visible = text.trim();
    if (visible === "") return text;
    const start = text.indexOf(visible);
    return text.slice(0, start) + this.style.paint(format, visible) + text.slice(start + visible.length);
  }
}

/** What a row writes in the margin: the frame number and the time since the previous row. */
function marginTexts(row: LadderRow): string[] {
  const gap = row.kind === "fold" ? "" : gapLabel(row.gap);
  return row.kind === "segment" ? [`#${row.event.tracked.segment.frame}`, gap] : [gap];
}

/** Texts centred on columns, left to right, two spaces apart at least; undefined if one would have to move off its column's side. */
function centredOn(items: ReadonlyArray<readonly [text: string, column: number]>): string | undefined {
  let line = "";
  for (const [text, column] of items) {
    const start = Math.max(0, column - Math.floor(displayWidth(text) / 2));
    const used = displayWidth(line);
    const gap = line === "" ? start : start - used;
    if (line !== "" && gap < 2) return undefined;
    line += " ".repeat(gap) + text;
  }
  return line;
}
