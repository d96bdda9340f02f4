import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const SEED = "fixtures/seed/seed-9502.pcap";
const scratch = mkdtempSync(join(tmpdir(), "tcp-annotate-report-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("tcp-annotate report", () => {
  it("-o writes the page to the file and nothing to stdout", () => {
    const file = join(scratch, "report.html");
    const run = runCli(["report", SEED, "-o", file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("");
    const page = readFileSync(file, "utf8");
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain(`<code>${SEED}</code>`);
    expect(page.match(/<g class="seg /g)).toHaveLength(11);
  });

  it("without -o prints the page, the same one", () => {
    const file = join(scratch, "same.html");
    runCli(["report", SEED, "--output", file]);
    expect(runCli(["report", SEED]).stdout).toBe(readFileSync(file, "utf8"));
  });

  it("--stream and --lang choose the connections and the language", () => {
    const page = runCli(["report", "fixtures/loopback/port-reuse.pcap", "--stream", "1", "--lang", "zh"]).stdout;
    expect(page).toContain('id="stream-1"');
    expect(page).not.toContain('id="stream-0"');
    expect(page).toContain("<h1>TCP 连接</h1>");
  });

  it("exits 2 with one line when the capture cannot be read", () => {
    const run = runCli(["report", "fixtures/malformed/empty.pcap", "-o", join(scratch, "empty.html")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^tcp-annotate: error: fixtures\/malformed\/empty\.pcap: [^\n]+\n$/);
  });

  it("exits 2 with one line when the report cannot be written", () => {
    const file = join(scratch, "missing-folder", "report.html");
    const run = runCli(["report", SEED, "-o", file]);
    expect(run.status).toBe(2);
    expect(existsSync(file)).toBe(false);
    expect(run.stderr).toMatch(/^tcp-annotate: error: .*missing-folder\/report\.html: cannot write the report: [^\n]+\n$/);
  });
});
