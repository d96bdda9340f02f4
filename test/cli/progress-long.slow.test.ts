import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCliAsync } from "../helpers/cli.js";
import { HAS_SCRIPT, onTerminal, screenOf } from "../helpers/terminal.js";
import { scratchFolder } from "../helpers/scratch.js";

const scratch = scratchFolder("progress");

/**
 * A capture that takes the summary over a second to read, cut in two as a rotation: the bar is
 * only drawn for long runs. Generating it and reading it four times takes most of a minute: the
 * slow suite (docs/testing.md). progress-bar.test.ts draws the bar on a fake terminal and clock.
 */
describe("a long run", () => {
  const capture = join(scratch, "long.pcap");
  const files: string[] = [];
  beforeAll(() => {
    const bench = (script: string, args: string[]) =>
      spawnSync(process.execPath, [join(ROOT, "scripts", "bench", script), ...args], { encoding: "utf8" });
    const generated = bench("generate.mjs", [capture, "--connections", "40000", "--seed", "3"]);
    if (generated.status !== 0) throw new Error(`generate.mjs failed: ${generated.stderr}`);
    const split = bench("split.mjs", [capture, "2", join(scratch, "long-part")]);
    if (split.status !== 0) throw new Error(`split.mjs failed: ${split.stderr}`);
    files.push(...split.stdout.trim().split("\n"));
  });

  it("with stderr piped shows no bar", async () => {
    const run = await runCliAsync(["summary", ...files]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
  });

  it.skipIf(!HAS_SCRIPT)(
    "on a terminal draws the bar, then clears it before the output; --quiet draws none",
    async () => {
      const [shown, quiet] = await Promise.all([
        onTerminal(["summary", ...files], { columns: 80 }),
        onTerminal(["summary", ...files, "--quiet"], { columns: 80 }),
      ]);
      expect(shown.status).toBe(0);
      expect(quiet.status).toBe(0);
      const bars = shown.output.split("\r").filter((piece) => piece.endsWith("\x1b[K") && piece !== "\x1b[K");
      expect(bars.length).toBeGreaterThan(3);
      for (const bar of bars) {
        expect(bar).toMatch(/ \([12]\/2\) (\[[#.]{20}\] )? *\d+%  [\d,]+ frames  [\d.]+[kM]?\/s  ETA \d+:\d\d\x1b\[K$/);
        expect(bar.length - 3).toBeLessThan(80);
      }
      // The table starts on a clean line: the bar's last drawing was cleared before it.
      const table = shown.output.slice(shown.output.lastIndexOf("\r\x1b[K") + 4);
      expect(table).not.toContain("ETA");
      expect(screenOf(shown.output)).toEqual(screenOf(quiet.output));
      expect(quiet.output).not.toContain("\x1b[K");
      expect(quiet.output).not.toContain("ETA");
    },
    120_000,
  );

  it.skipIf(!HAS_SCRIPT)(
    "on a terminal, diagram (which writes each ladder as it reads) draws no bar among them",
    async () => {
      const run = await onTerminal(["diagram", ...files, "--stream", "0"]);
      expect(run.status).toBe(0);
      expect(run.output).toContain("stream 0");
      expect(run.output).not.toContain("ETA");
    },
    120_000,
  );
});
