// --profile: a CPU profile (node --cpu-prof) of the in-process pipeline on one input, per stage,
// summed up by source folder (capture, decode, track, explain, render ...) and by function.

import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { summarizeProfile } from "./profile-top.mjs";

const STAGES = ["annotate", "ndjson", "text"];
const TOP_FUNCTIONS = 15;

/** @typedef {{stage: string, input: string, folders: [string, number][], functions: [string, number][]}} StageProfile */

/**
 * @param {import("./inputs.mjs").Input} input
 * @param {string} outDir
 * @returns {StageProfile[]}
 */
export function profileStages(input, outDir) {
  return STAGES.map((stage) => {
    const dir = join(outDir, "profiles", stage);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const script = join(import.meta.dirname, "pipeline-stage.mjs");
    const run = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, script, stage, ...input.files], {
      stdio: "ignore",
    });
    if (run.status !== 0) throw new Error(`profiling the ${stage} stage failed (exit ${run.status})`);
    const [file] = readdirSync(dir);
    if (file === undefined) throw new Error(`profiling the ${stage} stage wrote no profile`);
    const summary = summarizeProfile(JSON.parse(readFileSync(join(dir, file), "utf8")));
    return { stage, input: input.name, folders: summary.folders, functions: summary.functions.slice(0, TOP_FUNCTIONS) };
  });
}

/**
 * Shares by folder for each stage, then the annotate stage's busiest functions.
 * @param {StageProfile[]} profiles
 */
export function formatProfiles(profiles) {
  const percent = (/** @type {number} */ share) => `${(share * 100).toFixed(1)}%`;
  const lines = [`where the CPU time goes (node --cpu-prof, self time; ${profiles[0]?.input ?? ""}):`];
  for (const { stage, folders } of profiles) {
    lines.push(
      `  ${stage.padEnd(9)} ${folders
        .filter(([, share]) => share >= 0.005)
        .map(([folder, share]) => `${folder} ${percent(share)}`)
        .join(", ")}`,
    );
  }
  const annotate = profiles.find((profile) => profile.stage === "annotate");
  if (annotate !== undefined) {
    lines.push("  busiest functions (annotate):");
    for (const [name, share] of annotate.functions) lines.push(`    ${percent(share).padStart(6)}  ${name}`);
  }
  return lines.join("\n") + "\n";
}
