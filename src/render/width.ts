/**
 * Terminal column width: East Asian wide and fullwidth characters take two columns (Unicode
 * UAX #11), so Chinese labels line up with the numbers beneath them.
 */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
];

/** Nothing below the first wide range is wide: the timeline's numbers and English words stop here. */
const FIRST_WIDE = 0x1100;
const HIGH_SURROGATES = [0xd800, 0xdbff] as const;
const LOW_SURROGATES = [0xdc00, 0xdfff] as const;

function isWide(code: number): boolean {
  for (const [low, high] of WIDE_RANGES) if (code >= low && code <= high) return true;
  return false;
}

/**
 * The columns the widest of the texts takes, 0 for none. A loop, not Math.max(...widths): a long
 * connection has more rows than a function call takes arguments (the call overflows the stack).
 */
export function widestOf(texts: Iterable<string>): number {
  let widest = 0;
  for (const text of texts) widest = Math.max(widest, displayWidth(text));
  return widest;
}

/**
 * Columns the text takes. Every wide range lies in the Basic Multilingual Plane, so a surrogate
 * pair is one narrow character (and a lone surrogate one too). Padding runs for every column of every segment line: the common
 * narrow characters cost one comparison.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= FIRST_WIDE) {
      if (isPair(text, i, code)) i++;
      else if (isWide(code)) width++;
    }
    width++;
  }
  return width;
}

/** A high surrogate at i followed by a low one: one character outside the BMP. */
function isPair(text: string, i: number, code: number): boolean {
  if (code < HIGH_SURROGATES[0] || code > HIGH_SURROGATES[1]) return false;
  const next = text.charCodeAt(i + 1);
  return next >= LOW_SURROGATES[0] && next <= LOW_SURROGATES[1];
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
