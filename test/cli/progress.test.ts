import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, runCliAsync } from "../helpers/cli.js";
import { HAS_SCRIPT, onTerminal, screenOf } from "../helpers/terminal.js";

const SEED = "fixtures/seed/seed-9502.pcap";
const WARNS = "fixtures/malformed/tcp-option-length-past-header.pcap";
const scratch = mkdtempSync(join(tmpdir(), "tcp-annotate-progress-"));

/** Every command that reads captures, as it is run on one file. */
const COMMANDS: Array<{ name: string; args: (file: string) => string[] }> = [
  { name: "annotate", args: (file) => [file] },
  { name: "annotate (ndjson)", args: (file) => [file, "--format", "ndjson"] },
  { name: "summary", args: (file) => ["summary", file] },
  { name: "check", args: (file) => ["check", file, "--expect", "handshake"] },
  { name: "diagram", args: (file) => ["diagram", file] },
  { name: "report", args: (file) => ["report", file, "-o", join(scratch, "report.html")] },
];

describe("--quiet", () => {
  it.each(COMMANDS)("$name accepts it and prints the same", ({ args }) => {
    const quiet = runCli([...args(SEED), "--quiet"]);
    const plain = runCli(args(SEED));
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe("");
    expect(quiet.stdout).toBe(plain.stdout);
  });

  it("is in every command's help", () => {
    for (const command of ["annotate", "summary", "check", "diagram", "report"]) {
      expect(runCli([command, "--help"]).stdout).toMatch(/--quiet +no progress bar on stderr/);
    }
  });
});

describe("the progress bar when stderr is not a terminal", () => {
  it.each(COMMANDS)("$name writes nothing of it: stderr holds the warnings alone", ({ args }) => {
    const run = runCli(args(WARNS));
    expect(run.stderr).not.toMatch(/[\r\x1b]/);
    expect(run.stderr).toBe(runCli([...args(WARNS), "--quiet"]).stderr);
  });
});

/**
 * A capture that takes the summary over a second to read, cut in two as a rotation: the bar is
 * only drawn for long runs.
 */
describe("a long run", () => {
  const capture = join(scratch, "long.pcap");
  const files: string[] = [];
  beforeAll(() => {
    const bench = (script: string, args: string[]) => spawnSync(process.execPath, [join(ROOT, "scripts", "bench", script), ...args], { encoding: "utf8" });
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

  it.skipIf(!HAS_SCRIPT)("on a terminal draws the bar, then clears it before the output; --quiet draws none", async () => {
    const [shown, quiet] = await Promise.all([onTerminal(["summary", ...files], { columns: 80 }), onTerminal(["summary", ...files, "--quiet"], { columns: 80 })]);
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
  }, 120_000);

  it.skipIf(!HAS_SCRIPT)("on a terminal, diagram (which writes each ladder as it reads) draws no bar among them", async () => {
    const run = await onTerminal(["diagram", ...files, "--stream", "0"]);
    expect(run.status).toBe(0);
    expect(run.output).toContain("stream 0");
    expect(run.output).not.toContain("ETA");
  }, 120_000);
});
