import Table from "cli-table3";
import { describe, expect, it } from "vitest";
import { BoxTableWriter, MEASURED_ROWS } from "../../../src/render/shared/box-table.js";
import { ByteWriter } from "../../../src/render/shared/byte-writer.js";
import type { TextOutput } from "../../../src/render/shared/text-output.js";

/** An output that keeps each piece written (the text between two wrote() calls) apart. */
function collecting(): { output: TextOutput; pieces: string[] } {
  const pieces: string[] = [];
  const bytes = new ByteWriter();
  return { output: { bytes, wrote: () => pieces.push(bytes.takeText()) }, pieces };
}

/** cli-table3 as the summary table used it: the oracle for the layout. */
function cliTable3(head: string[], rows: string[][], align: Array<"left" | "right">): string {
  const table = new Table({
    head,
    style: { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: align,
  });
  for (const row of rows) table.push(row);
  return table.toString();
}

/** The table as BoxTableWriter writes it, each piece written kept apart. */
function written(
  head: string[],
  rows: string[][],
  align: ReadonlyArray<"left" | "right">,
  measuredRows = MEASURED_ROWS,
): string[] {
  const { output, pieces } = collecting();
  const writer = new BoxTableWriter({ head, align, color: false }, output, measuredRows);
  for (const row of rows) writer.add(row);
  writer.end();
  return pieces;
}

describe("BoxTableWriter", () => {
  it.each([
    [
      "English",
      ["stream", "client", "bytes c→s / s→c"],
      [
        ["0", "127.0.0.1:40000", "13 B / 18 B"],
        ["12", "[::1]:5", "1.2 kB / 0 B"],
      ],
    ],
    [
      "wide characters",
      ["流", "客户端", "字节 客→服 / 服→客"],
      [
        ["0", "127.0.0.1:40000", "四次挥手 由客户端发起"],
        ["1", "-", ""],
      ],
    ],
    ["no rows", ["a", "b", "c"], []],
  ])("draws what cli-table3 draws: %s", (_what, head, rows) => {
    const align = ["right", "left", "right"] as const;
    expect(written(head, rows, align).join("")).toBe(cliTable3(head, rows, [...align]));
  });

  it("writes each row as it comes once the measured rows are out, widening a column from the row that needs it", () => {
    const rows = [
      ["1", "a"],
      ["2", "bb"],
      ["3", "cccc"],
      ["4", "d"],
    ];
    const pieces = written(["n", "x"], rows, ["right", "left"], 2);
    expect(pieces.join("").split("\n")).toEqual([
      "┌───┬────┐",
      "│ n │ x  │",
      "│ 1 │ a  │",
      "│ 2 │ bb │",
      "│ 3 │ cccc │",
      "│ 4 │ d    │",
      "└───┴──────┘",
    ]);
    // Top, head and the two measured rows, then one piece per row, then the bottom.
    expect(pieces).toHaveLength(7);
  });

  it("measures wide characters in the rows written after the measured ones", () => {
    const head = ["流", "结束"];
    const rows = [
      ["12", "四次挥手 由客户端发起"],
      ["0", "重置"],
      ["3", "é"],
    ];
    const align = ["right", "left"] as const;
    expect(written(head, rows, align, 1).join("")).toBe(cliTable3(head, rows, [...align]));
  });

  it("takes the width of a column marked ASCII from its cells' length, drawing what measuring draws", () => {
    const head = ["流", "客户端", "结束"];
    const rows = [
      ["0", "127.0.0.1:40000", "四次挥手 由客户端发起"],
      ["12", "[::1]:5", "reset"],
    ];
    const { output, pieces } = collecting();
    const layout = { head, align: ["right", "left", "left"] as const, ascii: [true, true, false], color: false };
    const writer = new BoxTableWriter(layout, output);
    for (const row of rows) writer.add(row);
    writer.end();
    expect(pieces.join("")).toBe(written(head, rows, layout.align).join(""));
  });

  it("draws 100,000 rows in one pass", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [String(i), `10.0.${i % 256}.1:80`, "1 / 2"]);
    const started = performance.now();
    const text = written(["stream", "client", "packets"], rows, ["right", "left", "right"]).join("");
    expect(text.split("\n")).toHaveLength(100_003);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe("BoxTableWriter within a width", () => {
  const draw = (layout: { width: number; priority?: number[] }, rows: string[][]) => {
    const { output, pieces } = collecting();
    const writer = new BoxTableWriter(
      { head: ["n", "name", "note"], align: ["right", "left", "left"], color: false, ...layout },
      output,
      1,
    );
    for (const row of rows) writer.add(row);
    writer.end();
    return { lines: pieces.join("").split("\n"), hidden: writer.hidden };
  };

  it("shows the columns that fit, in the priority's order of importance, and tells which it left out", () => {
    const { lines, hidden } = draw({ width: 20, priority: [0, 2, 1] }, [["1", "a long name here", "ok"]]);
    expect(lines).toEqual(["┌───┬──────┐", "│ n │ note │", "│ 1 │ ok   │", "└───┴──────┘"]);
    expect(hidden).toEqual([1]);
  });

  it("wraps a cell wider than its column onto more lines of its row, also after the measured rows", () => {
    const { lines } = draw({ width: 24 }, [
      ["1", "ab", "short"],
      ["2", "cd", "a note far too long for it"],
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(24);
    expect(
      lines
        .slice(3, -1)
        .map((line) => line.split("│")[3]!.trim())
        .join(" "),
    ).toBe("a note far too long for it");
  });
});
