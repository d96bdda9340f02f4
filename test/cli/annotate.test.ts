import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, readGolden } from "../helpers/fixtures.js";
import { records, runCli, startCli } from "../helpers/cli.js";

const SEED = "fixtures/seed/seed-9502.pcap";
const seedGolden = readGolden("seed/seed-9502.pcap");
const rawSeq = (frame: number) => Number(seedGolden[frame - 1]!["tcp.seq_raw"]);

describe("tcp-annotate <capture> (text)", () => {
  const run = runCli([SEED]);

  it("exits 0 and names the file, its format and link type in the header", () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")[0]).toBe(
      `${SEED}: pcap, microsecond timestamps, little-endian; link type LINUX_SLL2`,
    );
  });

  it("labels the handshake and teardown steps on the right frames", () => {
    const steps = run.stdout
      .split("\n")
      .map((line) => /^\s+#(\d+)\s.*\b(handshake|teardown) (\d)\/(\d)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => `${match[1]} ${match[2]} ${match[3]}/${match[4]}`);
    expect(steps).toEqual([
      "1 handshake 1/3",
      "2 handshake 2/3",
      "3 handshake 3/3",
      "8 teardown 1/4",
      "9 teardown 2/4",
      "10 teardown 3/4",
      "11 teardown 4/4",
    ]);
  });

  it("quotes this capture's own ISNs j and k and the acks j+1 and k+1", () => {
    const j = rawSeq(1);
    const k = rawSeq(2);
    expect(run.stdout).toContain(`initial sequence number j = ${j}.`);
    expect(run.stdout).toContain(`initial sequence number k = ${k} and ack = j+1 = ${j + 1}`);
    expect(run.stdout).toContain(`ack = k+1 = ${k + 1}`);
  });

  it("shows both endpoints' states after each segment", () => {
    const line = run.stdout.split("\n").find((l) => /^\s+#10\s/.test(l));
    expect(line).toBe(
      "    #10  0.451112 s→c [F.]           19          9     0 TIME_WAIT    LAST_ACK     teardown 3/4",
    );
    expect(run.stdout).toContain("TIME_WAIT for 2MSL (60 s here)");
  });

  it("prints no colour codes when stdout is not a terminal", () => {
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("closes with the counts", () => {
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
      "11 frames: 11 TCP segments in 1 connection, 0 other frames skipped.",
    );
  });
});

describe("the segment lines' columns", () => {
  /** Where each state column starts, per segment line (the client's state follows the length). */
  const stateColumns = (stdout: string) =>
    stdout
      .split("\n")
      .filter((line) => /^\s+#\d+ /.test(line))
      .map((line) => /^(.* \d+ )[A-Z][A-Z_0-9]+\s/.exec(line)![1]!.length);

  it("line up whatever the numbers: lengths of 1406 and 2048 bytes, raw 10-digit sequence numbers, frames past #9", () => {
    for (const args of [["fixtures/shared/tcp_ports.pcapng"], ["fixtures/loopback/zero-window.pcap", "--absolute"]]) {
      const run = runCli(args);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/ (1406|2048) [A-Z]/);
      expect(run.stdout).toMatch(/ #\d{2,} /);
      expect(new Set(stateColumns(run.stdout))).toEqual(new Set([stateColumns(run.stdout)[0]]));
    }
  });
});

describe("--time", () => {
  const MIXED = "fixtures/loopback/mixed.pcap";
  const golden = readGolden("loopback/mixed.pcap");
  /** The time cell of each segment line, by frame. */
  const times = (args: string[]) =>
    new Map(
      runCli([MIXED, "--brief", ...args], { env: { TZ: "UTC" } })
        .stdout.split("\n")
        .map((line) => /^\s+#(\d+)\s+(.+?) [cs]→[cs] /.exec(line))
        .filter((match) => match !== null)
        .map((match) => [Number(match[1]), match[2]!]),
    );
  const epoch = (frame: number) => golden.find((row) => row["frame.number"] === String(frame))!["frame.time_epoch"]!;
  const frames = [...times([]).keys()];

  it("by default counts from each connection's first segment, so a connection that starts later starts at 0", () => {
    const shown = times([]);
    expect(shown.get(1)).toBe("0.000000");
    expect(shown.get(12)).toBe("0.000000");
  });

  it("epoch, since-first and delta agree with the capture's timestamps (tshark's frame.time_epoch)", () => {
    const [byEpoch, sinceFirst, delta] = [
      times(["--time", "epoch"]),
      times(["--time", "since-first"]),
      times(["--time", "delta"]),
    ];
    for (const [index, frame] of frames.entries()) {
      expect(byEpoch.get(frame)).toBe(epoch(frame).slice(0, -3));
      expect(Number(sinceFirst.get(frame))).toBeCloseTo(Number(epoch(frame)) - Number(epoch(frames[0]!)), 6);
      const previous = index === 0 ? frame : frames[index - 1]!;
      expect(Number(delta.get(frame))).toBeCloseTo(Number(epoch(frame)) - Number(epoch(previous)), 6);
    }
  });

  it("clock and date in the local time zone, as tcpdump prints them; none leaves the column out", () => {
    const seconds = Number(epoch(1).split(".")[0]);
    const utc = new Date(seconds * 1000).toISOString();
    const clock = `${utc.slice(11, 19)}.${epoch(1).split(".")[1]!.slice(0, 6)}`;
    expect(times(["--time", "clock"]).get(1)).toBe(clock);
    expect(times(["--time", "date"]).get(1)).toBe(`${utc.slice(0, 10)} ${clock}`);
    const none = runCli([MIXED, "--brief", "--time", "none"]).stdout.split("\n");
    expect(none[3]).toMatch(/^ {2}frame dir flags/);
    expect(none[4]).toMatch(/^ {5}#1 c→s \[S\] /);
  });

  it("an unknown format: exit 2, listing the formats", () => {
    const run = runCli([MIXED, "--time", "utc"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("choose one of connection, since-first, delta, clock, date, epoch, none.");
  });
});

describe("--brief", () => {
  const run = runCli([SEED, "--brief"]);
  const full = runCli([SEED]);
  const segmentLines = (stdout: string) => stdout.split("\n").filter((line) => /^\s+#\d+ /.test(line));

  it("prints one line per segment, the same lines as the full timeline, without the explanations", () => {
    expect(run.status).toBe(0);
    expect(segmentLines(run.stdout)).toHaveLength(11);
    expect(segmentLines(run.stdout)).toEqual(segmentLines(full.stdout));
    expect(run.stdout).not.toContain("The client opens the connection");
    expect(run.stdout.split("\n").filter((line) => line.startsWith("        "))).toEqual([]);
  });

  it("keeps the capture header, the connection's heading and the closing counts", () => {
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(full.stdout.split("\n")[0]);
    expect(lines[2]).toBe("stream 0: client 127.0.0.1:42074 ⇄ server 127.0.0.1:9502");
    expect(lines.at(-1)).toBe("11 frames: 11 TCP segments in 1 connection, 0 other frames skipped.");
  });

  it("on 80 columns leaves the frame out (tcpdump shows none) to keep both states and the step on the line", () => {
    const narrow = runCli([SEED, "--brief"], { env: { COLUMNS: "80" } }).stdout.split("\n");
    expect(narrow.find((line) => line.includes("[S]"))).toBe(
      " 0.000000 c→s [S]         0      -     0 SYN_SENT     SYN_RCVD     handshake 1/3",
    );
    for (const line of narrow) expect([...line].length).toBeLessThanOrEqual(80);
  });
});

describe("--lang zh", () => {
  it("speaks Chinese with the same steps and numbers", () => {
    const run = runCli([SEED, "--lang", "zh"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("握手 1/3");
    expect(run.stdout).toContain("挥手 4/4");
    expect(run.stdout).toContain(`初始序列号 j = ${rawSeq(1)}`);
    expect(run.stdout).toContain("TIME_WAIT 状态停留 2MSL");
  });
});

describe("--format ndjson", () => {
  const run = runCli([SEED, "--format", "ndjson"]);
  const lines = records(run.stdout);

  it("starts with the capture record and ends with connection and end records", () => {
    expect(lines[0]).toMatchObject({
      type: "capture",
      file: SEED,
      format: "pcap",
      linkTypes: ["LINUX_SLL2"],
      gzip: false,
    });
    expect(lines.at(-2)).toMatchObject({
      type: "connection",
      stream: 0,
      verdict: "closed",
      close: { kind: "four-way", by: "client" },
      handshake: { outcome: "complete" },
      finalStates: { client: "TIME_WAIT", server: "CLOSED" },
      packets: { client: 6, server: 5 },
      bytes: { client: 7, server: 18 },
    });
    expect(lines.at(-1)).toEqual({ type: "end", frames: 11, segments: 11, connections: 1, skipped: {}, warnings: {} });
  });

  it("gives every segment the contract's fields", () => {
    const segments = lines.filter((line) => line["type"] === "segment");
    expect(segments).toHaveLength(11);
    expect(segments[1]).toMatchObject({
      frame: 2,
      stream: 0,
      from: "server",
      flags: ["ACK", "SYN"],
      seq: 0,
      ack: 1,
      rawSeq: rawSeq(2),
      rawAck: rawSeq(1) + 1,
      len: 0,
      analysis: [],
      states: { client: "ESTABLISHED", server: "SYN_RCVD" },
      step: { phase: "handshake", n: 2, of: 3 },
    });
    expect(segments[0]!["ack"]).toBeNull();
    for (const segment of segments) {
      expect(Object.keys(segment)).toEqual(
        expect.arrayContaining(["time", "src", "sport", "dst", "dport", "win", "text"]),
      );
    }
  });
});

describe("standard input", () => {
  it("reads '-' like a file", () => {
    const run = runCli(["-", "--format", "ndjson"], { input: readFileSync(join(FIXTURES, "seed/seed-9502.pcap")) });
    expect(run.status).toBe(0);
    const file = records(runCli([SEED, "--format", "ndjson"]).stdout).slice(1);
    expect(records(run.stdout).slice(1)).toEqual(file);
  });

  it("annotates a live capture as it arrives, before the input ends", async () => {
    const bytes = readFileSync(join(FIXTURES, "seed/seed-9502.pcap"));
    const child = startCli(["-", "--format", "ndjson"]);
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    // The header and the first three records (the handshake) only; the rest comes later.
    const handshakeEnd = 24 + [1, 2, 3].reduce((sum, frame) => sum + 16 + frameLength(bytes, frame), 0);
    child.stdin.write(bytes.subarray(0, handshakeEnd));
    await waitFor(() => stdout.includes('"frame":3'), 5000);
    expect(stdout).toContain('"step":{"phase":"handshake","n":3,"of":3}');
    child.stdin.end(bytes.subarray(handshakeEnd));
    await new Promise((resolve) => child.on("close", resolve));
    expect(stdout).toContain('"type":"end"');
  });
});

describe("narrowing", () => {
  const MANY = "fixtures/loopback/many-connections.pcap";
  const streamsOf = (args: string[]) => [
    ...new Set(
      records(runCli([MANY, "--format", "ndjson", ...args]).stdout)
        .filter((r) => r["type"] === "segment")
        .map((r) => r["stream"]),
    ),
  ];

  it("--stream keeps only the chosen streams", () => {
    expect(streamsOf(["--stream", "2,5"])).toEqual([2, 5]);
  });

  it("--port and --host select by either side", () => {
    const golden = readGolden("loopback/many-connections.pcap");
    const clientPort = Number(golden.find((row) => row["tcp.stream"] === "3")!["tcp.srcport"]);
    expect(streamsOf(["--port", String(clientPort)])).toContain(3);
    expect(streamsOf(["--host", "10.9.9.9"])).toEqual([]);
    expect(streamsOf(["--host", "127.0.0.1"]).length).toBeGreaterThan(5);
  });
});

describe("several files", () => {
  it("are read as one capture: frame numbers go on, connections span files", () => {
    const run = runCli([SEED, SEED, "--format", "ndjson"]);
    const end = records(run.stdout).at(-1);
    expect(end).toMatchObject({ frames: 22, segments: 22, connections: 1 });
  });
});

describe("bad input", () => {
  it("not a capture: one line naming the file and offset, exit 2", () => {
    const run = runCli(["README.md"]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^tcp-annotate: error: README\.md: byte 0: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("a missing file: exit 2 and a plain reason", () => {
    const run = runCli(["fixtures/no-such-file.pcap"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("no such file or directory");
  });

  it("a last record cut short: everything before is reported, a warning, exit 0 (2 with --strict)", () => {
    const run = runCli(["fixtures/malformed/pcap-last-record-cut.pcap", "--format", "ndjson"]);
    expect(run.status).toBe(0);
    expect(records(run.stdout).some((r) => r["type"] === "warning" && r["kind"] === "truncated")).toBe(true);
    expect(runCli(["fixtures/malformed/pcap-last-record-cut.pcap", "--strict"]).status).toBe(2);
  });

  it("an impossible length: frames before it are reported, then the error, exit 2", () => {
    const run = runCli(["fixtures/malformed/pcap-caplen-4gib.pcap", "--format", "ndjson"]);
    expect(run.status).toBe(2);
    expect(records(run.stdout).at(-1)).toMatchObject({ type: "end", frames: 1 });
    expect(run.stderr).toMatch(/frame 2, byte 44: .*4294967295/);
  });

  it("a usage error exits 2 with commander's message", () => {
    const run = runCli([SEED, "--format", "xml"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("choose one of text, ndjson");
  });
});

/** The captured length of a classic pcap record (little-endian), by 1-based number. */
function frameLength(bytes: Buffer, frame: number): number {
  let offset = 24;
  for (let i = 1; i < frame; i++) offset += 16 + bytes.readUInt32LE(offset + 8);
  return bytes.readUInt32LE(offset + 8);
}

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for output");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
