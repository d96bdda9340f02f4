import { describe, expect, it } from "vitest";
import { renderLadder } from "../../../src/render/diagram/ladder.js";
import type { Ladder } from "../../../src/render/diagram/ladder-model.js";
import { displayWidth } from "../../../src/render/shared/width.js";
import { laddersOf } from "../../helpers/ladders.js";
import { GOLDEN_CASES } from "./golden-cases.js";

/** Lines of the header: the stream, the roles, the addresses. */
const HEADER_LINES = 3;

/** Display columns at which a character occurs in a line. */
function columnsOf(line: string, wanted: string): number[] {
  const columns: number[] = [];
  let column = 0;
  for (const char of line) {
    if (char === wanted) columns.push(column);
    column += displayWidth(char);
  }
  return columns;
}

function stripColour(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

describe.each(GOLDEN_CASES)("the ladder of $name", (golden) => {
  describe.each([60, 80, 100, 132])("at %i columns", (width) => {
    it.each(["en", "zh"] as const)("in %s fits the width and keeps both lifelines straight", async (language) => {
      for (const ladder of await laddersOf(golden)) {
        const lines = renderLadder(ladder, { language, color: false, width }).trimEnd().split("\n");
        for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
        const [left, right] = columnsOf(lines[HEADER_LINES]!, "|");
        expect(right).toBeDefined();
        for (const line of lines.slice(HEADER_LINES)) {
          const lifelines = [...columnsOf(line, "|"), ...columnsOf(line, ":")];
          expect(lifelines, line).toContain(left);
          expect(lifelines, line).toContain(right);
        }
      }
    });
  });
});

describe("colour", () => {
  it("paints the same picture: without its escape codes it is the plain one", async () => {
    for (const ladder of await laddersOf({ capture: "shared/tcp_ports.pcapng", streams: [2] })) {
      const painted = renderLadder(ladder, { language: "en", color: true, width: 80 });
      expect(painted).toContain("\u001b[");
      expect(stripColour(painted)).toBe(renderLadder(ladder, { language: "en", color: false, width: 80 }));
    }
  });
});

describe("addresses too long to stand side by side", () => {
  it("get a line each, centred on their lifelines as far as the width allows", () => {
    const ladder: Ladder = {
      stream: 7,
      labels: {
        client: "[2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:65535",
        server: "[2001:db8:1111:2222:3333:4444:5555:6666]:443",
      },
      initialStates: { client: "CLOSED", server: "LISTEN" },
      rows: [],
    };
    const lines = renderLadder(ladder, { language: "en", color: false, width: 80 }).split("\n");
    expect(lines[2]!.trim()).toBe(ladder.labels.client);
    expect(lines[3]!.trim()).toBe(ladder.labels.server);
    expect(lines[4]).toMatch(/CLOSED \|\s+\| LISTEN$/);
  });
});
