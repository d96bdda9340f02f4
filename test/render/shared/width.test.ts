import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it, test } from "vitest";
import { displayWidth, padAscii, padDisplay } from "../../../src/render/shared/width.js";

describe("displayWidth", () => {
  it("counts one column per narrow character", () => {
    expect(displayWidth("")).toBe(0);
    expect(displayWidth("#1234 seq 0")).toBe(11);
    expect(displayWidth("client→server")).toBe(13);
    expect(displayWidth("┌──┐ — …")).toBe(8);
  });

  it("counts two columns per wide character (UAX #11)", () => {
    expect(displayWidth("客户端→服务器")).toBe(13);
    expect(displayWidth("握手 1/3")).toBe(8);
    expect(displayWidth("\uff08主动打开\uff0cconnect()\uff09")).toBe(23);
    expect(displayWidth("한국어")).toBe(6);
  });

  it("counts emoji as two columns, combining marks and zero-width characters as none", () => {
    expect(displayWidth("😀x")).toBe(3);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("a\u200bb")).toBe(2);
    expect(displayWidth("𠀋x")).toBe(3);
  });

  // The characters this program writes, and those a capture's file name or a rules file may bring.
  // (Flags and other emoji sequences string-width counts as one picture, and this per character.)
  const samples = [
    ..."aZ09 #:/[].→⇄—…─│┌┐客户端服务器握手挥手(),。:;한ｱ\u00ad\u0301\u200b\u302a\u3099😀🚀\u1160𠀋\ufe0f",
  ];
  test("agrees with string-width, the well-kept library, on any mix of them", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...samples), { maxLength: 12 }), (chars) => {
        const text = chars.join("");
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("padDisplay", () => {
  it("pads to the column width on either side", () => {
    expect(padDisplay("ack", 6, "right")).toBe("ack   ");
    expect(padDisplay("服务器", 8, "left")).toBe("  服务器");
    expect(padDisplay("too long", 3, "left")).toBe("too long");
  });
});

describe("padAscii", () => {
  it("pads ASCII text as padDisplay does, wider than the runs kept and too long included", () => {
    for (const [text, width] of [
      ["#1", 7],
      ["seq 4294967295", 16],
      ["", 0],
      ["x", 100],
      ["too long", 3],
    ] as const) {
      for (const side of ["left", "right"] as const)
        expect(padAscii(text, width, side)).toBe(padDisplay(text, width, side));
    }
  });
});
