import { describe, expect, it } from "vitest";
import { renderLadder } from "../../../src/render/diagram/ladder.js";
import type { Ladder } from "../../../src/render/diagram/ladder-model.js";
import { mermaidSection } from "../../../src/render/diagram/mermaid.js";
import { picturesOf } from "../../helpers/ladders.js";

/**
 * More rows than a function call takes arguments (about 120,000 with Node's default stack): a
 * value spread into a call (Math.max(...widths), lines.push(...rows)) overflows the stack once a
 * connection has 80,000 to 130,000 rows, a long transfer drawn with --full or repeated SYNs
 * (test/cli/hostile-sizes.slow.test.ts runs the commands so). The seed session's rows, repeated.
 */
const ROWS = 200_000;
const { connections } = await picturesOf({ capture: "seed/seed-9502.pcap", full: true });
const seed = connections[0]!.ladder;
const long: Ladder = { ...seed, rows: Array.from({ length: ROWS }, (_, i) => seed.rows[i % seed.rows.length]!) };

describe(`a connection of ${ROWS} rows`, () => {
  it("is drawn for the terminal, a frame number a segment", () => {
    const lines = renderLadder(long, { language: "en", color: false, width: 80 }).split("\n");
    expect(lines.filter((line) => /^#\d+ /.test(line))).toHaveLength(ROWS);
  });

  it("is drawn in Mermaid, an arrow a segment", () => {
    expect(mermaidSection(long, "en").match(/^ {4}[CS]->>[SC]: /gm)).toHaveLength(ROWS);
  });
});
