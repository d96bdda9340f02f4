import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { terminalSafe, terminalSafeLines } from "../../src/render/shared/terminal-safe.js";

const RUNS = { numRuns: 3000, seed: 0x7e5afe };

/** Any UTF-16 text, lone surrogates and every control character included. */
const anyText = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});
/** Text with the characters a terminal acts on made likely. */
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      "\u001b",
      "\u0007",
      "\b",
      "\r",
      "\n",
      "\u009b",
      "\u202e",
      "\u2066",
      "\ud800",
      "\udfff",
      "\u007f",
      "[",
    ),
    fc.string({ maxLength: 1 }),
  ),
  maxLength: 40,
});

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Whether the text holds what no safe text may, said again independently of the module. */
function hasUnsafe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x061c || code === 0x200e || code === 0x200f)
      return true;
    if ((code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
    if (isHigh(code) && !isLow(text.charCodeAt(i + 1))) return true;
    if (isLow(code) && !isHigh(text.charCodeAt(i - 1))) return true;
  }
  return false;
}

describe("terminalSafe", () => {
  test("leaves nothing a terminal acts on, and is idempotent", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, hostileText), (text) => {
        const safe = terminalSafe(text);
        expect(hasUnsafe(safe)).toBe(false);
        expect(terminalSafe(safe)).toBe(safe);
      }),
      RUNS,
    );
  });

  test("changes no text that was safe already (Chinese, emoji, accents included)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (text) => {
        fc.pre(!hasUnsafe(text));
        expect(terminalSafe(text)).toBe(text);
      }),
      RUNS,
    );
    expect(terminalSafe("客户端 → 服务器 ⇄ 😀 é")).toBe("客户端 → 服务器 ⇄ 😀 é");
  });

  test("on a line of JSON, keeps its meaning: it parses back to the very same value", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, hostileText), (text) => {
        expect(JSON.parse(terminalSafe(JSON.stringify({ text }))) as unknown).toEqual({ text });
      }),
      RUNS,
    );
  });

  test("shows what each character was", () => {
    expect(terminalSafe("\u001b[31mred\u001b]52;c;aGk=\u0007\b\r\n\t\u009b\u202e\ud800")).toBe(
      "\\u001b[31mred\\u001b]52;c;aGk=\\u0007\\u0008\\r\\n\\t\\u009b\\u202e\\ud800",
    );
  });

  test("terminalSafeLines keeps the line breaks and makes each line safe", () => {
    fc.assert(
      fc.property(
        fc.array(
          hostileText.map((line) => line.replace(/\n/g, "")),
          { maxLength: 5 },
        ),
        (lines) => {
          expect(terminalSafeLines(lines.join("\n"))).toBe(lines.map(terminalSafe).join("\n"));
        },
      ),
      RUNS,
    );
  });
});
