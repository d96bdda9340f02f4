import { describe, expect, it } from "vitest";
import { terminalSafe } from "../../../src/render/shared/terminal-safe.js";

describe("terminalSafe", () => {
  it("leaves safe text as it is, wide characters and surrogate pairs included", () => {
    for (const text of [
      "",
      "plain ASCII: seq 1 ack 1",
      "客户端 CLOSED → SYN_SENT",
      "😀 a pair is one character",
      '{"text":"é"}',
    ]) {
      expect(terminalSafe(text)).toBe(text);
    }
  });

  it("escapes controls, bidirectional marks and lone surrogates visibly", () => {
    expect(terminalSafe("a\u001b[31mred")).toBe("a\\u001b[31mred");
    expect(terminalSafe("line\nbreak\r\ttab")).toBe("line\\nbreak\\r\\ttab");
    expect(terminalSafe("del\u007f c1\u009b")).toBe("del\\u007f c1\\u009b");
    expect(terminalSafe("abc\u202edcba\u2066")).toBe("abc\\u202edcba\\u2066");
    expect(terminalSafe("sep\u2028")).toBe("sep\\u2028");
    expect(terminalSafe("lone \ud800 and \udc00")).toBe("lone \\ud800 and \\udc00");
  });

  it("escapes only the lone surrogate next to a pair", () => {
    expect(terminalSafe("😀\ud800😀")).toBe("😀\\ud800😀");
  });
});
