import { mkdtempSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SpillingRecordStore } from "../../src/cli/spilling-record-store.js";
import { MemoryRecordStore, type RecordStore } from "../../src/render/ndjson/record-store.js";
import { scratchFolder } from "../helpers/scratch.js";

/** Lines of any length and script (the records quote addresses, and Chinese when asked). */
const line = fc.string({ unit: "grapheme", maxLength: 80 }).map((text) => `{"text":${JSON.stringify(text)}}\n`);
const records = fc.uniqueArray(fc.record({ stream: fc.nat(10_000), line }), {
  selector: (record) => record.stream,
  maxLength: 200,
});

/** The lines added to the store, read back in stream order, as text. */
function fill(store: RecordStore, input: ReadonlyArray<{ stream: number; line: string }>): string[] {
  // One buffer written over for every line: the store keeps a copy.
  const scratch = Buffer.alloc(2_200_000);
  for (const { stream, line } of input) store.add(stream, scratch.subarray(0, scratch.write(line)));
  return Array.from(store.inStreamOrder(), (line) => Buffer.from(line).toString("utf8"));
}

describe("SpillingRecordStore", () => {
  const folder = scratchFolder("spill");
  /** Each test's own temp folder (TMPDIR), in the file's. */
  let directory: string;
  let savedTmpdir: string | undefined;
  beforeEach(() => {
    directory = mkdtempSync(join(folder, "case-"));
    savedTmpdir = process.env["TMPDIR"];
    process.env["TMPDIR"] = directory;
  });
  afterEach(() => {
    if (savedTmpdir === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = savedTmpdir;
  });

  it("gives back the lines in stream order, as memory does, whatever the budget and the order they came in", () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 2000 }), (input, budget) => {
        const warnings: string[] = [];
        const spilled = fill(new SpillingRecordStore((message) => warnings.push(message), budget), input);
        const byStream = [...input].sort((a, b) => a.stream - b.stream).map((record) => record.line);
        expect(fill(new MemoryRecordStore(), input)).toEqual(byStream);
        expect(spilled).toEqual(byStream);
        expect(warnings).toEqual([]);
      }),
    );
  });

  it("reads back a line longer than its read window, between short ones", () => {
    const long = `{"text":"${"字".repeat(700_000)}"}\n`;
    const input = [
      { stream: 2, line: "two\n" },
      { stream: 1, line: long },
      { stream: 0, line: "zero\n" },
    ];
    expect(fill(new SpillingRecordStore(() => {}, 1), input)).toEqual(["zero\n", long, "two\n"]);
  });

  it("leaves no file behind, even before the lines are read back", () => {
    const store = new SpillingRecordStore(() => {}, 10);
    for (let stream = 0; stream < 100; stream++) store.add(stream, Buffer.from(`line ${stream}\n`));
    expect(readdirSync(directory)).toEqual([]);
    expect([...store.inStreamOrder()]).toHaveLength(100);
  });

  it("holds the lines in memory, and says so once, when no temporary file can be made", () => {
    process.env["TMPDIR"] = join(directory, "missing");
    const warnings: string[] = [];
    const input = Array.from({ length: 50 }, (_, i) => ({ stream: 49 - i, line: `line ${49 - i}\n` }));
    expect(fill(new SpillingRecordStore((message) => warnings.push(message), 20), input)).toEqual(
      fill(new MemoryRecordStore(), input),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /cannot keep the connection records in a temporary file in .*missing \(ENOENT\): the rest are held in memory/,
    );
  });
});
