import { describe, expect, it } from "vitest";
import { records, runCli } from "../helpers/cli.js";
import { readGolden } from "../helpers/fixtures.js";

const MANY = "fixtures/loopback/many-connections.pcap";

interface SummaryJson {
  connections: Array<{
    stream: number;
    verdict: string;
    zeek: { connState: string } | null;
    findings: Record<string, number>;
    handshake: { rtt: number | null };
  }>;
  totals: {
    connections: number;
    verdicts: Record<string, number>;
    handshakeLatency: { count: number; min: number; median: number; p95: number; max: number } | null;
  };
}

describe("tcp-annotate summary", () => {
  it("tells each connection's fate and counts them by verdict", () => {
    const run = runCli(["summary", MANY, "--format", "json"]);
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout) as SummaryJson;
    const streams = new Set(readGolden("loopback/many-connections.pcap").map((row) => row["tcp.stream"]));
    expect(summary.connections.map((c) => c.stream)).toEqual([...streams].map(Number).sort((a, b) => a - b));
    expect(summary.totals.verdicts).toEqual({ closed: 25, reset: 10, refused: 5 });
    const zeek = summary.connections.map((c) => c.zeek?.connState);
    expect(["SF", "RSTO", "RSTR", "REJ"].map((state) => zeek.filter((z) => z === state).length)).toEqual([25, 5, 5, 5]);
  });

  it("gives handshake latency over the completed handshakes only", () => {
    const { totals, connections } = JSON.parse(runCli(["summary", MANY, "--format", "json"]).stdout) as SummaryJson;
    const rtts = connections
      .filter((c) => c.verdict !== "refused")
      .map((c) => c.handshake.rtt!)
      .sort((a, b) => a - b);
    expect(totals.handshakeLatency).toMatchObject({ count: 35, min: rtts[0], max: rtts.at(-1), median: rtts[17] });
  });

  it("counts retransmissions as tshark flags them", () => {
    const golden = readGolden("shared/tcp_retransmissions.pcapng");
    const flagged = golden.filter((row) => row["tcp.analysis.retransmission"] === "1").length;
    const { connections } = JSON.parse(
      runCli(["summary", "fixtures/shared/tcp_retransmissions.pcapng", "--format", "json"]).stdout,
    ) as SummaryJson;
    expect(flagged).toBeGreaterThan(0);
    expect(connections[0]!.findings["retransmission"]).toBe(flagged);
  });

  it("prints a table and the totals lines", () => {
    const run = runCli(["summary", MANY]);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.at(-3)).toBe("40 connections: 25 closed gracefully, 10 reset, 5 refused.");
    expect(lines.at(-2)).toMatch(
      /^Handshake latency \(iRTT\) over 35 handshakes: min \d+us, median \d+us, p95 \d+us, max \d+us\.$/,
    );
    // Final states nothing confirms (the server after the last ACK) are marked, and the mark is said.
    expect(run.stdout).toContain(" / CLOSED? ");
    expect(lines.at(-1)).toBe("STATE? : not confirmed by that endpoint's own segments (inferred, or unknown)");
    expect(run.stdout).toMatch(/│\s+0 │ 127\.0\.0\.1:\d+ +│ 127\.0\.0\.1:9560 .*reset by the server/);
  });

  it("writes NDJSON connection records and a totals record", () => {
    const lines = records(runCli(["summary", "fixtures/seed/seed-9502.pcap", "--format", "ndjson"]).stdout);
    expect(lines.map((line) => line["type"])).toEqual(["connection", "totals"]);
    expect(lines[0]).toMatchObject({
      verdict: "closed",
      zeek: { connState: "SF", history: "ShADadFf" },
      completeness: 31,
    });
  });

  it("exits 2 on unreadable input", () => {
    expect(runCli(["summary", "README.md"]).status).toBe(2);
  });
});

describe("tcp-annotate summary on a segment after the connection was summarized", () => {
  const LATE = "fixtures/crafted/late-fin.pcap";

  it("warns of each late segment by file, frame and byte, and numbers the next stream as Wireshark does", () => {
    const run = runCli(["summary", LATE, "--format", "json"]);
    expect(run.status).toBe(0);
    const { connections } = JSON.parse(run.stdout) as SummaryJson;
    const golden = readGolden("crafted/late-fin.pcap");
    expect(connections.map((c) => c.stream)).toEqual([...new Set(golden.map((row) => Number(row["tcp.stream"])))]);
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      `tcp-annotate: warning: ${LATE}: frame 8, byte 416: a segment of stream 0, 10.0 s after its last one: the stream had ended (each side closed or in TIME_WAIT) and was let go of, so this segment is left out of it (its timeline, figures and verdicts)`,
      `tcp-annotate: warning: ${LATE}: frame 9, byte 472: a segment of stream 0, 10.0 s after its last one: the stream had ended (each side closed or in TIME_WAIT) and was let go of, so this segment is left out of it (its timeline, figures and verdicts)`,
    ]);
  });

  it("the timeline, which keeps every connection, puts them in their stream as tshark does", () => {
    const segments = records(runCli([LATE, "--format", "ndjson"]).stdout).filter(
      (record) => record["type"] === "segment",
    );
    expect(segments.map((segment) => segment["stream"])).toEqual(
      readGolden("crafted/late-fin.pcap").map((row) => Number(row["tcp.stream"])),
    );
  });
});

describe("tcp-annotate summary --format json", () => {
  it.each(["fixtures/loopback/many-connections.pcap", "fixtures/crafted/late-fin.pcap"])(
    "%s: written as it goes, it is what JSON.stringify writes",
    (capture) => {
      const { stdout } = runCli(["summary", capture, "--format", "json"]);
      expect(stdout).toBe(JSON.stringify(JSON.parse(stdout), null, 2) + "\n");
    },
  );

  it("with no connection chosen, an empty list", () => {
    const { stdout } = runCli(["summary", "fixtures/seed/seed-9502.pcap", "--port", "1", "--format", "json"]);
    expect(JSON.parse(stdout)).toMatchObject({ connections: [], totals: { connections: 0 } });
    expect(stdout).toBe(JSON.stringify(JSON.parse(stdout), null, 2) + "\n");
  });
});

describe("summary's columns", () => {
  const heads = (stdout: string) =>
    stdout
      .split("\n")[1]!
      .split("│")
      .map((cell) => cell.trim())
      .filter((cell) => cell !== "");
  const widest = (stdout: string) => Math.max(...stdout.split("\n").map((line) => [...line].length));
  const ALL = [
    "stream",
    "client",
    "server",
    "packets c→s / s→c",
    "bytes c→s / s→c",
    "duration",
    "iRTT",
    "opened",
    "ended",
    "final states c / s",
    "retrans.",
    "Zeek",
    "compl.",
  ];

  it("are all there in a pipe or a file, where nothing says how wide a line may be", () => {
    const run = runCli(["summary", MANY]);
    expect(heads(run.stdout)).toEqual(ALL);
    expect(run.stdout).not.toContain("Left out");
  });

  it("fit 80 and 100 columns (COLUMNS, as a terminal's width): the most telling first, and a line names those left out", () => {
    const at80 = runCli(["summary", MANY], { env: { COLUMNS: "80" } });
    const at100 = runCli(["summary", MANY], { env: { COLUMNS: "100" } });
    expect(heads(at80.stdout)).toEqual(["stream", "client", "server", "iRTT", "ended"]);
    expect(heads(at100.stdout)).toEqual(["stream", "client", "server", "iRTT", "ended", "final states c / s"]);
    expect(widest(at80.stdout)).toBeLessThanOrEqual(80);
    expect(widest(at100.stdout)).toBeLessThanOrEqual(100);
    expect(at80.stdout).toMatch(
      /Left out to fit the terminal: packets, bytes, duration, opened, states,\s+retrans, zeek, completeness/,
    );
    expect(runCli(["summary", MANY, "--width", "200"]).stdout).not.toContain("Left out");
  });

  it("--columns picks them, in its order, and wraps cells to the width rather than passing it", () => {
    const picked = runCli(["summary", MANY, "--columns", "states,stream,zeek"], { env: { COLUMNS: "80" } });
    expect(heads(picked.stdout)).toEqual(["final states c / s", "stream", "Zeek"]);
    const wrapped = runCli([
      "summary",
      "fixtures/seed/seed-9502-ipv6.pcap",
      "--columns",
      "stream,client,server,packets,bytes,zeek",
      "--width",
      "70",
    ]);
    expect(widest(wrapped.stdout)).toBeLessThanOrEqual(70);
    // The long heads wrap at their spaces first, then the widest cells.
    expect(
      wrapped.stdout
        .split("\n")
        .slice(1, 4)
        .map((line) => line.split("│")[4]!.trim()),
    ).toEqual(["packets", "c→s /", "s→c"]);
    expect(wrapped.stdout).toMatch(/│ +0 │ \[::1\]:404 *│ \[::1\]:950 *│ +6 \/ 5 │/);
    expect(wrapped.stdout).toContain("ShADadFf");
  });

  it("--columns with an unknown name: exit 2, naming it and the names it takes", () => {
    const run = runCli(["summary", MANY, "--columns", "stream,rtt"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'unknown column "rtt": choose from stream, client, server, packets, bytes, duration, irtt, opened, ended, states, retrans, zeek, completeness, or all.',
    );
  });

  it("leave JSON whole", () => {
    const json = JSON.parse(
      runCli(["summary", MANY, "--format", "json"], { env: { COLUMNS: "80" } }).stdout,
    ) as SummaryJson;
    expect(Object.keys(json.connections[0]!)).toEqual(expect.arrayContaining(["zeek", "findings", "handshake"]));
  });
});
