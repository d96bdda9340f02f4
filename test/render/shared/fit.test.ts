import { describe, expect, it } from "vitest";
import { fitParagraph, HANGING, visibleWidth, wrapText } from "../../../src/render/shared/fit.js";
import { displayWidth } from "../../../src/render/shared/width.js";

const EN =
  "The client opens the connection (active open, connect()): SYN with its initial sequence number j = 728247788. A SYN carries no data but consumes one sequence number, so the client's first data byte will be j+1 = 728247789.";
const ZH =
  "客户端发起连接(主动打开,connect()):发送 SYN,初始序列号 j = 728247788。SYN 不携带数据,但要占用一个序号,所以客户端的第一个数据字节是 j+1 = 728247789。";

const lines = (text: string) => text.split("\n").slice(0, -1);

describe("fitParagraph", () => {
  it("leaves a line that fits, or any line without a width, as it is", () => {
    expect(fitParagraph("short", 80, "  ")).toBe("  short\n");
    expect(fitParagraph(EN, undefined, "    ")).toBe(`    ${EN}\n`);
  });

  for (const [language, text] of [
    ["English", EN],
    ["Chinese", ZH],
  ] as const) {
    for (const columns of [40, 80, 100]) {
      it(`wraps ${language} to ${columns} columns with a hanging indent, losing no character`, () => {
        const fitted = lines(fitParagraph(text, columns, "        "));
        expect(fitted.length).toBeGreaterThan(1);
        for (const line of fitted) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
        expect(fitted[0]).toMatch(/^ {8}\S/);
        for (const line of fitted.slice(1)) expect(line).toMatch(new RegExp(`^ {${8 + HANGING}}\\S`));
        const joined = fitted.map((line) => line.trim()).join("");
        expect(joined.replaceAll(" ", "")).toBe(text.replaceAll(" ", ""));
      });
    }
  }

  it("never starts a line with closing punctuation nor ends one with an opening mark", () => {
    for (let room = 16; room <= 40; room++) {
      const lines = wrapText(ZH, room);
      for (const line of lines.slice(1)) expect(line).not.toMatch(/^[,.;:!?)。，、；：）]/);
      for (const line of lines.slice(0, -1)) expect(line).not.toMatch(/[(（]$/);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(room);
    }
  });

  it("cuts a word wider than the line by columns", () => {
    expect(wrapText("abcdefghijklmnopqrstuvwxyz0123456789 end", 16)).toEqual([
      "abcdefghijklmnop",
      "qrstuvwxyz012345",
      "6789 end",
    ]);
  });

  it("measures colour codes as taking no columns, and keeps them whole", () => {
    const painted = `\x1b[1m${"word ".repeat(30).trim()}\x1b[22m`;
    expect(visibleWidth(painted)).toBe(149);
    const fitted = lines(fitParagraph(painted, 50));
    for (const line of fitted) expect(visibleWidth(line)).toBeLessThanOrEqual(50);
    expect(fitted.join("")).not.toMatch(/\x1b(?!\[\d+m)/);
  });
});
