import { displayWidth } from "./width.js";

/**
 * Laying text out for a terminal of a known width. Lines break at spaces and, as Chinese is
 * written without them, between a wide character and what is next to it (UAX #14's ideographic
 * break), except before closing punctuation or after opening punctuation, which stay with their
 * word. A word wider than the line is cut by columns. Colour codes take no columns and are kept
 * whole. (wrap-ansi breaks at spaces only, so a Chinese sentence moved to the next line whole and
 * left the one before it half empty.)
 */

/** Continuation lines sit this much further in than the first, so a paragraph's start stands out. */
export const HANGING = 2;
/** However narrow the terminal, a line holds this much text (else every word would be cut). */
const MIN_ROOM = 16;

const SGR = /\x1b\[[0-9;]*m/g;
/** Marks a line must not start with ... */
const CLOSING = new Set([..."，。、；：！？）」』】》〉,.;:!?)]}%"]);
/** ... and marks it must not end with. */
const OPENING = new Set([..."（「『【《〈([{"]);

/** Columns a line shows: colour codes take none. */
export function visibleWidth(text: string): number {
  return displayWidth(text.includes("\x1b") ? text.replace(SGR, "") : text);
}

/**
 * `text` as lines of at most `columns` columns, each ending in a newline: the first after
 * `indent`, the others HANGING columns further in. `columns` undefined: no limit, one line.
 */
export function fitParagraph(text: string, columns: number | undefined, indent = ""): string {
  if (columns === undefined) return `${indent}${text}\n`;
  const indentWidth = displayWidth(indent);
  if (indentWidth + visibleWidth(text) <= columns) return `${indent}${text}\n`;
  const lines = wrapText(text, Math.max(MIN_ROOM, columns - indentWidth - HANGING));
  const hanging = indent + " ".repeat(HANGING);
  let fitted = `${indent}${lines[0] ?? ""}\n`;
  for (let i = 1; i < lines.length; i++) fitted += `${hanging}${lines[i]}\n`;
  return fitted;
}

/** Each line of a text that ends in a newline, fitted as a paragraph of its own. */
export function fitLines(text: string, columns: number | undefined): string {
  if (columns === undefined) return text;
  return text
    .split("\n")
    .slice(0, -1)
    .map((line) => fitParagraph(line, columns))
    .join("");
}

/** A piece no line breaks inside: a word, one wide character, a run of spaces. */
interface Piece {
  text: string;
  width: number;
  space: boolean;
  /** A line may break just before this piece (spaces aside: a break may always replace them). */
  breakBefore: boolean;
}

/** Greedy filling: each line takes pieces while they fit; the spaces at a break are dropped. */
export function wrapText(text: string, room: number): string[] {
  const lines: string[] = [];
  let line: Piece[] = [];
  let used = 0;
  const close = () => {
    while (line.length > 0 && line[line.length - 1]!.space) used -= line.pop()!.width;
    lines.push(line.map((piece) => piece.text).join(""));
    line = [];
    used = 0;
  };
  for (const piece of fitWithin(piecesOf(text), room)) {
    if (piece.space && line.length === 0) continue;
    if (!piece.space && used + piece.width > room && line.length > 0) {
      const carried = carriedOver(line, piece);
      close();
      for (const moved of carried) {
        if (moved.space && line.length === 0) continue;
        line.push(moved);
        used += moved.width;
      }
    }
    line.push(piece);
    used += piece.width;
  }
  if (line.length > 0) close();
  return lines;
}

/**
 * When the line cannot break just before `next` (a closing mark, or after an opening one), the
 * pieces after the last place it can break go to the next line with `next`; none when there is no
 * such place (then the line breaks where it must).
 */
function carriedOver(line: Piece[], next: Piece): Piece[] {
  for (let at = line.length; at > 0; at--) {
    const piece = at === line.length ? next : line[at]!;
    if (piece.breakBefore || line[at - 1]!.space) return line.splice(at);
  }
  return [];
}

/** Words wider than a line are cut by columns. */
function* fitWithin(pieces: Iterable<Piece>, room: number): Iterable<Piece> {
  for (const piece of pieces) {
    if (piece.width <= room || piece.space) {
      yield piece;
      continue;
    }
    let text = "";
    let width = 0;
    let first = true;
    for (const char of piece.text) {
      const charWidth = displayWidth(char);
      if (width + charWidth > room && text !== "") {
        yield { text, width, space: false, breakBefore: first ? piece.breakBefore : true };
        first = false;
        text = "";
        width = 0;
      }
      text += char;
      width += charWidth;
    }
    if (text !== "") yield { text, width, space: false, breakBefore: first ? piece.breakBefore : true };
  }
}

/** The text cut into pieces; colour codes stick to the piece they touch. */
function* piecesOf(text: string): Iterable<Piece> {
  let word = "";
  let wordWidth = 0;
  let wordBreaks = true;
  let previous: "space" | "wide" | "narrow" | "start" = "start";
  let lastChar = "";
  const takeWord = (): Piece => {
    const piece = { text: word, width: wordWidth, space: false, breakBefore: wordBreaks };
    word = "";
    wordWidth = 0;
    return piece;
  };
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) === 0x1b) {
      SGR.lastIndex = i;
      const code = SGR.exec(text);
      if (code !== null && code.index === i) {
        word += code[0];
        i += code[0].length;
        continue;
      }
    }
    const char = String.fromCodePoint(text.codePointAt(i)!);
    i += char.length;
    const width = displayWidth(char);
    if (char === " ") {
      if (word !== "") yield takeWord();
      yield { text: " ", width: 1, space: true, breakBefore: true };
      previous = "space";
    } else if (width === 2) {
      const breakBefore = previous !== "start" && !CLOSING.has(char) && !OPENING.has(lastChar);
      if (word !== "" && displayWidth(word.replace(SGR, "")) > 0) yield takeWord();
      const piece = { text: word + char, width: 2, space: false, breakBefore };
      word = "";
      wordWidth = 0;
      yield piece;
      previous = "wide";
    } else {
      if (previous !== "narrow") wordBreaks = previous !== "start" && !CLOSING.has(char) && !OPENING.has(lastChar);
      word += char;
      wordWidth += width;
      previous = "narrow";
    }
    lastChar = char;
  }
  if (word !== "") yield takeWord();
}
