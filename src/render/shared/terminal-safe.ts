/**
 * Characters a terminal may act on instead of showing: C0 controls (ESC starts colour, cursor and
 * OSC 52 clipboard sequences; BEL rings; backspace and carriage return overwrite what was shown),
 * DEL, C1 controls (U+009B is a one-character CSI on some terminals), the line and paragraph
 * separators, the bidirectional overrides and isolates that can show text in another order than
 * it is stored (CVE-2021-42574), and lone surrogates, which cannot be encoded as UTF-8 at all.
 * In unicode mode a surrogate range matches only surrogates that are not part of a pair.
 * CONTROL_RANGES lists them (all but the surrogates) as the inside of a character class.
 */
export const CONTROL_RANGES =
  "\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
const UNSAFE = new RegExp(`[${CONTROL_RANGES}]|[\\ud800-\\udfff]`, "gu");
/**
 * The same controls and every surrogate, paired or not, matched without unicode mode: a plain
 * scan about five times quicker than UNSAFE's, which walks the text by code points. It rules out
 * nearly every text (each value filled into an explanation passes through here), and only those
 * it does not rule out take the exact pass.
 */
const MAYBE_UNSAFE = new RegExp(`[${CONTROL_RANGES}\\ud800-\\udfff]`);

/** Up to this length, a loop over the characters rules a text out quicker than the expression can. */
const SHORT = 32;

/** Only characters from space to tilde: nothing a terminal acts on. */
function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Text that came from outside the program (file names, anything read from a capture or a rules
 * file) made safe to print: each unsafe character becomes a visible escape, \n, \r, \t or \uXXXX.
 * Those escapes are JSON's too, and JSON text on one line holds these characters only inside
 * strings, so the function may also be applied to a whole line of JSON without changing its meaning.
 */
export function terminalSafe(text: string): string {
  if ((text.length <= SHORT && isPrintableAscii(text)) || !MAYBE_UNSAFE.test(text)) return text;
  return text.replace(
    UNSAFE,
    (char) => SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Text of several lines (indented JSON, help) made safe line by line, its line breaks kept. */
export function terminalSafeLines(text: string): string {
  return text.split("\n").map(terminalSafe).join("\n");
}
