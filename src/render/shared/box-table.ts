import { ByteWriter, encodeText } from "./byte-writer.js";
import { wrapText } from "./fit.js";
import { PALETTE } from "./palette.js";
import { Style } from "./style.js";
import { type TextOutput, writeText } from "./text-output.js";
import { displayWidth, padMeasured } from "./width.js";

export interface BoxTableLayout {
  head: readonly string[];
  /** Per column; numbers read best aligned right. */
  align: ReadonlyArray<"left" | "right">;
  /**
   * Per column, whether its cells are ASCII by construction (numbers, addresses, state names):
   * their width is their length, and they are not scanned for wide characters, which every cell
   * of a 60,000-row summary paid. The head is always measured.
   */
  ascii?: readonly boolean[];
  color: boolean;
  /**
   * Columns a line may take (the terminal's width); undefined: no limit. Within it, a cell wider
   * than its column is wrapped onto more lines of its row instead of widening the column.
   */
  width?: number | undefined;
  /**
   * Columns by importance (indices into head): when given with a width, the table shows the
   * columns, in their own order, that fit one by one in this order; the first always shows.
   */
  priority?: readonly number[] | undefined;
}

/** Rows measured before the columns are fixed: a table this long or shorter is drawn exactly. */
export const MEASURED_ROWS = 1000;
/** A column is not wrapped narrower than this (or its head's width, if less). */
const MIN_WRAPPED = 8;

/**
 * A table drawn with box characters, one line per row and no rule between rows: the layout
 * cli-table3 gives with its default characters. Drawn here because cli-table3's layout pass
 * is quadratic in rows (10,000 connections took 35 s), and because it is written as its rows
 * come, so that a table of a million rows is never held:
 * the first `measuredRows` rows are held to measure the columns; after that each row is written
 * at once, and a cell wider than its column widens it from that row on (the rows above keep
 * their width, as a terminal cannot redraw them), or, within a width, wraps inside its column.
 * Such a row is written straight into the output's bytes, cell by cell: building its line as a
 * string, then encoding it, made more garbage than the rest of a summary row.
 */
export class BoxTableWriter {
  private readonly style: Style;
  /** The column separator, painted once: every line has one per column. */
  private readonly bar: string;
  /** A row's line before its first cell, between two cells and after its last, each with the cells' spaces beside the bar. */
  private readonly lineStart: Uint8Array;
  private readonly between: Uint8Array;
  private readonly lineEnd: Uint8Array;
  private readonly head: Cell[];
  private held: Cell[][] | undefined = [];
  /** The columns shown (indices into the rows), fixed when the held rows are released. */
  private shown: number[] = [];
  private widths: number[] = [];
  /** The widths of the row being written, once the held rows are out (reused row after row). */
  private readonly rowWidths: number[] = [];

  constructor(
    private readonly layout: BoxTableLayout,
    private readonly output: TextOutput,
    private readonly measuredRows = MEASURED_ROWS,
  ) {
    this.style = new Style(layout.color);
    this.bar = this.style.paint(PALETTE.rule, "│");
    this.lineStart = encodeText(`${this.bar} `);
    this.between = encodeText(` ${this.bar} `);
    this.lineEnd = encodeText(` ${this.bar}\n`);
    this.head = layout.head.map(measured);
  }

  /**
   * Where the row being made is written, a cell at a time (endCell after each, endRow after the
   * last): a caller that makes its cells piece by piece (numbers, words encoded once) writes
   * them here, and once the measured rows are out the row is copied into the output as it is.
   */
  readonly cells = new ByteWriter();
  /** Where each cell of the row being made ends in `cells` (reused row after row). */
  private readonly ends: number[] = [];
  private cellCount = 0;

  /** A row's cells as texts; the array is not kept. */
  add(row: readonly string[]): void {
    for (let column = 0; column < row.length; column++) {
      this.cells.text(row[column]!);
      this.endCell();
    }
    this.endRow();
  }

  /** The cell written into `cells` since the last is whole. */
  endCell(): void {
    this.endCellAt(this.cells.length);
  }

  /** The next cell ends `end` bytes into `cells`: for a caller that copies a whole row's cells in at once. */
  endCellAt(end: number): void {
    this.ends[this.cellCount++] = end;
  }

  /** The row's cells are all written: it is held to measure the columns, or written out. */
  endRow(): void {
    if (this.held === undefined) this.writeRow();
    else this.hold();
    this.cells.discard();
    this.cellCount = 0;
  }

  /** No more rows: write what is held and the closing rule. */
  end(): void {
    if (this.held !== undefined) this.release();
    writeText(this.output, this.rule("└", "┴", "┘"));
  }

  /** The columns left out to fit the width (indices into the head); known once the rows are released. */
  get hidden(): number[] {
    return this.head.map((_, column) => column).filter((column) => !this.shown.includes(column));
  }

  /** Fix the columns on the rows held, then write the top, the head and them. */
  private release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    const cells = this.head.map(() => 0);
    for (const row of held) widen(cells, row);
    const natural = cells.map((width, column) => Math.max(width, this.head[column]!.width));
    this.shown = this.choose(natural);
    this.widths = this.shown.map((column) => natural[column]!);
    this.narrow(this.shown.map((column) => cells[column]!));
    writeText(this.output, this.rule("┌", "┬", "┐") + "\n");
    writeText(
      this.output,
      this.lines(this.head, (text) => this.style.paint(PALETTE.heading, text)),
    );
    for (const row of held) writeText(this.output, this.lines(row, plain));
  }

  /** All columns; within a width and a priority, those that fit in its order. */
  private choose(natural: readonly number[]): number[] {
    const { width, priority } = this.layout;
    const all = natural.map((_, column) => column);
    if (width === undefined || priority === undefined || priority.length === 0) return all;
    const chosen: number[] = [];
    let used = 1;
    for (const column of priority) {
      const needs = natural[column]! + 3;
      if (chosen.length > 0 && used + needs > width) continue;
      chosen.push(column);
      used += needs;
    }
    return all.filter((column) => chosen.includes(column));
  }

  /**
   * Within a width, columns give way until the table fits: first those whose head is wider than
   * their cells (a head wraps at its spaces), down to their cells' width, then the widest (their
   * cells wrap).
   */
  private narrow(cells: readonly number[]): void {
    const width = this.layout.width;
    if (width === undefined) return;
    let excess = lineWidth(this.widths) - width;
    for (let i = 0; i < this.widths.length && excess > 0; i++) {
      const give = Math.min(excess, this.widths[i]! - Math.max(cells[i]!, MIN_WRAPPED));
      if (give <= 0) continue;
      this.widths[i]! -= give;
      excess -= give;
    }
    while (excess > 0) {
      const widest = this.widths.indexOf(Math.max(...this.widths));
      const least = Math.min(MIN_WRAPPED, this.head[this.shown[widest]!]!.width);
      if (this.widths[widest]! <= least) return;
      this.widths[widest]!--;
      excess--;
    }
  }

  /** A row before the columns are fixed: kept, as texts and their widths. */
  private hold(): void {
    const held = this.held!;
    const ascii = this.layout.ascii;
    const row: Cell[] = [];
    for (let column = 0; column < this.cellCount; column++) {
      const text = this.cellText(column);
      row.push(ascii?.[column] === true ? { text, width: text.length } : measured(text));
    }
    held.push(row);
    if (held.length >= this.measuredRows) this.release();
  }

  /** A row after the held ones: it widens its columns (without a width), then is copied out as bytes, unless a cell wraps. */
  private writeRow(): void {
    const { shown, cells, ends } = this;
    const widths = this.rowWidths;
    const ascii = this.layout.ascii;
    for (let column = 0; column < this.cellCount; column++) {
      const from = column === 0 ? 0 : ends[column - 1]!;
      const to = ends[column]!;
      // Bytes are columns while they are ASCII, which nearly every cell is.
      widths[column] =
        ascii?.[column] === true || cells.isAscii(from, to) ? to - from : displayWidth(cells.textOf(from, to));
    }
    if (this.layout.width === undefined) {
      for (let i = 0; i < shown.length; i++) this.widths[i] = Math.max(this.widths[i]!, widths[shown[i]!]!);
    }
    let fits = true;
    for (let i = 0; i < shown.length; i++) if (widths[shown[i]!]! > this.widths[i]!) fits = false;
    if (!fits) {
      const row: Cell[] = [];
      for (let column = 0; column < this.cellCount; column++)
        row.push({ text: this.cellText(column), width: widths[column]! });
      return writeText(this.output, this.lines(row, plain));
    }
    const out = this.output.bytes;
    const align = this.layout.align;
    out.bytes(this.lineStart);
    for (let i = 0; i < shown.length; i++) {
      const column = shown[i]!;
      const from = column === 0 ? 0 : ends[column - 1]!;
      const to = ends[column]!;
      const fill = this.widths[i]! - widths[column]!;
      if (i > 0) out.bytes(this.between);
      if (align[column] === "right") {
        out.spaces(fill);
        cells.copyHeld(out, from, to);
      } else {
        cells.copyHeld(out, from, to);
        out.spaces(fill);
      }
    }
    out.bytes(this.lineEnd);
    this.output.wrote();
  }

  /** The text of a cell of the row being made. */
  private cellText(column: number): string {
    return this.cells.textOf(column === 0 ? 0 : this.ends[column - 1]!, this.ends[column]!);
  }

  private rule(left: string, middle: string, right: string): string {
    return this.style.paint(
      PALETTE.rule,
      left + this.widths.map((width) => "─".repeat(width + 2)).join(middle) + right,
    );
  }

  /** One row's lines: one, unless a cell wider than its column wraps. */
  private lines(cells: readonly Cell[], paint: (text: string) => string): string {
    const shown = this.shown;
    let fits = true;
    for (let i = 0; i < shown.length; i++) if (cells[shown[i]!]!.width > this.widths[i]!) fits = false;
    if (fits)
      return (
        this.line(
          shown.map((column) => cells[column]!),
          paint,
        ) + "\n"
      );
    const wrapped = shown.map((column, i) => wrapText(cells[column]!.text, this.widths[i]!).map(measured));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    let text = "";
    for (let line = 0; line < height; line++)
      text +=
        this.line(
          wrapped.map((lines) => lines[line] ?? EMPTY),
          paint,
        ) + "\n";
    return text;
  }

  /** One line of the shown cells; a loop adding to one string, as it runs for every row. */
  private line(cells: readonly Cell[], paint: (text: string) => string): string {
    const bar = this.bar;
    let line = bar;
    for (let i = 0; i < cells.length; i++) {
      line += paint(` ${padCell(cells[i]!, this.widths[i] ?? 0, this.layout.align[this.shown[i]!] ?? "left")} `) + bar;
    }
    return line;
  }
}

/** A cell's text and its width in columns, measured once: the widths decide the columns, then the padding. */
interface Cell {
  text: string;
  width: number;
}

const EMPTY: Cell = { text: "", width: 0 };

function measured(text: string): Cell {
  return { text, width: displayWidth(text) };
}

/** The widest cell of each column so far (a loop: a spread of every row would overflow the stack). */
function widen(widths: number[], row: readonly Cell[]): void {
  for (let column = 0; column < row.length; column++)
    widths[column] = Math.max(widths[column] ?? 0, row[column]!.width);
}

/** Columns a line takes: each cell and its two spaces, and the bars between and around. */
function lineWidth(widths: readonly number[]): number {
  return widths.reduce((sum, width) => sum + width + 3, 1);
}

function plain(text: string): string {
  return text;
}

/** A cell aligned right is padded on its left, and the other way round. */
function padCell(cell: Cell, width: number, align: "left" | "right"): string {
  return padMeasured(cell.text, cell.width, width, align === "right" ? "left" : "right");
}
