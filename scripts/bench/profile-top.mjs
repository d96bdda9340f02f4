// Reads a V8 CPU profile (node --cpu-prof) and prints where the time went: self time per
// function and per source folder (src/track, src/explain, ...), as shares of the samples.
//
//   node scripts/bench/profile-top.mjs PROFILE.cpuprofile [--top N]

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { isMain } from "./is-main.mjs";

/** @typedef {import("node:inspector").Profiler.Profile} Profile */
/** @typedef {import("node:inspector").Runtime.CallFrame} CallFrame */

/**
 * Self time per function and per folder, as shares of all samples (0..1).
 * @param {Profile} profile
 */
export function summarizeProfile(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<number, number>} */
  const counts = new Map();
  const samples = profile.samples ?? [];
  for (const id of samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const total = samples.length;
  /** @type {Map<string, number>} */
  const functions = new Map();
  /** @type {Map<string, number>} */
  const folders = new Map();
  for (const [id, count] of counts) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const frame = node.callFrame;
    const where = sourceOf(frame.url);
    const name = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + count / total);
    const folder = folderOf(frame, where);
    folders.set(folder, (folders.get(folder) ?? 0) + count / total);
  }
  return { functions: sortedShares(functions), folders: sortedShares(folders), samples: total };
}

/**
 * The path from the package root: dist/track/tracker.js reads as track/tracker.js.
 * @param {string} url
 */
function sourceOf(url) {
  const dist = url.lastIndexOf("/dist/");
  if (dist >= 0) return url.slice(dist + "/dist/".length);
  const scripts = url.lastIndexOf("/scripts/");
  if (scripts >= 0) return url.slice(scripts + 1);
  return url.replace(/^node:/, "node:") || "(native)";
}

/**
 * @param {CallFrame} frame
 * @param {string} where
 */
function folderOf(frame, where) {
  if (frame.url === "") return frame.functionName.startsWith("(") ? frame.functionName : "(native)";
  if (where.startsWith("node:")) return "node internals";
  const slash = where.indexOf("/");
  return slash < 0 ? where : where.slice(0, slash);
}

/** @param {Map<string, number>} map */
function sortedShares(map) {
  return [...map.entries()].sort((a, b) => b[1] - a[1]);
}

function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { top: { type: "string", default: "30" } },
  });
  const [path] = positionals;
  if (path === undefined) throw new Error("usage: profile-top.mjs PROFILE.cpuprofile [--top N]");
  const summary = summarizeProfile(JSON.parse(readFileSync(path, "utf8")));
  const percent = (/** @type {number} */ share) => `${(share * 100).toFixed(1).padStart(5)}%`;
  process.stdout.write(`${summary.samples} samples\n\nby folder (self time):\n`);
  for (const [folder, share] of summary.folders) process.stdout.write(`${percent(share)}  ${folder}\n`);
  process.stdout.write(`\nby function (self time):\n`);
  for (const [name, share] of summary.functions.slice(0, Number(values.top)))
    process.stdout.write(`${percent(share)}  ${name}\n`);
}

if (isMain(import.meta)) main();
