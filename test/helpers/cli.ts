import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

export const CLI = join(import.meta.dirname, "..", "..", "dist", "cli", "tcp-annotate.cjs");
export const ROOT = join(import.meta.dirname, "..", "..");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command as a user would (cwd: the repository), with NO_COLOR unset. */
export function runCli(args: string[], options: { input?: Buffer; env?: Record<string, string> } = {}): CliResult {
  const env = { ...process.env, ...options.env };
  if (options.env?.["NO_COLOR"] === undefined) delete env["NO_COLOR"];
  // NDJSON of a few thousand segments is well over spawnSync's default 1 MiB of output.
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: options.input,
    env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the command with its stdin open, for streaming tests. */
export function startCli(args: string[]) {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
}

/** The NDJSON records of a run, parsed. */
export function records(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** runCli without blocking the test worker, so that independent runs can overlap; `node` holds options for Node itself. */
export function runCliAsync(args: string[], options: { input?: Buffer; node?: string[] } = {}): Promise<CliResult> {
  const env = { ...process.env };
  delete env["NO_COLOR"];
  const child = spawn(process.execPath, [...(options.node ?? []), CLI, ...args], {
    cwd: ROOT,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  child.stdin.end(options.input);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
