import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, ROOT } from "../helpers/cli.js";

/** What npx tcp-annotate runs: the package's bin, executed as a program (its shebang picks node). */
describe("the tcp-annotate bin", () => {
  it("is what package.json names, and runs as a program on its own", () => {
    const { bin } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(join(ROOT, bin["tcp-annotate"]!)).toBe(CLI);
    const run = spawnSync(CLI, ["--version"], { encoding: "utf8" });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

/** The bin compiles the bundled program with the V8 code cache the build made (src/cli/code-cache.cts). */
describe("the code cache", () => {
  const accepted = `const { compileProgram } = require(${JSON.stringify(join(ROOT, "dist", "cli", "code-cache.cjs"))});
    process.stdout.write(String(compileProgram().cachedDataRejected));`;

  it("is taken by a run as Node starts it: the program sets no V8 flag the build does not reset", () => {
    const run = spawnSync(process.execPath, ["-e", accepted], { encoding: "utf8" });
    expect(run.stdout).toBe("false");
  });

  it("is rejected under other V8 flags, and the program runs without it", () => {
    const check = spawnSync(process.execPath, ["--no-lazy-feedback-allocation", "-e", accepted], { encoding: "utf8" });
    expect(check.stdout).toBe("true");
    const run = spawnSync(process.execPath, ["--no-lazy-feedback-allocation", CLI, "fixtures/seed/seed-9502.pcap"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("11 frames: 11 TCP segments in 1 connection");
  });
});

/**
 * The bin runs dist/cli/main.js and everything it imports bundled into one file (scripts/build/bundle-cli.mjs):
 * each command, the rules file's YAML parser loaded on demand included, says what the modules say.
 */
describe("the bundled bin", () => {
  const MODULES = join(ROOT, "dist", "cli", "main.js");
  const capture = "fixtures/loopback/mixed.pcap";
  const commands = [
    ["summary", capture],
    ["check", "--rules", "examples/tcp-rules.yaml", capture],
    ["--format", "ndjson", capture],
    ["--lang", "zh", capture],
    ["diagram", "--format", "mermaid", capture],
  ];
  it.each(commands)("says what its modules say: %s %s", (...args) => {
    const bundled = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8" });
    const modules = spawnSync(process.execPath, [MODULES, ...args], { cwd: ROOT, encoding: "utf8" });
    expect(bundled.stdout.length).toBeGreaterThan(0);
    expect({ status: bundled.status, stdout: bundled.stdout, stderr: bundled.stderr }).toEqual({
      status: modules.status,
      stdout: modules.stdout,
      stderr: modules.stderr,
    });
  });
});
