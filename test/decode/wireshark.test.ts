/**
 * The decoder against Wireshark: the shared real captures against tshark 4.0.17's output
 * committed in test/decode/expected. Against tshark's live output, where it is installed:
 * wireshark-live.slow.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { readCaptureFile } from "./helpers/capture-file.js";
import { disagreements } from "./helpers/tshark.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "../../fixtures");
const expectedDirectory = join(here, "expected");
const committed = readdirSync(expectedDirectory).map((file) => file.replace(/\.tsv$/, ""));

describe("shared captures: every frame as tshark 4.0.17 read it (committed output)", () => {
  test.each(committed)("%s", (name) => {
    const frames = readCaptureFile(join(fixtures, "shared", name));
    const tsv = readFileSync(join(expectedDirectory, `${name}.tsv`), "utf8");
    expect(frames.length).toBe(tsv.trimEnd().split("\n").length - 1);
    expect(disagreements(frames, tsv)).toEqual([]);
  });
});
