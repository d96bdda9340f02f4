// Turns the measured runs into figures: per case medians, packets per second and peak memory,
// the ratios the performance targets name (docs/performance.md; each met or not, by how much), and
// a plain-text table.

import { median } from "./measure.mjs";

const MIB = 1024;

/** How many times faster than tshark-conv summary and check must be. */
const SUMMARY_VS_CONV = 6;
const CHECK_VS_CONV = 10;
/** Ratios are read off the medians of the same run. */
const SPEED_TARGETS = [
  { subject: "summary", peer: "tshark-conv", atLeast: SUMMARY_VS_CONV },
  { subject: "check", peer: "tshark-conv", atLeast: CHECK_VS_CONV },
  { subject: "ndjson", peer: "tshark-fields", atLeast: 4 },
  { subject: "text", peer: "tcpdump-file", atLeast: 1 },
];
/** check, which only counts, is held within this many times the plain read loop. */
const READ_LOOP_LIMIT = 5;
/** No input may cost more than this many times the in-order connection of as many segments. */
const COMPLEXITY_LIMIT = 2;
const COMPLEXITY_COMMANDS = ["summary", "check", "ndjson"];
const SUMMARY_RSS_LIMIT_MIB = 200;
const LONG_RSS_GROWTH_LIMIT = 0.3;

/** @typedef {import("./inputs.mjs").Input} Input */
/** @typedef {import("./cases.mjs").Case} Case */
/** @typedef {ReturnType<typeof caseResult> & {failed?: undefined, status?: undefined}} MeasuredResult */
/** @typedef {MeasuredResult | ReturnType<typeof failedResult>} CaseResult */
/** @typedef {{input: string, target: string, measured: string, met: boolean}} Target */
/** @typedef {{input: string, budget: string, allowedSeconds: number, floorSeconds: number, floorShare: number}} Budget */

/**
 * @param {import("./inputs.mjs").Input} input
 * @param {import("./cases.mjs").Case} testCase
 * @param {import("./measure.mjs").Run[]} runs
 */
export function caseResult(input, testCase, runs) {
  const seconds = runs.map((run) => run.seconds);
  const cpu = runs.flatMap((run) => (run.cpuSeconds === null ? [] : [run.cpuSeconds]));
  const rss = runs.flatMap((run) => (run.rssKiB === null ? [] : [run.rssKiB]));
  const medianSeconds = median(seconds);
  return {
    ...caseIdentity(input, testCase),
    runs: seconds.map(round3),
    medianSeconds: round3(medianSeconds),
    minSeconds: round3(Math.min(...seconds)),
    medianCpuSeconds: cpu.length > 0 ? round3(median(cpu)) : null,
    packetsPerSecond: Math.round(input.frames / medianSeconds),
    peakRssMiB: rss.length > 0 ? round1(Math.max(...rss) / MIB) : null,
  };
}

/**
 * A case whose command failed: shown in the table, left out of the targets.
 * @param {Input} input
 * @param {Case} testCase
 * @param {number | null} status
 */
export function failedResult(input, testCase, status) {
  return { ...caseIdentity(input, testCase), failed: /** @type {const} */ (true), status };
}

/**
 * What names a case's row, measured or failed.
 * @param {Input} input
 * @param {Case} testCase
 */
function caseIdentity(input, testCase) {
  return {
    input: input.name,
    case: testCase.name,
    group: testCase.group,
    what: testCase.what,
    command: testCase.argv.join(" "),
  };
}

/**
 * The result of a case on an input, unless its command failed.
 * @param {CaseResult[]} results
 * @param {string} input
 * @param {string} name
 * @returns {MeasuredResult | undefined}
 */
function measured(results, input, name) {
  for (const result of results) if (result.input === input && result.case === name && !result.failed) return result;
  return undefined;
}

/**
 * The targets, judged on every main input (speed) and on the generated pair (memory). The medium
 * input's speed and the flood's are judged by the same measures, though the targets are set on
 * the main inputs: the medium one shows what is left of them where V8 is still compiling the hot
 * code, the flood where every connection is new and waits.
 * @param {CaseResult[]} results
 * @param {Input[]} inputs
 */
export function judgeTargets(results, inputs) {
  /** @type {Target[]} */
  const targets = [];
  for (const input of inputs.filter((candidate) => ["main", "medium", "flood"].includes(candidate.role)))
    targets.push(...speedTargets(results, input));
  targets.push(...complexityTargets(results, inputs));
  targets.push(...memoryTargets(results, inputs));
  return targets;
}

/**
 * Each command against its peer, and check against the read loop, on one input.
 * @param {CaseResult[]} results
 * @param {Input} input
 * @returns {Target[]}
 */
function speedTargets(results, input) {
  /** @type {Target[]} */
  const targets = [];
  for (const { subject, peer, atLeast } of SPEED_TARGETS) {
    const ours = measured(results, input.name, subject);
    const theirs = measured(results, input.name, peer);
    if (ours === undefined) continue;
    if (theirs !== undefined) {
      const ratio = theirs.medianSeconds / ours.medianSeconds;
      targets.push({
        input: input.name,
        target: `${subject} ≥ ${atLeast}x faster than ${peer}`,
        measured: `${round1(ratio)}x`,
        met: ratio >= atLeast,
      });
    }
    const limit = measured(results, input.name, "read-loop");
    if (subject !== "check" || limit === undefined) continue;
    const times = ours.medianSeconds / limit.medianSeconds;
    targets.push({
      input: input.name,
      target: `${subject} within ${READ_LOOP_LIMIT}x of the read loop`,
      measured: `${round1(times)}x`,
      met: times <= READ_LOOP_LIMIT,
    });
  }
  return targets;
}

/**
 * summary's peak memory on the generated capture, and how much it grows (with check's) on the one
 * ten times as long: memory follows the open connections, not the capture.
 * @param {CaseResult[]} results
 * @param {Input[]} inputs
 * @returns {Target[]}
 */
function memoryTargets(results, inputs) {
  /** @type {Target[]} */
  const targets = [];
  const long = inputs.find((input) => input.role === "long");
  const base = inputs.find((input) => input.name === "synthetic");
  if (base === undefined) return targets;
  for (const name of ["summary", "check"]) {
    const baseResult = measured(results, base.name, name);
    if (baseResult?.peakRssMiB == null) continue;
    if (name === "summary") {
      targets.push({
        input: base.name,
        target: `${name} peak RSS < ${SUMMARY_RSS_LIMIT_MIB} MB`,
        measured: `${baseResult.peakRssMiB} MB`,
        met: baseResult.peakRssMiB < SUMMARY_RSS_LIMIT_MIB,
      });
    }
    const longResult = long && measured(results, long.name, name);
    if (long === undefined || longResult?.peakRssMiB == null) continue;
    const growth = longResult.peakRssMiB / baseResult.peakRssMiB - 1;
    targets.push({
      input: long.name,
      target: `${name} peak RSS grows < ${LONG_RSS_GROWTH_LIMIT * 100}% at 10x length`,
      measured: `${Math.round(growth * 100)}%`,
      met: growth < LONG_RSS_GROWTH_LIMIT,
    });
  }
  return targets;
}

/**
 * Each complexity capture against the in-order capture of as many segments, command by command:
 * CPU time (user + system; wall time where it was not measured), which other work on the machine
 * disturbs less.
 * @param {CaseResult[]} results
 * @param {Input[]} inputs
 * @returns {Target[]}
 */
function complexityTargets(results, inputs) {
  /** @type {Target[]} */
  const targets = [];
  for (const input of inputs.filter(
    (candidate) => candidate.role === "complexity" && candidate.baseline !== candidate.name,
  )) {
    if (input.baseline === undefined) continue;
    for (const name of COMPLEXITY_COMMANDS) {
      const ours = measured(results, input.name, name);
      const baseline = measured(results, input.baseline, name);
      if (ours === undefined || baseline === undefined) continue;
      const [mine, theirs, unit] =
        ours.medianCpuSeconds !== null && baseline.medianCpuSeconds !== null
          ? [ours.medianCpuSeconds, baseline.medianCpuSeconds, "CPU s"]
          : [ours.medianSeconds, baseline.medianSeconds, "s"];
      const times = mine / theirs;
      targets.push({
        input: input.name,
        target: `${name} within ${COMPLEXITY_LIMIT}x of ${input.baseline}`,
        measured: `${times.toFixed(2)}x (${mine.toFixed(2)} / ${theirs.toFixed(2)} ${unit})`,
        met: times <= COMPLEXITY_LIMIT,
      });
    }
  }
  return targets;
}

/**
 * What each speed target of summary and check leaves for the work beyond counting: the seconds
 * the target allows, against the flow floor (flow-floor.mjs), the least a summary in Node costs.
 * @param {CaseResult[]} results
 * @param {Input[]} inputs
 */
export function budgetsOf(results, inputs) {
  const find = (/** @type {string} */ input, /** @type {string} */ name) => measured(results, input, name);
  /** @type {Budget[]} */
  const budgets = [];
  for (const input of inputs.filter((candidate) => candidate.role === "main")) {
    const floor = find(input.name, "flow-floor");
    if (floor === undefined) continue;
    const peer = find(input.name, "tshark-conv");
    const limit = find(input.name, "read-loop");
    const allowances = [
      peer && {
        budget: `summary ${SUMMARY_VS_CONV}x faster than tshark-conv`,
        seconds: peer.medianSeconds / SUMMARY_VS_CONV,
      },
      peer && {
        budget: `check ${CHECK_VS_CONV}x faster than tshark-conv`,
        seconds: peer.medianSeconds / CHECK_VS_CONV,
      },
      limit && {
        budget: `check within ${READ_LOOP_LIMIT}x of the read loop`,
        seconds: limit.medianSeconds * READ_LOOP_LIMIT,
      },
    ];
    for (const allowance of allowances) {
      if (!allowance) continue;
      budgets.push({
        input: input.name,
        budget: allowance.budget,
        allowedSeconds: round3(allowance.seconds),
        floorSeconds: floor.medianSeconds,
        floorShare: round3(floor.medianSeconds / allowance.seconds),
      });
    }
  }
  return budgets;
}

/**
 * The table printed at the end of a run (and pasted into docs/performance.md).
 * @param {CaseResult[]} results
 * @param {Input[]} inputs
 * @param {Target[]} targets
 * @param {Budget[]} budgets
 */
export function formatReport(results, inputs, targets, budgets) {
  const lines = [];
  for (const input of inputs) {
    const rows = results.filter((result) => result.input === input.name);
    if (rows.length === 0) continue;
    const limit = measured(rows, input.name, "read-loop");
    lines.push(
      `${input.name}: ${input.frames.toLocaleString("en-US")} frames, ${(input.bytes / 1e6).toFixed(0)} MB, ${input.files.length} file(s); ${input.description}`,
    );
    lines.push(
      table(
        ["case", "what", "median s", "min s", "CPU s", "runs", "packets/s", "peak RSS MB", "x read loop"],
        rows.map((row) =>
          row.failed
            ? [row.case, row.what, `FAILED (exit ${row.status})`, "", "", "", "", "", ""]
            : [
                row.case,
                row.what,
                row.medianSeconds.toFixed(2),
                row.minSeconds.toFixed(2),
                row.medianCpuSeconds === null ? "?" : row.medianCpuSeconds.toFixed(2),
                String(row.runs.length),
                formatRate(row.packetsPerSecond),
                row.peakRssMiB === null ? "?" : row.peakRssMiB.toFixed(0),
                limit === undefined ? "" : `${(row.medianSeconds / limit.medianSeconds).toFixed(1)}`,
              ],
        ),
      ),
    );
    lines.push("");
  }
  if (targets.length > 0) {
    lines.push("targets:");
    lines.push(
      table(
        ["input", "target", "measured", "met"],
        targets.map((t) => [t.input, t.target, t.measured, t.met ? "yes" : "NO"]),
      ),
    );
  }
  if (budgets.length > 0) {
    lines.push("", "what summary's and check's targets allow, against the flow floor:");
    lines.push(
      table(
        ["input", "budget", "allowed s", "floor s", "floor's share"],
        budgets.map((b) => [
          b.input,
          b.budget,
          b.allowedSeconds.toFixed(2),
          b.floorSeconds.toFixed(2),
          `${Math.round(b.floorShare * 100)}%`,
        ]),
      ),
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * @param {string[]} header
 * @param {string[][]} rows
 */
function table(header, rows) {
  const cell = (/** @type {string[]} */ row, /** @type {number} */ i) => row[i] ?? "";
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => cell(row, i).length)));
  const numeric = header.map((_, i) =>
    rows.every((row) => /^[\d.,?]*[kM%]?x?$/.test(cell(row, i)) || cell(row, i).startsWith("FAILED")),
  );
  const format = (/** @type {string[]} */ row) =>
    `| ${row.map((text, i) => (numeric[i] ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((width, i) => (numeric[i] ? `${"-".repeat(width + 1)}:` : "-".repeat(width + 2))).join("|")}|`;
  return [format(header), rule, ...rows.map(format)].join("\n");
}

/** @param {number} perSecond */
function formatRate(perSecond) {
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)}M` : `${(perSecond / 1e3).toFixed(0)}k`;
}

/** @param {number} value */
function round1(value) {
  return Math.round(value * 10) / 10;
}

/** @param {number} value */
function round3(value) {
  return Math.round(value * 1000) / 1000;
}
