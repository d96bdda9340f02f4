import { eastAsianWidth } from "get-east-asian-width";

/**
 * Terminal columns a text takes (Unicode UAX #11: East Asian wide and fullwidth characters take
 * two). Padding runs for cells of every line, so the characters this program writes most (Latin,
 * CJK ideographs and punctuation, Hangul, arrows, dashes, box drawing) are counted from ranges;
 * any other character by its Unicode properties: marks, format and ignorable characters take none,
 * emoji two, and the rest what get-east-asian-width's table says. (string-width, which also
 * groups emoji sequences, took 60 ms of CPU to load, a third of the program's start; it stays the
 * test's oracle.)
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

/**
 * The columns the widest of the texts takes, 0 for none. A loop, not Math.max(...widths): a long
 * connection has more rows than a function call takes arguments (the call overflows the stack).
 */
export function widestOf(texts: Iterable<string>): number {
  let widest = 0;
  for (const text of texts) widest = Math.max(widest, displayWidth(text));
  return widest;
}

/** Columns the text takes; the common narrow characters cost one comparison. */
export function displayWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < FIRST_COMBINING && code !== SOFT_HYPHEN) width++;
    else if (within(WIDE_RANGES, code)) width += 2;
    else if (within(NARROW_RANGES, code)) width++;
    else return width + widthByProperties(text, i);
  }
  return width;
}

/** Compiled the first time a text needs them: most runs never do. */
let properties: { none: RegExp; emoji: RegExp } | undefined;

/** Columns of the text from `start` on, a code point at a time. */
function widthByProperties(text: string, start: number): number {
  properties ??= {
    none: /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\p{Cs}\p{Default_Ignorable_Code_Point}]$/u,
    emoji: /^\p{Emoji_Presentation}$/u,
  };
  let width = 0;
  for (const char of text.slice(start)) {
    if (properties.none.test(char)) continue;
    width += properties.emoji.test(char) ? 2 : eastAsianWidth(char.codePointAt(0)!);
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
