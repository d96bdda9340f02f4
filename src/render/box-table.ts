import { Style } from "./style.js";
import { displayWidth, padDisplay } from "./width.js";

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
  const widths = columnWidths(table);
  const rule = (left: string, middle: string, right: string) => style.paint("gray", left + widths.map((width) => "─".repeat(width + 2)).join(middle) + right);
  const bar = style.paint("gray", "│");
  const line = (cells: readonly string[], paint: (text: string) => string) =>
    bar + cells.map((cell, column) => paint(` ${padDisplay(cell, widths[column] ?? 0, table.align[column] === "right" ? "left" : "right")} `)).join(bar) + bar;
  const lines = [rule("┌", "┬", "┐"), line(table.head, (text) => style.paint("bold", text)), ...table.rows.map((row) => line(row, (text) => text)), rule("└", "┴", "┘")];
  return lines.join("\n");
}

/** The widest cell of each column (a loop: a spread of every row would overflow the stack). */
function columnWidths(table: BoxTable): number[] {
  const widths = table.head.map(displayWidth);
  for (const row of table.rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, displayWidth(cell));
    });
  }
  return widths;
}
