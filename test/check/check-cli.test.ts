import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { TcpFlag } from "../../src/decode/segment.js";
import { runCli } from "../helpers/cli.js";
import { readGolden } from "../helpers/fixtures.js";

const MANY = "fixtures/loopback/many-connections.pcap";
const golden = readGolden("loopback/many-connections.pcap").filter((row) => row["tcp.seq_raw"] !== "");

/** From tshark's golden: the streams in which the given side sent a RST (the server is where the SYN went). */
function streamsWithRstFrom(side: "client" | "server"): number[] {
  const serverPort = new Map(
    golden
      .filter((row) => row["tcp.flags"] === "0x0002")
      .map((row) => [row["tcp.stream"], row["tcp.srcport"] === undefined ? "" : row["tcp.dstport"]]),
  );
  const streams = golden.filter((row) => {
    const fromServer = row["tcp.srcport"] === serverPort.get(row["tcp.stream"]);
    return Number(row["tcp.flags"]) & TcpFlag.RST && (side === "server") === fromServer;
  });
  return [...new Set(streams.map((row) => Number(row["tcp.stream"])))].sort((a, b) => a - b);
}

interface JsonReport {
  passed: boolean;
  connections: number;
  rules: Array<{
    rule: string;
    status: string;
    checked: number;
    broke: number;
    offenders: Array<{ stream: number; frames: number[]; reason: string }>;
  }>;
}

function checkJson(args: string[]): { status: number | null; report: JsonReport } {
  const run = runCli(["check", MANY, "--format", "json", ...args]);
  return { status: run.status, report: JSON.parse(run.stdout) as JsonReport };
}

describe("tcp-annotate check", () => {
  it("exits 0 when every rule passes", () => {
    const run = runCli(["check", "fixtures/seed/seed-9502.pcap", "--rules", "examples/tcp-rules.yaml"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("9 rules, all passed");
  });

  it("finds exactly the streams where the server or the client sent a RST", () => {
    const fromServer = checkJson(["--forbid", "rst-from-server"]);
    expect(fromServer.status).toBe(1);
    const offenders = fromServer.report.rules[0]!.offenders;
    expect(offenders.map((o) => o.stream)).toEqual(streamsWithRstFrom("server"));
    expect(offenders[0]!.reason).toMatch(/aborts the connection with RST|refuse|answers the SYN with RST/);
    const fromClient = checkJson(["--forbid", "rst-from-client"]);
    expect(fromClient.report.rules[0]!.offenders.map((o) => o.stream)).toEqual(streamsWithRstFrom("client"));
  });

  it("names each RST frame of an offending stream", () => {
    const { report } = checkJson(["--forbid", "rst"]);
    const frames = report.rules[0]!.offenders.flatMap((o) => o.frames).sort((a, b) => a - b);
    const rstFrames = golden
      .filter((row) => Number(row["tcp.flags"]) & TcpFlag.RST)
      .map((row) => Number(row["frame.number"]));
    expect(frames).toEqual(rstFrames);
  });

  it("counts refused connections, and passes connection counts", () => {
    const { status, report } = checkJson(["--forbid", "refused", "--connections", "40", "--min-connections", "41"]);
    expect(status).toBe(1);
    const [refused, exactly, atLeast] = report.rules;
    // Refused: a RST and no SYN-ACK in the stream.
    const accepted = new Set(golden.filter((row) => row["tcp.flags"] === "0x0012").map((row) => row["tcp.stream"]));
    const refusedStreams = new Set(
      golden
        .filter((row) => Number(row["tcp.flags"]) & TcpFlag.RST && !accepted.has(row["tcp.stream"]))
        .map((row) => Number(row["tcp.stream"])),
    );
    expect(refused!.offenders.map((o) => o.stream).sort((a, b) => a - b)).toEqual(
      [...refusedStreams].sort((a, b) => a - b),
    );
    expect(exactly!.status).toBe("pass");
    expect(atLeast!.status).toBe("fail");
  });

  it("lists at most --max-offenders offending streams per rule, the lowest, and counts the rest", () => {
    const all = streamsWithRstFrom("server");
    const { status, report } = checkJson(["--forbid", "rst-from-server", "--max-offenders", "2"]);
    expect(status).toBe(1);
    expect(report.rules[0]).toMatchObject({ status: "fail", broke: all.length });
    expect(report.rules[0]!.offenders.map((o) => o.stream)).toEqual(all.slice(0, 2));
    const text = runCli(["check", MANY, "--forbid", "rst-from-server", "--max-offenders", "2"]).stdout;
    expect(text).toContain(`${all.length} broke it)`);
    expect(text.match(/^ {6}stream \d+/gm)).toHaveLength(2);
    expect(text).toContain(`      ... and ${all.length - 2} more connections broke it (--max-offenders N lists more)`);
    // Listing none still fails the rule, with the count.
    const none = checkJson(["--forbid", "rst-from-server", "--max-offenders", "0"]);
    expect(none.status).toBe(1);
    expect(none.report.rules[0]).toMatchObject({ status: "fail", broke: all.length, offenders: [] });
    expect(runCli(["check", MANY, "--forbid", "rst", "--max-offenders", "-1"]).status).toBe(2);
  });

  it("reports a rule that matched no connection instead of passing it", () => {
    const { status, report } = checkJson(["--expect", "handshake", "--port", "1"]);
    expect(status).toBe(1);
    expect(report.rules[0]).toMatchObject({ status: "no-match", checked: 0 });
  });

  it("writes JUnit XML: one testcase per rule, failures carry the offending frames", () => {
    const run = runCli([
      "check",
      MANY,
      "--format",
      "junit",
      "--expect",
      "handshake",
      "--forbid",
      "rst-from-server",
      "--forbid",
      "refused",
    ]);
    expect(run.status).toBe(1);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(run.stdout) as {
      testsuites: {
        tests: string;
        failures: string;
        testsuite: { testcase: Array<{ name: string; failure?: { message: string; "#text": string } }> };
      };
    };
    const cases = xml.testsuites.testsuite.testcase;
    expect(cases.map((c) => c.name)).toEqual([
      "every connection completes its handshake",
      "no RST from the server",
      "no refused connection",
    ]);
    // Refused connections also fail the handshake rule.
    expect(xml.testsuites.failures).toBe("3");
    expect(cases[1]!.failure!["#text"]).toMatch(/^stream \d+ \(127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+\) frames? \d+/m);
  });

  it("exits 2 with the bad key named when the rules cannot be read", () => {
    const run = runCli(["check", MANY, "--rules", "package.json"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/package\.json: unknown key "name"/);
    expect(runCli(["check", MANY]).status).toBe(2);
  });

  it("exits 2 when the capture cannot be read", () => {
    const run = runCli(["check", "README.md", "--expect", "handshake"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^tcp-annotate: error: README\.md: byte 0/);
  });

  it("says on stderr when a segment came after its connection was judged and let go of", () => {
    // The server's FIN comes again 10 s after the close: past the 5 s close delay.
    const run = runCli(["check", "fixtures/crafted/late-fin.pcap", "--max-retransmissions", "0", "--connections", "2"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /late-fin\.pcap: frame 8, byte 416: a segment of stream 0, 10\.0 s after its last one: .* left out of it \(its timeline, figures and verdicts\)/,
    );
    expect(run.stdout).toContain("2 connections, 2 rules, all passed");
  });
});
