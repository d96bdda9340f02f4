import { describe, expect, it } from "vitest";
import { outputColumns, parseWidth } from "../../src/cli/terminal-width.js";

describe("outputColumns", () => {
  const terminal = { isTTY: true, columns: 100 };
  const pipe = { isTTY: false };

  it("takes --width first, then COLUMNS, then the terminal's width", () => {
    expect(outputColumns(70, terminal, { COLUMNS: "90" })).toBe(70);
    expect(outputColumns(undefined, terminal, { COLUMNS: "90" })).toBe(90);
    expect(outputColumns(undefined, terminal, {})).toBe(100);
    expect(outputColumns(undefined, pipe, { COLUMNS: "90" })).toBe(90);
  });

  it("is undefined (no limit) in a pipe or a file without COLUMNS, and ignores a COLUMNS that is not a width", () => {
    expect(outputColumns(undefined, pipe, {})).toBeUndefined();
    for (const columns of ["", "0", "abc", "-5", "80x", "100000"])
      expect(outputColumns(undefined, pipe, { COLUMNS: columns })).toBeUndefined();
    expect(outputColumns(undefined, terminal, { COLUMNS: "wide" })).toBe(100);
  });

  it("--width takes 1 to 1000", () => {
    expect(parseWidth("80")).toBe(80);
    for (const value of ["0", "1001", "-1", "eighty"]) expect(() => parseWidth(value)).toThrow();
  });
});
