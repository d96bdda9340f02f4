import { describe, expect, it } from "vitest";
import { records, runCli } from "../helpers/cli.js";

const FLOOD = "fixtures/crafted/findings-syn-flood.pcap";
const BUSY = "fixtures/crafted/findings-busy-client.pcap";
const DEAD = "fixtures/crafted/findings-keepalive-dead.pcap";
const SCAN = "fixtures/shared/synscan.pcapng";

describe("findings in the output (docs/findings.md)", () => {
  it("NDJSON: a finding record after the connection records and before the end record; none on busy normal traffic", () => {
    const flood = records(runCli([FLOOD, "--format", "ndjson"]).stdout).map((record) => record["type"]);
    expect(flood.slice(-3)).toEqual(["connection", "finding", "end"]);
    const finding = records(runCli(["summary", SCAN, "--format", "ndjson"]).stdout).find(
      (record) => record["type"] === "finding",
    );
    expect(finding).toMatchObject({ kind: "port-scan", ports: 1000, open: [22, 53, 80] });
    expect(finding!["text"]).toContain("22, 53, 80");
    const busy = records(runCli([BUSY, "--format", "ndjson"]).stdout);
    expect(busy.filter((record) => record["type"] === "finding")).toEqual([]);
    expect(busy.at(-1)).toEqual({
      type: "end",
      frames: 2400,
      segments: 2400,
      connections: 300,
      skipped: {},
      warnings: {},
    });
  });

  it("text: the timeline's closing lines and the summary's section say it, in English and Chinese", () => {
    const timeline = runCli([DEAD, "--brief"]).stdout.trimEnd().split("\n").at(-1)!;
    expect(timeline).toMatch(/^Finding \(keepalive-timeout\): .*9 keep-alive probes, 75 s apart.* 2 h of idleness/);
    const summary = runCli(["summary", FLOOD, "--lang", "zh"]).stdout;
    expect(summary).toContain("发现 (syn-flood): SYN 泛洪");
    expect(summary).toContain("半连接队列:同时处于 SYN_RCVD 的连接最多 300 个");
    expect(runCli(["summary", BUSY]).stdout).not.toContain("Finding");
  });

  it("summary JSON: the findings beside the totals, the half-open queue's peak in them", () => {
    const json = JSON.parse(runCli(["summary", FLOOD, "--format", "json"]).stdout) as {
      totals: { halfOpenQueue: { peak: number } };
      findings: Array<{ kind: string }>;
    };
    expect(json.totals.halfOpenQueue.peak).toBe(300);
    expect(json.findings.map((finding) => finding.kind)).toEqual(["syn-flood"]);
  });

  it("check: --forbid syn-flood and --max-syn-rcvd fail on the flood and pass on busy normal traffic", () => {
    const flood = runCli(["check", FLOOD, "--forbid", "syn-flood", "--max-syn-rcvd", "299"]);
    expect(flood.status).toBe(1);
    expect(flood.stdout).toContain(
      "FAIL  no syn-flood in the capture  [--forbid syn-flood]  (syn-flood toward 192.0.2.1:80, frames 1-1240)",
    );
    expect(flood.stdout).toContain("(the most at once: 300, at 1700000002.990100 s since the epoch)");
    expect(runCli(["check", FLOOD, "--max-syn-rcvd", "300"]).status).toBe(0);
    const busy = runCli([
      "check",
      BUSY,
      "--forbid",
      "syn-flood",
      "--forbid",
      "port-scan",
      "--forbid",
      "keepalive-timeout",
      "--max-syn-rcvd",
      "1",
    ]);
    expect([busy.status, busy.stdout]).toEqual([0, expect.stringContaining("all passed")]);
    expect(runCli(["check", FLOOD, "--forbid", "syn-flood", "--syn-flood-connections", "301"]).status).toBe(0);
  });

  it("check: half-open is no rule name, since it could mean either thing", () => {
    const run = runCli(["check", BUSY, "--forbid", "half-open"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('"half-open" could mean two things: use one-side-gone');
  });
});

describe("findings in the HTML report", () => {
  it("a findings panel with the half-open queue's chart on the flood, none on busy normal traffic", () => {
    const flood = runCli(["report", FLOOD]).stdout;
    expect(flood).toMatch(
      /<section class="findings">\n<h2>Finding<\/h2>\n<ul>\n<li><strong>syn-flood<\/strong>: SYN flood toward 192\.0\.2\.1:80/,
    );
    expect(flood).toContain('<svg class="half-open-queue" role="img" aria-label="SYN_RCVD ≤ 300"');
    expect(runCli(["report", BUSY]).stdout).not.toContain('class="findings"');
  });
});
