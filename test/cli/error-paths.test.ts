import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";
import { HAS_SCRIPT, onTerminal } from "../helpers/terminal.js";

const SEED = join(ROOT, "fixtures/seed/seed-9502.pcap");

describe("a capture file that does not exist", () => {
  it.each([
    [[]],
    [["--format", "ndjson"]],
    [["--brief"]],
    [["summary"]],
    [["summary", "--format", "json"]],
    [["check", "--forbid", "rst"]],
    [["diagram"]],
    [["report"]],
  ])("%j: one plain line on stderr, nothing on stdout, exit 2", (args) => {
    const run = runCli([...args, "missing.pcap"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("tcp-annotate: error: missing.pcap: no such file or directory\n");
  });

  it("a directory given as a capture says so", () => {
    const run = runCli(["fixtures"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("tcp-annotate: error: fixtures: it is a directory\n");
  });

  it("after a capture that was read, its output stands and the missing one is named", () => {
    const run = runCli(["fixtures/seed/seed-9502.pcap", "missing.pcap", "--brief"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("11 frames: 11 TCP segments in 1 connection");
    expect(run.stderr).toBe("tcp-annotate: error: missing.pcap: no such file or directory\n");
  });
});

describe("report", () => {
  const folder = scratchFolder("errors");
  /** A folder of the test's own, in the file's. */
  const scratch = () => mkdtempSync(join(folder, "case-"));

  it("writes no file for a capture it could not read, leaving one already there as it was", () => {
    const directory = scratch();
    for (const capture of ["missing.pcap", "README.md", "fixtures/malformed/empty.pcap"]) {
      const page = join(directory, "new.html");
      const run = runCli(["report", capture, "-o", page]);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(existsSync(page)).toBe(false);
    }
    const kept = join(directory, "kept.html");
    writeFileSync(kept, "before");
    expect(runCli(["report", "missing.pcap", "-o", kept]).status).toBe(2);
    expect(readFileSync(kept, "utf8")).toBe("before");
  });

  it("still writes what it read before damage that stopped reading, and exits 2", () => {
    const page = join(scratch(), "partial.html");
    const run = runCli(["report", "fixtures/malformed/pcap-caplen-4gib.pcap", "-o", page]);
    expect(run.status).toBe(2);
    expect(readFileSync(page, "utf8")).toContain('<meta name="generator" content="tcp-annotate">');
  });

  it.skipIf(!HAS_SCRIPT)(
    "on a terminal writes the page to a file named after the capture and says where, never HTML to the screen",
    async () => {
      const directory = scratch();
      const first = await onTerminal(["report", SEED], { cwd: directory });
      expect(first.status).toBe(0);
      expect(first.output).toBe(
        "tcp-annotate: the report is in seed-9502.html (stdout is a terminal; -o FILE names another file)\n",
      );
      const page = readFileSync(join(directory, "seed-9502.html"), "utf8");
      expect(page).toMatch(/^<!doctype html>/);
      // Its own report of before is written over; a file of another kind is not.
      expect((await onTerminal(["report", SEED], { cwd: directory })).status).toBe(0);
      writeFileSync(join(directory, "seed-9502.html"), "<html>someone else's</html>");
      const refused = await onTerminal(["report", SEED], { cwd: directory });
      expect(refused.status).toBe(2);
      expect(refused.output).toBe(
        "tcp-annotate: error: seed-9502.html exists and is not a report of tcp-annotate; name the file to write with -o FILE (or redirect stdout)\n",
      );
      expect(readFileSync(join(directory, "seed-9502.html"), "utf8")).toBe("<html>someone else's</html>");
    },
    60_000,
  );

  it("in a pipe still writes the page to stdout", () => {
    const run = runCli(["report", "fixtures/seed/seed-9502.pcap"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^<!doctype html>/);
    expect(run.stderr).toBe("");
  });
});

describe("check --format junit when nothing could be judged", () => {
  const parse = (xml: string) =>
    new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as {
      testsuites: {
        tests: string;
        errors: string;
        failures: string;
        testsuite: { errors: string; testcase: { name: string; error: { type: string; message: string } } };
      };
    };

  it.each([
    [
      "a file that is not a capture",
      ["README.md", "--forbid", "rst"],
      "read the capture",
      'README.md: byte 0: not a capture file: it starts with 23 20 74 63 ("# tc")',
    ],
    [
      "a missing capture",
      ["missing.pcap", "--forbid", "rst"],
      "read the capture",
      "missing.pcap: no such file or directory",
    ],
    [
      "a missing rules file",
      ["fixtures/seed/seed-9502.pcap", "--rules", "missing.yaml"],
      "read the rules",
      'cannot read rules file "missing.yaml"',
    ],
  ])("%s: JUnit XML with one <error> on stdout, the error line on stderr, exit 2", (_what, args, name, message) => {
    const run = runCli(["check", ...args, "--format", "junit"]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    const xml = parse(run.stdout);
    expect(xml.testsuites).toMatchObject({ tests: "1", errors: "1", failures: "0" });
    expect(xml.testsuites.testsuite.testcase.name).toBe(name);
    expect(xml.testsuites.testsuite.testcase.error.type).toBe("unreadable");
    expect(xml.testsuites.testsuite.testcase.error.message).toContain(message);
  });
});
