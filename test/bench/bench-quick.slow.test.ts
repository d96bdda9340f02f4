import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";

interface BenchReport {
  results: Array<{
    input: string;
    case: string;
    runs: number[];
    medianSeconds: number;
    packetsPerSecond: number;
    peakRssMiB: number | null;
  }>;
  targets: Array<{ input: string; target: string; measured: string; met: boolean }>;
  budgets: Array<{ input: string; budget: string; allowedSeconds: number; floorSeconds: number; floorShare: number }>;
  inputs: Array<{ name: string; role: string; frames: number }>;
}

/** The smoke run of `npm run bench`: small generated inputs, one run each, no peers. */
describe("npm run bench -- --quick", () => {
  const out = scratchFolder("bench");

  it("measures every mode on every input and writes the table and results.json", () => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, "scripts", "bench", "bench.mjs"), "--quick", "--skip-peers", "--out", out],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as BenchReport;
    const measured = (input: string) =>
      report.results.filter((result) => result.input === input).map((result) => result.case);
    expect(measured("synthetic")).toEqual(
      expect.arrayContaining([
        "read-loop",
        "flow-floor",
        "pcap-parser",
        "reader",
        "decode",
        "track",
        "pipeline",
        "check",
        "ndjson",
        "text",
        "diagram",
      ]),
    );
    expect(measured("synthetic-10x")).toEqual(
      expect.arrayContaining(["read-loop", "pipeline", "ndjson", "text", "diagram"]),
    );
    expect(measured("synthetic-rotated")).toEqual(expect.arrayContaining(["pipeline", "ndjson"]));
    // The small real captures, pcap and pcapng, each counted: the commands, start-up and all.
    for (const input of ["small-seed", "small-scan"])
      expect(measured(input)).toEqual(["summary", "check", "ndjson", "text"]);
    expect(report.inputs.filter((input) => input.role === "small").map((input) => input.frames)).toEqual([11, 2011]);
    // The SYN flood: 1,000 spoofed SYNs at this size, nine in ten answered twice, and check held against the read loop.
    expect(measured("flood")).toEqual(["read-loop", "summary", "check", "ndjson"]);
    expect(report.inputs.find((input) => input.name === "flood")?.frames).toBe(1000 + 2 * 900);
    expect(report.targets.map((target) => `${target.input}: ${target.target}`)).toContain(
      "flood: check within 5x of the read loop",
    );
    // Each complexity capture is timed with each command against the in-order one of as many segments.
    const complexity = [
      "descending-2000",
      "shuffled-2000",
      "gappy-2000",
      "duplicate-acks-125-2500",
      "scattered-duplicate-acks-125-2500",
      "scattered-then-acked-data-125-2500",
      "retransmissions-125-2500",
      "first-repeats-13-2612",
      "fin-repeats-125-2500",
      "fin-crossings-125-2500",
      "overlapping-repeats-13-2612",
      "resets-125-2500",
      "tail-repeats-125-2500",
    ];
    for (const input of [...complexity, "in-order-2000", "in-order-2625"])
      expect(measured(input)).toEqual(["summary", "check", "ndjson"]);
    const judged = report.targets
      .filter((target) => complexity.includes(target.input))
      .map((target) => `${target.input}: ${target.target}`);
    expect(judged).toContain("descending-2000: summary within 2x of in-order-2000");
    expect(judged).toContain("retransmissions-125-2500: ndjson within 2x of in-order-2625");
    expect(judged).toContain("fin-repeats-125-2500: summary within 2x of in-order-2625");
    expect(judged).toHaveLength(complexity.length * 3);
    for (const result of report.results) {
      expect(result.runs).toHaveLength(1);
      expect(result.medianSeconds).toBeGreaterThan(0);
      expect(result.packetsPerSecond).toBeGreaterThan(0);
    }
    expect(report.targets.length).toBeGreaterThan(0);
    // Without peers only the read loop's budget can be judged.
    const floor = report.results.find((result) => result.input === "synthetic" && result.case === "flow-floor")!;
    const readLoop = report.results.find((result) => result.input === "synthetic" && result.case === "read-loop")!;
    expect(report.budgets).toEqual([
      {
        input: "synthetic",
        budget: "check within 5x of the read loop",
        allowedSeconds: expect.closeTo(readLoop.medianSeconds * 5, 3),
        floorSeconds: floor.medianSeconds,
        floorShare: expect.closeTo(floor.medianSeconds / (readLoop.medianSeconds * 5), 3),
      },
    ]);
    expect(run.stdout).toMatch(/\| read-loop +\| plain Node loop over the records/);
    expect(run.stdout).toContain("targets:");
    expect(run.stdout).toMatch(/\| synthetic +\| check within 5x of the read loop +\| +[\d.]+ \| +[\d.]+ \| +\d+% +\|/);
    // About a minute on a quiet machine; a loaded one (the CPUs shared with other work) takes several times that.
  }, 300_000);
});
