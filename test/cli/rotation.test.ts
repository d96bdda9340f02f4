import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, records, runCli } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";

/**
 * tcpdump -C / -G rotations: a capture cut into several files, given in order on the command line,
 * reads as the whole capture. Connections span the cuts, frames number on, TIME_WAIT timers run
 * across them; only the capture records (one per file) differ.
 */
const scratch = scratchFolder("rotation");

function node(script: string, args: string[]): string {
  const run = spawnSync(process.execPath, [join(ROOT, "scripts", "bench", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr}`);
  return run.stdout;
}

function split(capture: string, parts: number, name: string): string[] {
  return node("split.mjs", [capture, String(parts), join(scratch, `${name}-part`)])
    .trim()
    .split("\n");
}

function ndjson(files: string[]): Array<Record<string, unknown>> {
  const run = runCli([...files, "--format", "ndjson"]);
  expect(run.status).toBe(0);
  return records(run.stdout);
}

const withoutCaptureRecords = (all: Array<Record<string, unknown>>) =>
  all.filter((record) => record["type"] !== "capture");

describe("several files read as one capture", () => {
  const generated = join(scratch, "generated.pcap");
  beforeAll(() => {
    node("generate.mjs", [generated, "--connections", "400", "--seed", "7"]);
  });

  it.each([
    ["a generated capture of 400 interleaved connections", 7, generated],
    ["a real loopback capture of 40 connections", 3, join(ROOT, "fixtures", "loopback", "many-connections.pcap")],
  ])("%s, cut into %i files, gives the same NDJSON as the whole", (_what, parts, capture) => {
    const files = split(capture, parts, `cut-${parts}`);
    expect(files).toHaveLength(parts);
    const whole = ndjson([capture]);
    const rotated = ndjson(files);
    expect(rotated.filter((record) => record["type"] === "capture").map((record) => record["file"])).toEqual(files);
    expect(withoutCaptureRecords(rotated)).toEqual(withoutCaptureRecords(whole));
    const segments = whole.filter((record) => record["type"] === "segment");
    expect(segments.length).toBeGreaterThan(parts * 10);
  });

  it("files given out of time order are said to be, at the first segment of the one that goes back", () => {
    const [first, second] = split(join(ROOT, "fixtures", "loopback", "many-connections.pcap"), 2, "reversed");
    const run = runCli(["summary", second!, first!]);
    expect(run.status).toBe(0);
    const [warning] = run.stderr.split("\n");
    expect(warning).toMatch(
      new RegExp(
        `^tcp-annotate: warning: ${first}: frame \\d+, byte 24: this file's first segment is \\d+\\.\\d{3} s earlier than the last one before it: files are read as one capture in the order given`,
      ),
    );
    expect(runCli(["summary", first!, second!]).stderr).toBe("");
  });
});
