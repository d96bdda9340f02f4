import { spawnSync } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { records, ROOT, runCli } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";

interface Row {
  packets: { client: number; server: number };
  bytes: { client: number; server: number };
}

const bench = (script: string, args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, "scripts", "bench", script), ...args], { encoding: "utf8" });

/** The benchmark's floor must count what summary counts, or its time bounds nothing. */
describe("the flow floor (scripts/bench/flow-floor.mjs)", () => {
  const capture = join(scratchFolder("floor"), "generated.pcap");

  it("counts a generated capture's connections, packets and payload bytes as summary does", () => {
    expect(bench("generate.mjs", [capture, "--connections", "300"]).status).toBe(0);
    const run = bench("flow-floor.mjs", [capture]);
    expect(run.status).toBe(0);
    const floor = JSON.parse(run.stdout) as {
      records: number;
      segments: number;
      connections: number;
      packets: number;
      fromLowerEnd: number;
      bytes: number;
      ended: number;
    };
    const summary = runCli(["summary", capture, "--format", "ndjson"]);
    expect(summary.status).toBe(0);
    const rows = records(summary.stdout).filter((record) => record["packets"] !== undefined) as unknown as Row[];
    const sum = (pick: (row: Row) => number) => rows.reduce((total, row) => total + pick(row), 0);
    expect(rows.length).toBe(300);
    expect(floor.connections).toBe(rows.length);
    expect(floor.segments).toBe(floor.records);
    expect(floor.packets).toBe(sum((row) => row.packets.client + row.packets.server));
    expect(floor.bytes).toBe(sum((row) => row.bytes.client + row.bytes.server));
    expect(floor.fromLowerEnd).toBeGreaterThan(0);
    expect(floor.fromLowerEnd).toBeLessThan(floor.packets);
  });

  it("refuses a file it cannot read at fixed offsets, naming it", () => {
    const run = bench("flow-floor.mjs", [join(ROOT, "fixtures", "seed", "seed-9502.pcapng")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/seed-9502\.pcapng: not a little-endian microsecond pcap file/);
  });
});

/** The encoding floor must encode what the timeline writes, byte for byte, or its time bounds nothing. */
describe("the encoding floor (scripts/bench/encode-floor.mjs)", () => {
  const path = join(scratchFolder("encode"), "timeline.ndjson");

  it("stringifies the records of an NDJSON timeline back to the file's own bytes", () => {
    const timeline = runCli([join("fixtures", "seed", "seed-9502.pcap"), "--format", "ndjson"]);
    expect(timeline.status).toBe(0);
    writeFileSync(path, timeline.stdout);
    const run = bench("encode-floor.mjs", [path]);
    expect(run.status).toBe(0);
    const floor = JSON.parse(run.stdout) as { records: number; bytes: number };
    expect(floor.records).toBe(records(timeline.stdout).length);
    expect(floor.bytes).toBe(statSync(path).size);
  });
});

/** The table's timing must draw what summary prints, or its milliseconds are of something else. */
describe("the table's cost (scripts/bench/summary-table.mjs)", () => {
  it("draws as many bytes as summary prints for the same capture", () => {
    const capture = join("fixtures", "seed", "seed-9502.pcap");
    const summary = runCli(["summary", capture, "--no-color"]);
    expect(summary.status).toBe(0);
    const run = bench("summary-table.mjs", [join(ROOT, capture)]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 1, bytes: Buffer.byteLength(summary.stdout) });
  });
});
