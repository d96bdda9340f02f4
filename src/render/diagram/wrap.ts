import { displayWidth } from "../shared/width.js";

/**
 * Greedy line filling by terminal columns: parts are joined with spaces and never split, unless
 * one alone is wider than the line (Chinese text has no spaces), which is then cut by columns.
 */
export function wrapParts(parts: readonly string[], width: number): string[] {
  const pieces = parts.flatMap((part) => splitByColumns(part, width));
  const lines: string[] = [];
  for (let start = 0; start < pieces.length; ) {
    const count = partsOnLine(pieces.slice(start), width);
    lines.push(pieces.slice(start, start + count).join(" "));
    start += count;
  }
  return lines;
}

/** How many of the parts, joined by spaces, fit in `width` columns (at least one). */
export function partsOnLine(parts: readonly string[], width: number): number {
  let used = -1;
  let count = 0;
  for (const part of parts) {
    const next = used + 1 + displayWidth(part);
    if (count > 0 && next > width) break;
    used = next;
    count++;
  }
  return count;
}

function splitByColumns(text: string, width: number): string[] {
  if (displayWidth(text) <= width) return [text];
  const pieces: string[] = [];
  let piece = "";
  for (const char of text) {
    if (piece !== "" && displayWidth(piece + char) > width) {
      pieces.push(piece);
      piece = "";
    }
    piece += char;
  }
  if (piece !== "") pieces.push(piece);
  return pieces;
}
