import { spawn } from "node:child_process";
import { copyFileSync, existsSync, linkSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT, runCli, runCliAsync } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";

const SEED = "fixtures/seed/seed-9502.pcap";
const scratch = scratchFolder("report");

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
    expect(run.stderr).toMatch(
      /^tcp-annotate: error: .*missing-folder\/report\.html: cannot write the report: [^\n]+\n$/,
    );
  });
});

describe("report -o, checked before any capture is read", () => {
  /** The command reading standard input that never ends: it can only end by what it checks first. */
  function reportFromEndlessInput(output: string): Promise<{ status: number | null; stderr: string }> {
    const child = spawn(process.execPath, [CLI, "report", "-", "-o", output], {
      cwd: ROOT,
      stdio: ["pipe", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    return new Promise((resolve) =>
      child.on("close", (status) => {
        clearTimeout(kill);
        resolve({ status, stderr });
      }),
    );
  }

  it.concurrent.for([
    [
      "a folder that does not exist",
      join(scratch, "no-such-folder", "r.html"),
      "cannot write the report: ENOENT: no such file or directory",
    ],
    ["a directory", scratch, "cannot write the report: EISDIR"],
  ] as const)("%s: exit 2 at once, while the capture is still coming", async ([, output, error], { expect }) => {
    const run = await reportFromEndlessInput(output);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^tcp-annotate: error: [^\n]+\n$/);
    expect(run.stderr).toContain(error);
  });

  /** A copy of the seed capture, and the ways -o can name it again. */
  const capture = join(scratch, "input.pcap");
  let original: Buffer;
  beforeAll(() => {
    copyFileSync(join(ROOT, SEED), capture);
    symlinkSync(capture, join(scratch, "symlink.pcap"));
    linkSync(capture, join(scratch, "hard-link.pcap"));
    original = readFileSync(capture);
  });

  it.concurrent.for([
    ["the capture itself", [capture], capture, "it is one of the captures read"],
    ["a symbolic link to it", [capture], join(scratch, "symlink.pcap"), "it is one of the captures read"],
    ["a hard link to it", [capture], join(scratch, "hard-link.pcap"), "it is one of the captures read"],
    ["the second of two captures", [join(ROOT, SEED), capture], capture, "it is one of the captures read"],
  ] as const)(
    "-o naming %s: refused, exit 2, the capture untouched",
    async ([, inputs, output, reason], { expect }) => {
      const run = await runCliAsync(["report", ...inputs, "-o", output]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `tcp-annotate: error: ${output}: cannot write the report there: ${reason}, and it would be overwritten\n`,
      );
      expect(readFileSync(capture)).toEqual(original);
    },
  );

  it("-o naming the file standard input is redirected from: refused", async () => {
    const child = spawn("sh", ["-c", `exec "$NODE" "$CLI" report - -o "$CAPTURE" < "$CAPTURE"`], {
      env: { ...process.env, NODE: process.execPath, CLI, CAPTURE: capture },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const status = await new Promise((resolve) => child.on("close", resolve));
    expect(status).toBe(2);
    expect(stderr).toContain(
      "cannot write the report there: standard input is read from it, and it would be overwritten",
    );
    expect(readFileSync(capture)).toEqual(original);
  });

  it("an existing report is replaced whole, not appended to", async () => {
    const file = join(scratch, "replaced.html");
    writeFileSync(file, "x".repeat(1_000_000));
    const run = await runCliAsync(["report", SEED, "-o", file]);
    expect(run.status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(runCli(["report", SEED]).stdout);
  });
});

describe("a line break in a file name", () => {
  const name = join(scratch, "two\nlines.pcap");
  beforeAll(() => copyFileSync(join(ROOT, SEED), name));
  const shown = join(scratch, "two\\nlines.pcap");

  it("is shown as \\n in the HTML report", async () => {
    const page = (await runCliAsync(["report", name])).stdout;
    expect(page).toContain(`<title>tcp-annotate: ${shown}</title>`);
    expect(page).toContain(`<code>${shown}</code>`);
    expect(page).not.toContain("two\nlines");
  });

  it("is shown as \\n in JUnit XML, where an attribute would have read it as a space", async () => {
    const run = await runCliAsync(["check", name, "--expect", "handshake", "--format", "junit"]);
    const suite = new XMLParser({ ignoreAttributes: false }).parse(run.stdout).testsuites.testsuite;
    expect(suite["@_name"]).toBe(`tcp-annotate check ${shown}`);
  });
});
