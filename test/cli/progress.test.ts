import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";

const SEED = "fixtures/seed/seed-9502.pcap";
const WARNS = "fixtures/malformed/tcp-option-length-past-header.pcap";
const scratch = scratchFolder("progress");

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
