import { describe, expect, it } from "vitest";
import { displayWidth, padAscii, padDisplay } from "../../src/render/width.js";

describe("displayWidth", () => {
  it("counts one column per narrow character", () => {
    expect(displayWidth("")).toBe(0);
    expect(displayWidth("#1234 seq 0")).toBe(11);
    expect(displayWidth("client→server")).toBe(13);
  });

  it("counts two columns per wide character (UAX #11)", () => {
    expect(displayWidth("客户端→服务器")).toBe(13);
    expect(displayWidth("握手 1/3")).toBe(8);
    expect(displayWidth("\u1100\u115f\u1160")).toBe(5);
    expect(displayWidth("\uffe6\uffe7")).toBe(3);
  });

  it("counts a surrogate pair as one narrow character, and a lone surrogate too", () => {
    expect(displayWidth("😀x")).toBe(2);
    expect(displayWidth("\ud800")).toBe(1);
    expect(displayWidth("\udc00a")).toBe(2);
    expect(displayWidth("\ud800服")).toBe(3);
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
    for (const [text, width] of [["#1", 7], ["seq 4294967295", 16], ["", 0], ["x", 100], ["too long", 3]] as const) {
      for (const side of ["left", "right"] as const) expect(padAscii(text, width, side)).toBe(padDisplay(text, width, side));
    }
  });
});
