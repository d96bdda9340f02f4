import { Style } from "./style.js";
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
}

/** Rows measured before the columns are fixed: a table this long or shorter is drawn exactly. */
export const MEASURED_ROWS = 1000;

/**
 * A table drawn with box characters, one line per row and no rule between rows: the layout
 * cli-table3 gives with its default characters. Drawn here because cli-table3's layout pass
 * is quadratic in rows (10,000 connections took 35 s), and because it is written as its rows
 * come, so that a table of a million rows is never held:
 * the first `measuredRows` rows are held to measure the columns; after that each row is written
 * at once, and a cell wider than its column widens it from that row on (the rows above keep
 * their width, as a terminal cannot redraw them).
 */
export class BoxTableWriter {
  private readonly style: Style;
  /** The column separator, painted once: every line has one per column. */
  private readonly bar: string;
  private readonly head: Cell[];
  private held: Cell[][] | undefined = [];
  private widths: number[] = [];

  constructor(
    private readonly layout: BoxTableLayout,
    private readonly write: (text: string) => void,
    private readonly measuredRows = MEASURED_ROWS,
  ) {
    this.style = new Style(layout.color);
    this.bar = this.style.paint("gray", "│");
    this.head = layout.head.map(measured);
  }

  add(row: readonly string[]): void {
    const ascii = this.layout.ascii;
    const cells = row.map((text, column) => (ascii?.[column] === true ? { text, width: text.length } : measured(text)));
    if (this.held === undefined) return this.writeRow(cells);
    this.held.push(cells);
    if (this.held.length >= this.measuredRows) this.release();
  }

  /** No more rows: write what is held and the closing rule. */
  end(): void {
    if (this.held !== undefined) this.release();
    this.write(this.rule("└", "┴", "┘"));
  }

  /** Fix the columns on the rows held, then write the top, the head and them. */
  private release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    this.widths = this.head.map((cell) => cell.width);
    for (const row of held) this.widen(row);
    this.write(this.rule("┌", "┬", "┐") + "\n");
    this.write(this.line(this.head, (text) => this.style.paint("bold", text)) + "\n");
    for (const row of held) this.write(this.line(row, plain) + "\n");
  }

  private writeRow(cells: readonly Cell[]): void {
    this.widen(cells);
    this.write(this.line(cells, plain) + "\n");
  }

  /** The widest cell of each column so far (a loop: a spread of every row would overflow the stack). */
  private widen(row: readonly Cell[]): void {
    for (let column = 0; column < row.length; column++) {
      this.widths[column] = Math.max(this.widths[column] ?? 0, row[column]!.width);
    }
  }

  private rule(left: string, middle: string, right: string): string {
    return this.style.paint("gray", left + this.widths.map((width) => "─".repeat(width + 2)).join(middle) + right);
  }

  /** One row's line; a loop adding to one string, as it runs for every row. */
  private line(cells: readonly Cell[], paint: (text: string) => string): string {
    const bar = this.bar;
    let line = bar;
    for (let column = 0; column < cells.length; column++) {
      line += paint(` ${padCell(cells[column]!, this.widths[column] ?? 0, this.layout.align[column] ?? "left")} `) + bar;
    }
    return line;
  }
}

/** A cell's text and its width in columns, measured once: the widths decide the columns, then the padding. */
interface Cell {
  text: string;
  width: number;
}

function measured(text: string): Cell {
  return { text, width: displayWidth(text) };
}

function plain(text: string): string {
  return text;
}

/** A cell aligned right is padded on its left, and the other way round. */
function padCell(cell: Cell, width: number, align: "left" | "right"): string {
  return padMeasured(cell.text, cell.width, width, align === "right" ? "left" : "right");
}
