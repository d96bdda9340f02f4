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
