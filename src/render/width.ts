import stringWidth from "string-width";

/**
 * Terminal columns a text takes (Unicode UAX #11: East Asian wide and fullwidth characters take
 * two). string-width knows every rule (emoji, combining marks, zero-width characters), at some
 * 17 µs for a short Chinese string; padding runs for cells of every line, so the characters this
 * program writes most (Latin, CJK ideographs and punctuation, Hangul, arrows, dashes, box drawing)
 * are counted here, and a text holding anything else is measured by string-width. A test holds
 * the two to the same answer.
 */
const NARROW_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x2010, 0x2027],
  [0x2190, 0x21ff],
  [0x2500, 0x257f],
];

const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3000, 0x3029],
  [0x302e, 0x303e],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xff01, 0xff60],
  [0xffe0, 0xffe6],
];

/** Below this every character but the soft hyphen is one column: Latin, with Latin-1's letters. */
const FIRST_COMBINING = 0x300;
const SOFT_HYPHEN = 0xad;

function within(ranges: ReadonlyArray<readonly [number, number]>, code: number): boolean {
  for (const [low, high] of ranges) if (code >= low && code <= high) return true;
  return false;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < FIRST_COMBINING && code !== SOFT_HYPHEN) width++;
    else if (within(WIDE_RANGES, code)) width += 2;
    else if (within(NARROW_RANGES, code)) width++;
    else return stringWidth(text);
  }
  return width;
}

export function padDisplay(text: string, width: number, side: "left" | "right"): string {
  return padMeasured(text, displayWidth(text), width, side);
}

/**
 * Pad text of ASCII characters only (numbers, with words of the program's own), whose width is
 * its length: the timeline's number cells, on every line, skip measuring.
 */
export function padAscii(text: string, width: number, side: "left" | "right"): string {
  return padMeasured(text, text.length, width, side);
}

/** Pad text whose width was measured already (a table's cells are measured once, to size the columns). */
export function padMeasured(text: string, textWidth: number, width: number, side: "left" | "right"): string {
  const fill = spaces(width - textWidth);
  return side === "left" ? fill + text : text + fill;
}

/** Runs of spaces by length: taking one costs a fraction of repeat() or padEnd() on every cell. */
const SPACE_RUNS = Array.from({ length: 64 }, (_, count) => " ".repeat(count));

function spaces(count: number): string {
  if (count <= 0) return "";
  return SPACE_RUNS[count] ?? " ".repeat(count);
}
