import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "../../src/explain/catalog/index.js";
import { runCli } from "../helpers/cli.js";
import { GOLDENS } from "../render/diagram/golden-cases.js";

const SEED = "fixtures/seed/seed-9502.pcap";
const golden = (name: string) => readFileSync(join(GOLDENS, name), "utf8");
/** The terminal ladders, then once what the ? after a state means (the Markdown says it under each diagram). */
const drawn = (name: string, language: "en" | "zh" = "en") =>
  `${golden(name)}\n${CATALOGS[language].words.text.unconfirmedLegend}\n`;

describe("tcp-annotate diagram", () => {
  it("draws the terminal ladder of the golden, 80 columns and no colour when not a terminal", () => {
    const run = runCli(["diagram", SEED]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(drawn("seed.txt"));
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("--format mermaid writes the Markdown of the golden", () => {
    const run = runCli(["diagram", SEED, "--format", "mermaid"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(golden("seed.md"));
  });

  it("--lang zh and --width choose the language and the columns", () => {
    expect(runCli(["diagram", SEED, "--lang", "zh"]).stdout).toBe(drawn("seed.zh.txt", "zh"));
    expect(runCli(["diagram", SEED, "--width", "60"]).stdout).toBe(drawn("seed.width-60.txt"));
  });

  it("draws one diagram per stream, and --stream, --port, --host choose them", () => {
    const both = runCli(["diagram", "fixtures/loopback/port-reuse.pcap"]).stdout;
    expect(both.match(/^stream \d+$/gm)).toEqual(["stream 0", "stream 1"]);
    expect(runCli(["diagram", "fixtures/shared/tcp_ports.pcapng", "--stream", "2"]).stdout).toBe(golden("folded.txt"));
    expect(runCli(["diagram", "fixtures/shared/tcp_ports.pcapng", "--port", "2828"]).stdout).toBe(golden("folded.txt"));
    const none = runCli(["diagram", SEED, "--host", "192.0.2.1"]);
    expect(none.status).toBe(0);
    expect(none.stdout).toBe("");
    expect(none.stderr).toBe(
      "tcp-annotate: warning: no connection matched --host 192.0.2.1 (the capture holds 1 connection: stream 0)\n",
    );
    const empty = runCli(["diagram", "fixtures/malformed/unknown-link-type-only.pcap"]);
    expect(empty.stderr).not.toContain("no connection matched");
  });

  it("--full draws every segment of a long connection", () => {
    const full = runCli(["diagram", "fixtures/shared/tcp_ports.pcapng", "--stream", "2", "--full"]).stdout;
    expect(full.match(/^#\d+ /gm)).toHaveLength(103);
    expect(full).not.toContain(" segments (frames ");
  });

  it("reads what it can of a damaged capture, then exits 2 with one line naming the file", () => {
    const run = runCli(["diagram", "fixtures/malformed/not-a-capture.txt"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^tcp-annotate: error: fixtures\/malformed\/not-a-capture\.txt: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
