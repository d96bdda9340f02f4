import type { AnnotatedSegment } from "../../annotate/events.js";
import { CATALOGS, type DiagramWords, type Language, type TextWords } from "../../explain/catalog/index.js";
import { formatMessage } from "../../explain/format.js";
import { peerOf, type Role } from "../../track/states.js";
import { html, type Markup } from "./escape-html.js";
import { displayWidth, widestOf } from "../shared/width.js";
import { foldFigures } from "../diagram/fold.js";
import type { FoldRow, Ladder, LadderRow, SegmentRow, TimerRow } from "../diagram/ladder-model.js";
import { gapLabel } from "../shared/quantities.js";
import { arrowKindOf, findingParts, segmentLabelParts, statesReached } from "../diagram/segment-label.js";
import { wrapParts } from "../diagram/wrap.js";

/** Sizes in SVG user units (pixels at 100%); text is 12px monospace, about 7.2 units per column. */
const SIZE = {
  column: 7.2,
  margin: 64,
  stateColumn: 88,
  minArrowSpan: 400,
  top: 8,
  headerHeight: 40,
  initialStates: 22,
  /** How far an arrow falls from sender to receiver: the slant that shows time passing. */
  drop: 18,
  segmentRow: 46,
  stateLine: 14,
  findingLine: 14,
  foldLine: 16,
  timerRow: 26,
  bottom: 16,
  arrowhead: 9,
} as const;

/** The id of the details block the report shows when a segment's arrow is clicked. */
export function segmentDetailId(stream: number, frame: number): string {
  return `s${stream}-f${frame}`;
}

/**
 * A connection's ladder diagram as inline SVG, drawn from the same model as the terminal ladder:
 * lifelines with each side's states beside them, one slanted arrow per segment (a `.seg` group
 * with its explanation as the SVG <title>, shown on hover, and the id of its details block),
 * findings in red under their arrow, folded segments as a band between broken lifelines.
 */
export function ladderSvg(ladder: Ladder, language: Language): Markup {
  return new SvgLadder(ladder, language).render();
}

interface Geometry {
  x: Record<Role, number>;
  width: number;
}

class SvgLadder {
  private readonly words: TextWords;
  private readonly diagramWords: DiagramWords;
  private readonly geometry: Geometry;
  private y = SIZE.top + SIZE.headerHeight + SIZE.initialStates;

  constructor(
    private readonly ladder: Ladder,
    private readonly language: Language,
  ) {
    this.words = CATALOGS[language].words.text;
    this.diagramWords = CATALOGS[language].words.diagram;
    this.geometry = geometryOf(ladder, this.words);
  }

  render(): Markup {
    const rows = this.ladder.rows.map((row) => this.row(row));
    const height = round(this.y + SIZE.bottom);
    const { width, x } = this.geometry;
    const [top, end] = [SIZE.top + SIZE.headerHeight, height - SIZE.bottom / 2];
    const lifelines = (["client", "server"] as const).map(
      (role) => html`<line class="lifeline" x1="${x[role]}" y1="${top}" x2="${x[role]}" y2="${end}"/>`,
    );
    const title = `${this.words.stream} ${this.ladder.stream}`;
    const size = html`width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`;
    return html`<svg class="ladder" xmlns="http://www.w3.org/2000/svg" ${size} role="img" aria-label="${title}">
${lifelines}${this.header()}${this.initialStates()}${rows}</svg>`;
  }

  private row(row: LadderRow): Markup {
    switch (row.kind) {
      case "segment":
        return this.segment(row);
      case "timer":
        return this.timer(row);
      case "fold":
        return this.fold(row);
    }
  }

  /** A box over each lifeline: the role and its address. */
  private header(): Markup[] {
    return (["client", "server"] as const).map((role) => {
      const x = this.geometry.x[role];
      const width = boxWidth(this.words[role], this.ladder.labels[role]);
      const box = html`<rect x="${round(x - width / 2)}" y="${SIZE.top}" width="${round(width)}" height="${SIZE.headerHeight - 4}" rx="4"/>`;
      const roleText = html`<text x="${x}" y="${SIZE.top + 15}" class="role" text-anchor="middle">${this.words[role]}</text>`;
      const address = html`<text x="${x}" y="${SIZE.top + 30}" class="address" text-anchor="middle">${this.ladder.labels[role]}</text>`;
      return html`<g class="participant ${role}">${box}${roleText}${address}</g>
`;
    });
  }

  private initialStates(): Markup {
    const y = SIZE.top + SIZE.headerHeight + 14;
    const { client, server } = this.ladder.initialStates;
    return html`${this.state("client", client, y)}${this.state("server", server, y)}`;
  }

  private segment(row: SegmentRow): Markup {
    const { event, gap } = row;
    const { tracked } = event;
    const from = tracked.from;
    const top = this.y + 14;
    const line: Line = { x1: this.geometry.x[from], y1: top, x2: this.geometry.x[peerOf(from)], y2: top + SIZE.drop };
    const findings = findingParts(event).join(" ");
    this.y += SIZE.segmentRow + (findings === "" ? 0 : SIZE.findingLine);
    const classes = ["seg", arrowKindOf(event), ...(findings === "" ? [] : ["has-finding"])].join(" ");
    const label = segmentLabelParts(event, this.words).join(" ");
    const frame = tracked.segment.frame;
    const detail = segmentDetailId(this.ladder.stream, frame);
    return html`<g class="${classes}" data-detail="${detail}" tabindex="0" role="button" aria-label="#${frame} ${label}">
<title>${this.title(event)}</title>
${arrowShapes(line)}${arrowTexts(line, label, findings)}</g>
${this.margin(frame, gap, top)}${this.changedStates(event, line.y1, line.y2)}`;
  }

  /** The tooltip: what the segment is, then its explanation, one message a line. */
  private title(event: AnnotatedSegment): string {
    const { tracked, explanation } = event;
    const direction = tracked.from === "client" ? this.words.clientToServer : this.words.serverToClient;
    const heading = [
      `#${tracked.segment.frame}`,
      direction,
      ...segmentLabelParts(event, this.words),
      ...findingParts(event),
    ].join(" ");
    return [heading, ...explanation.messages.map((message) => formatMessage(message, this.language))].join("\n");
  }

  /** The sender's new states from where the arrow leaves, the receiver's from where it arrives, one under another. */
  private changedStates(event: AnnotatedSegment, top: number, bottom: number): Markup {
    const from = event.tracked.from;
    const states = [from, peerOf(from)].flatMap((role) =>
      statesReached(event, role).map((state, i) =>
        this.state(role, state, (role === from ? top : bottom) + i * SIZE.stateLine),
      ),
    );
    return html`${states}`;
  }

  private timer(row: TimerRow): Markup {
    const { change } = row.event.expiry;
    const y = this.y + 14;
    this.y += SIZE.timerRow;
    const x = this.geometry.x[change.endpoint] + (change.endpoint === "client" ? 8 : -8);
    const anchor = change.endpoint === "client" ? "start" : "end";
    const gap = html`<text class="gap" x="4" y="${round(y + 4)}">${gapLabel(row.gap)}</text>`;
    return html`<g class="timer"><text class="timer-label" x="${x}" y="${y + 4}" text-anchor="${anchor}">${this.diagramWords.timeWaitOver}</text></g>
${gap}${this.state(change.endpoint, change.to, y)}`;
  }

  /** Folded segments: a band across both lifelines with their count and bytes. */
  private fold(row: FoldRow): Markup {
    const { x } = this.geometry;
    const columns = Math.floor((x.server - x.client - 40) / SIZE.column);
    const lines = wrapParts(this.diagramWords.fold(foldFigures(row)), columns);
    const top = this.y + 8;
    const height = lines.length * SIZE.foldLine + 10;
    this.y += height + 16;
    const middle = round((x.client + x.server) / 2);
    const texts = lines.map(
      (line, i) => html`<text x="${middle}" y="${top + 17 + i * SIZE.foldLine}" text-anchor="middle">${line}</text>`,
    );
    return html`<g class="fold"><rect x="${x.client - 24}" y="${top}" width="${x.server - x.client + 48}" height="${height}" rx="4"/>${texts}</g>
`;
  }

  private state(role: Role, state: string, y: number): Markup {
    const x = this.geometry.x[role] + (role === "client" ? -8 : 8);
    const anchor = role === "client" ? "end" : "start";
    return html`<text class="state ${role}" x="${x}" y="${round(y + 4)}" text-anchor="${anchor}">${state}</text>
`;
  }

  /** The frame number, and under it the time since the previous row, left of everything. */
  private margin(frame: number, gap: number | null, y: number): Markup {
    const time = gap === null ? html`` : html`<text class="gap" x="4" y="${round(y + 18)}">${gapLabel(gap)}</text>`;
    return html`<text class="frame" x="4" y="${round(y + 4)}">#${frame}</text>${time}
`;
  }
}

/** Where the lifelines stand: far enough apart for the longest label, with room for the states and the address boxes. */
function geometryOf(ladder: Ladder, words: TextWords): Geometry {
  const labels = ladder.rows.flatMap((row) =>
    row.kind === "segment" ? [segmentLabelParts(row.event, words).join(" ")] : [],
  );
  const longest = widestOf(labels) * SIZE.column;
  const boxes = {
    client: boxWidth(words.client, ladder.labels.client),
    server: boxWidth(words.server, ladder.labels.server),
  };
  const client = round(Math.max(SIZE.margin + SIZE.stateColumn, boxes.client / 2 + 4));
  const span = Math.max(SIZE.minArrowSpan, longest + 60, (boxes.client + boxes.server) / 2 + 16);
  const server = round(client + span);
  const width = round(server + Math.max(SIZE.stateColumn + 8, boxes.server / 2 + 4));
  return { x: { client, server }, width };
}

function boxWidth(role: string, label: string): number {
  return Math.max(displayWidth(role), displayWidth(label)) * SIZE.column + 20;
}

interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A wide invisible line that takes the clicks, the visible line, and its head. */
function arrowShapes({ x1, y1, x2, y2 }: Line): Markup {
  const tip = arrowhead(x1, y1, x2, y2);
  return html`<line class="hit" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/><line class="arrow" x1="${x1}" y1="${y1}" x2="${tip.baseX}" y2="${tip.baseY}"/><polygon class="head" points="${tip.points}"/>
`;
}

/** The label above the middle of the arrow, tilted with it so that it reads along the line, and the findings below. */
function arrowTexts({ x1, y1, x2, y2 }: Line, label: string, findings: string): Markup {
  const middle = { x: round((x1 + x2) / 2), y: round((y1 + y2) / 2) };
  // Right to left, the line's angle is near 180 degrees: turn the text the other way up.
  const angle = round((Math.atan2(y2 - y1, x2 - x1) * 180) / Math.PI + (x2 < x1 ? 180 : 0));
  const labelText = html`<text class="label" x="${middle.x}" y="${middle.y - 6}" text-anchor="middle" transform="rotate(${angle} ${middle.x} ${middle.y})">${label}</text>`;
  const findingText =
    findings === ""
      ? html``
      : html`<text class="finding" x="${middle.x}" y="${middle.y + 17}" text-anchor="middle">${findings}</text>`;
  return html`${labelText}${findingText}
`;
}

/** The arrowhead at (x2, y2), pointing along the arrow, and the point where the line meets it. */
function arrowhead(x1: number, y1: number, x2: number, y2: number): { points: string; baseX: number; baseY: number } {
  const length = Math.hypot(x2 - x1, y2 - y1);
  const [ux, uy] = [(x2 - x1) / length, (y2 - y1) / length];
  const base = { x: x2 - ux * SIZE.arrowhead, y: y2 - uy * SIZE.arrowhead };
  const half = 4;
  const corners = [
    [x2, y2],
    [base.x - uy * half, base.y + ux * half],
    [base.x + uy * half, base.y - ux * half],
  ];
  return {
    points: corners.map(([x, y]) => `${round(x!)},${round(y!)}`).join(" "),
    baseX: round(base.x),
    baseY: round(base.y),
  };
}

/** One decimal is plenty on screen, and keeps the markup short and stable. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}
