import { describe, expect, it } from "vitest";
import { records, runCli } from "../helpers/cli.js";

const MANY = "fixtures/loopback/many-connections.pcap";
const SEED = "fixtures/seed/seed-9502.pcap";

describe("--filter", () => {
  const streamsOf = (args: string[]) => [
    ...new Set(
      records(runCli([MANY, "--format", "ndjson", ...args]).stdout)
        .filter((r) => r["type"] === "segment")
        .map((r) => r["stream"]),
    ),
  ];
  const toRefusedPort = streamsOf(["--port", "9561"]);

  it("chooses the same connections in every command", () => {
    expect(toRefusedPort).toHaveLength(5);
    expect(streamsOf(["--filter", "dst port 9561"])).toEqual(toRefusedPort);
    const summary = JSON.parse(runCli(["summary", MANY, "--format", "json", "--filter", "dst port 9561"]).stdout) as {
      connections: Array<{ stream: number }>;
    };
    expect(summary.connections.map((c) => c.stream)).toEqual(toRefusedPort);
    const diagram = runCli(["diagram", MANY, "--filter", "dst port 9561"]).stdout;
    expect(diagram.match(/^stream \d+$/gm)).toEqual(toRefusedPort.map((stream) => `stream ${stream}`));
    const check = runCli(["check", MANY, "--forbid", "refused", "--filter", "not dst port 9561"]);
    expect(check.stdout).toMatch(
      /^PASS {2}no refused connection {2}\[--forbid refused\] {2}\(35 connections checked\)$/m,
    );
    expect(check.status).toBe(0);
  });

  it("combines with --port, --host and --stream: a connection must match them all", () => {
    expect(streamsOf(["--filter", "dst port 9561", "--stream", String(toRefusedPort[0])])).toEqual([toRefusedPort[0]]);
    expect(streamsOf(["--filter", "dst port 9561", "--port", "9560"])).toEqual([]);
  });

  it("an expression that cannot be read: exit 2, what is wrong with the bad word underlined, nothing read", () => {
    const run = runCli([MANY, "--filter", "dst port 9561 or host"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "error: option '--filter <expression>' argument 'dst port 9561 or host' is invalid. expected an address at the end\n" +
        "  dst port 9561 or host\n" +
        "                       ^\n" +
        "(add --help for the options)\n",
    );
  });
});

describe("a selection that matches nothing", () => {
  const NOTICE = "tcp-annotate: warning: no connection matched --stream 5 (the capture holds 1 connection: stream 0)\n";

  it.each([
    [[]],
    [["--format", "ndjson"]],
    [["--brief"]],
    [["summary"]],
    [["diagram"]],
    [["diagram", "--format", "mermaid"]],
    [["report"]],
  ])("says so on stderr: %j", (args) => {
    const run = runCli([...args, SEED, "--stream", "5"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(NOTICE);
  });

  it("says so for check too, whose rule then fails as matching nothing", () => {
    const run = runCli(["check", SEED, "--expect", "handshake", "--filter", "port 80"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'tcp-annotate: warning: no connection matched --filter "port 80" (the capture holds 1 connection: stream 0)\n',
    );
    expect(run.stdout).toContain("(no connection matched this rule)");
  });

  it("says nothing when a selection matched, or when there was none", () => {
    expect(runCli([SEED, "--stream", "0"]).stderr).toBe("");
    expect(runCli(["summary", SEED]).stderr).toBe("");
  });
});
