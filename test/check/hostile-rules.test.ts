import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { runCliAsync } from "../helpers/cli.js";

/**
 * Rules that try to be more than rules: names JavaScript objects answer to, YAML that refers to
 * itself or speaks to the terminal, files without end, values of the wrong type or range. Each
 * is refused with one error line naming the rule and the key, exit 2, before any capture is
 * opened: the capture named here does not exist, so an error about it would show that reading began.
 */
const NO_CAPTURE = "never-opened.pcap";

const directory = mkdtempSync(join(tmpdir(), "tcp-annotate-rules-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function rulesFile(name: string, text: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

/** The names every JavaScript object answers to. */
const BUILT_IN_NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf"];

describe("rule words that are JavaScript's own property names", () => {
  const runs = BUILT_IN_NAMES.flatMap((name) => [
    { args: ["--expect", name], error: `--expect ${name}: expect: "${name}" is not one of handshake, graceful-close` },
    { args: ["--forbid", name], error: `--forbid ${name}: forbid: "${name}" is not one of rst, rst-from-client, rst-from-server, refused, half-open` },
    { rules: `rules:\n  - expect: ${name}\n`, error: `rule 1: expect: "${name}" is not one of handshake, graceful-close` },
    { rules: `rules:\n  - forbid: "${name}"\n`, error: `rule 1: forbid: "${name}" is not one of rst, rst-from-client, rst-from-server, refused, half-open` },
  ]);
  it.concurrent.for(runs.map((run, i) => [run.args?.join(" ") ?? run.rules!, { ...run, i }] as const))("%j is refused before reading", async ([, run], { expect }) => {
    const args = run.rules === undefined ? run.args! : ["--rules", rulesFile(`builtin-${run.i}.yaml`, run.rules)];
    const result = await runCliAsync(["check", NO_CAPTURE, ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^tcp-annotate: error: [^\n]*\n$/);
    expect(result.stderr).toContain(run.error);
  });
});
