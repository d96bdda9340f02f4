// npm run bench: measures tcp-annotate on big captures against the read limit and its peers
// (tshark, tcpdump), and on captures built to make cost grow faster than their size against
// in-order ones; prints a table and writes bench-out/results.json. See docs/performance.md.
//
//   node scripts/bench/bench.mjs [--quick] [--runs N] [--tshark-runs N] [--long-runs N]
//                                [--skip-peers] [--skip-loopback] [--recapture] [--profile]
//                                [--out DIR] [--connections N] [--rotation-files N]
//                                [--loopback-seconds S]

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CLI, casesFor, detectTools } from "./cases.mjs";
import {
  complexityInputs,
  floodInput,
  loopbackInput,
  mediumInput,
  rotationInput,
  smallInputs,
  syntheticInput,
} from "./inputs.mjs";
import { measureOnce, memoryProbe } from "./measure.mjs";
import { formatProfiles, profileStages } from "./profile.mjs";
import { budgetsOf, caseResult, failedResult, formatReport, judgeTargets } from "./report.mjs";

/** @typedef {import("./inputs.mjs").Input} Input */
/** @typedef {import("./cases.mjs").Case} Case */
/** @typedef {import("./report.mjs").CaseResult} CaseResult */
/** @typedef {ReturnType<typeof settings>} Config */

const ROOT = join(import.meta.dirname, "..", "..");
const LONG_FACTOR = 10;
/** The flood has this many connections for each of the generated capture's: 200,000 in the full run. */
const FLOOD_FACTOR = 10 / 3;
/** The smoke run's complexity captures: 2,000 segments reordered, 125 unacknowledged and 2,500 repeated. */
const QUICK_COMPLEXITY_SCALE = 0.0125;

const OPTIONS = /** @type {const} */ ({
  quick: { type: "boolean", default: false },
  runs: { type: "string" },
  "tshark-runs": { type: "string" },
  "long-runs": { type: "string", default: "1" },
  "skip-peers": { type: "boolean", default: false },
  "skip-loopback": { type: "boolean", default: false },
  recapture: { type: "boolean", default: false },
  profile: { type: "boolean", default: false },
  out: { type: "string", default: join(ROOT, "bench-out") },
  connections: { type: "string" },
  "rotation-files": { type: "string", default: "8" },
  "loopback-seconds": { type: "string", default: "40" },
});

/**
 * The full run's sizes, and the smoke run's (--quick): small inputs, one repetition, no real capture.
 * @param {ReturnType<typeof parseArgs<{options: typeof OPTIONS}>>["values"]} values
 */
function settings(values) {
  const quick = values.quick;
  return {
    runs: Number(values.runs ?? (quick ? 1 : 5)),
    tsharkRuns: Number(values["tshark-runs"] ?? (quick ? 1 : 2)),
    // The long capture is there for peak memory, which one run shows; its cases take minutes.
    longRuns: Number(values["long-runs"]),
    connections: Number(values.connections ?? (quick ? 300 : 60000)),
    peers: !values["skip-peers"],
    loopback: !values["skip-loopback"] && !quick,
    recapture: values.recapture,
    profile: values.profile,
    out: values.out,
    rotationFiles: Number(values["rotation-files"]),
    loopbackSeconds: Number(values["loopback-seconds"]),
    quick,
  };
}

async function main() {
  const { values } = parseArgs({ options: OPTIONS });
  const config = settings(values);
  if (!existsSync(CLI)) throw new Error("dist/ is missing: run npm run build first");
  const outputDir = join(config.out, "output");
  const scratch = join(config.out, "scratch");
  mkdirSync(outputDir, { recursive: true });
  mkdirSync(scratch, { recursive: true });
  try {
    await measureAll(config, outputDir, scratch);
  } finally {
    // The commands' outputs and stderr are there only to be written: the inputs (kept between
    // runs) and results.json stay.
    for (const dir of [outputDir, scratch]) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs every case on every input and writes the table and results.json.
 * @param {Config} config
 * @param {string} outputDir where the cases that write to a file write
 * @param {string} scratch where each command's stderr and GNU time's numbers go
 */
async function measureAll(config, outputDir, scratch) {
  const [loadBefore = 0] = loadavg();
  const inputs = prepareInputs(config);
  const tools = detectTools();
  /** @type {CaseResult[]} */
  const results = [];
  for (const input of inputs) {
    for (const testCase of casesFor(input, tools, { peers: config.peers, outputDir })) {
      results.push(await runCase(input, testCase, runsOf(input, testCase, config), scratch));
    }
  }
  const targets = judgeTargets(results, inputs);
  const budgets = budgetsOf(results, inputs);
  const profiles = config.profile ? profileStages(/** @type {Input} */ (inputs[0]), config.out) : [];
  // Other work on the machine slows every command alike; the load says how busy it was.
  const [loadAfter = 0] = loadavg();
  const load = { before: round2(loadBefore), after: round2(loadAfter) };
  const report = {
    machine: machine(),
    commit: commitOf(),
    date: new Date().toISOString(),
    load,
    settings: config,
    tools,
    inputs,
    results,
    targets,
    budgets,
    profiles,
  };
  writeFileSync(join(config.out, "results.json"), JSON.stringify(report, null, 2) + "\n");
  process.stdout.write(
    `\n${describeMachine(report.machine)}; load average ${load.before} before, ${load.after} after\n\n${formatReport(results, inputs, targets, budgets)}`,
  );
  if (profiles.length > 0) process.stdout.write(`\n${formatProfiles(profiles)}`);
  process.stdout.write(`\nwritten: ${join(config.out, "results.json")}\n`);
  if (results.some((result) => result.failed)) process.exitCode = 1;
}

/**
 * @param {Config} config
 * @returns {Input[]}
 */
function prepareInputs(config) {
  const synthetic = syntheticInput(config.out, config.connections, "synthetic", "main");
  const long = syntheticInput(config.out, config.connections * LONG_FACTOR, "synthetic-10x", "long");
  const rotated = rotationInput(config.out, synthetic, config.rotationFiles);
  const loopback = config.loopback
    ? loopbackInput(config.out, {
        seconds: config.loopbackSeconds,
        connections: config.connections,
        recapture: config.recapture,
      })
    : undefined;
  const complexity = complexityInputs(config.out, config.quick ? QUICK_COMPLEXITY_SCALE : 1);
  const real = loopback ? [loopback, mediumInput(config.out, loopback)] : [];
  const flood = floodInput(config.out, Math.round(config.connections * FLOOD_FACTOR));
  return [synthetic, ...real, long, rotated, flood, ...complexity, ...smallInputs()];
}

/**
 * @param {Input} input
 * @param {Case} testCase
 * @param {Config} config
 */
function runsOf(input, testCase, config) {
  if (input.role === "long") return config.longRuns;
  // A small or medium capture's runs take a second at most, tshark's too: as many of each.
  return testCase.slow && input.role !== "small" && input.role !== "medium" ? config.tsharkRuns : config.runs;
}

/**
 * Runs a case `count` times; a run that fails ends the case, which the report then shows as failed.
 * @param {Input} input
 * @param {Case} testCase
 * @param {number} count
 * @param {string} scratch
 * @returns {Promise<CaseResult>}
 */
async function runCase(input, testCase, count, scratch) {
  /** @type {import("./measure.mjs").Run[]} */
  const runs = [];
  for (let i = 1; i <= count; i++) {
    const run = await measureOnce(testCase.argv, { stdoutPath: testCase.stdout, scratch });
    if (run.status === null || !testCase.okStatus.includes(run.status)) {
      process.stderr.write(
        `${input.name} / ${testCase.name} FAILED (exit ${run.status}): ${testCase.argv.join(" ")}\n${run.stderr.slice(0, 2000)}\n`,
      );
      return failedResult(input, testCase, run.status);
    }
    const rss = run.rssKiB === null ? "?" : `${Math.round(run.rssKiB / 1024)} MB`;
    process.stderr.write(`${input.name} / ${testCase.name}: run ${i}/${count} ${run.seconds.toFixed(2)} s, ${rss}\n`);
    runs.push(run);
  }
  return caseResult(input, testCase, runs);
}

function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const version = (/** @type {string} */ command, /** @type {string[]} */ args) => {
    const run = spawnSync(command, args, { encoding: "utf8" });
    return run.status === 0 ? (`${run.stdout}${run.stderr}`.split("\n")[0] ?? "").trim() : null;
  };
  return {
    cpus: availableParallelism(),
    cpuModel: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    tshark: version("tshark", ["--version"]),
    tcpdump: version("tcpdump", ["--version"]),
    memoryProbe: memoryProbe(),
  };
}

/** The commit measured, when the code is a git checkout. */
function commitOf() {
  const run = spawnSync("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"], { encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim() : null;
}

/** @param {number} value */
function round2(value) {
  return Math.round(value * 100) / 100;
}

/** @param {ReturnType<typeof machine>} m */
function describeMachine(m) {
  return `machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}; ${m.tshark ?? "no tshark"}; ${m.tcpdump ?? "no tcpdump"}; peak RSS by ${m.memoryProbe}`;
}

await main();
