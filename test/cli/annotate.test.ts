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
    expect(run.stdout.split("\n")[0]).toBe(`${SEED}: pcap, microsecond timestamps, little-endian; link type LINUX_SLL2`);
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
    expect(line).toMatch(/\[F\.\]\s+seq 19\s+ack 9\s+len 0\s+TIME_WAIT\s+LAST_ACK\s+teardown 3\/4/);
    expect(run.stdout).toContain("TIME_WAIT for 2MSL (60 s here)");
  });

  it("prints no colour codes when stdout is not a terminal", () => {
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("closes with the counts", () => {
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("11 frames: 11 TCP segments in 1 connection, 0 other frames skipped.");
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
    expect(lines[0]).toMatchObject({ type: "capture", file: SEED, format: "pcap", linkTypes: ["LINUX_SLL2"], gzip: false });
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
      expect(Object.keys(segment)).toEqual(expect.arrayContaining(["time", "src", "sport", "dst", "dport", "win", "text"]));
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
  const streamsOf = (args: string[]) =>
    [...new Set(records(runCli([MANY, "--format", "ndjson", ...args]).stdout).filter((r) => r["type"] === "segment").map((r) => r["stream"]))];

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
