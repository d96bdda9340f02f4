import { Style } from "./style.js";
import { displayWidth } from "./width.js";

export interface BoxTable {
  head: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
  /** Per column; numbers read best aligned right. */
  align: ReadonlyArray<"left" | "right">;
  color: boolean;
}

/**
 * A table drawn with box characters, one line per row and no rule between rows: the layout
 * cli-table3 gives with its default characters. Drawn here because cli-table3's layout pass
 * compares every cell with every row above it: a summary of 10,000 connections took it 35 s,
 * and this takes one pass over the cells to measure the columns and one to draw them.
 */
export function renderBoxTable(table: BoxTable): string {
  const style = new Style(table.color);
  const head = table.head.map(measured);
  const rows = table.rows.map((row) => row.map(measured));
  const widths = columnWidths(head, rows);
  const rule = (left: string, middle: string, right: string) => style.paint("gray", left + widths.map((width) => "─".repeat(width + 2)).join(middle) + right);
  const bar = style.paint("gray", "│");
  const line = (cells: readonly Cell[], paint: (text: string) => string) =>
    bar + cells.map((cell, column) => paint(` ${padCell(cell, widths[column] ?? 0, table.align[column] ?? "left")} `)).join(bar) + bar;
  const lines = [rule("┌", "┬", "┐"), line(head, (text) => style.paint("bold", text)), ...rows.map((row) => line(row, (text) => text)), rule("└", "┴", "┘")];
  return lines.join("\n");
}

/** A cell's text and its width in columns, measured once: the widths decide the columns, then the padding. */
interface Cell {
  text: string;
  width: number;
}

function measured(text: string): Cell {
  return { text, width: displayWidth(text) };
}

/** The widest cell of each column (a loop: a spread of every row would overflow the stack). */
function columnWidths(head: readonly Cell[], rows: ReadonlyArray<readonly Cell[]>): number[] {
  const widths = head.map((cell) => cell.width);
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.width);
    });
  }
  return widths;
}

function padCell(cell: Cell, width: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, width - cell.width));
  return align === "right" ? fill + cell.text : cell.text + fill;
}
