// Runs a command and measures its wall time, CPU time and peak resident memory: through GNU time's
// %U, %S and %M when /usr/bin/time exists, otherwise peak memory by polling the child's VmHWM in
// /proc while it runs (and no CPU time).

import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const GNU_TIME = "/usr/bin/time";
const POLL_MS = 10;

/** @typedef {{seconds: number, cpuSeconds: number | null, rssKiB: number | null, status: number | null}} Run */

/** @returns {"gnu-time" | "proc-vmhwm"} how peak memory is measured on this machine */
export function memoryProbe() {
  return existsSync(GNU_TIME) ? "gnu-time" : "proc-vmhwm";
}

/**
 * Runs `argv` once with stdout to `stdoutPath` (a file, or /dev/null) and stderr to a scratch file.
 * @param {string[]} argv
 * @param {{stdoutPath: string, scratch: string}} where
 * @returns {Promise<Run & {stderr: string}>}
 */
export async function measureOnce(argv, { stdoutPath, scratch }) {
  const rssFile = join(scratch, "rss.txt");
  const errFile = join(scratch, "stderr.txt");
  const useTime = memoryProbe() === "gnu-time";
  const [program, ...args] = useTime ? [GNU_TIME, "-f", "%U %S %M", "-o", rssFile, ...argv] : argv;
  if (program === undefined) throw new Error("nothing to run");
  const out = openSync(stdoutPath, "w");
  const err = openSync(errFile, "w");
  const started = process.hrtime.bigint();
  try {
    const child = spawn(program, args, { stdio: ["ignore", out, err] });
    const poll = useTime || child.pid === undefined ? undefined : pollPeak(child.pid);
    const status = await exitOf(child);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { cpuSeconds, rssKiB } =
      poll !== undefined
        ? { cpuSeconds: null, rssKiB: poll.stop() }
        : useTime
          ? readTimeOutput(rssFile)
          : { cpuSeconds: null, rssKiB: null };
    return { seconds, cpuSeconds, rssKiB, status, stderr: readFileSync(errFile, "utf8") };
  } finally {
    closeSync(out);
    closeSync(err);
    rmSync(rssFile, { force: true });
  }
}

/**
 * @param {import("node:child_process").ChildProcess} child
 * @returns {Promise<number | null>}
 */
function exitOf(child) {
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code));
  });
}

/**
 * GNU time writes a note first when the command was killed by a signal; the numbers are last:
 * user and system seconds, peak KiB.
 * @param {string} path
 */
function readTimeOutput(path) {
  const [user = NaN, system = NaN, kib = NaN] = (readFileSync(path, "utf8").trim().split("\n").at(-1) ?? "")
    .split(" ")
    .map(Number);
  return {
    cpuSeconds: Number.isFinite(user + system) ? user + system : null,
    rssKiB: Number.isFinite(kib) ? kib : null,
  };
}

/**
 * Reads VmHWM (the peak resident set) every few milliseconds until stopped; the last value read wins.
 * @param {number} pid
 */
function pollPeak(pid) {
  /** @type {number | null} */
  let peak = null;
  const read = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) peak = Math.max(peak ?? 0, Number(match[1]));
    } catch {
      // The process has exited: keep the last reading.
    }
  };
  const timer = setInterval(read, POLL_MS);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const at = (/** @type {number} */ i) => sorted[i] ?? NaN;
  return sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}
