// The benchmark's inputs, made on demand and kept in the output folder between runs: generated
// captures (remade only when the generator's code or size changes), a rotation split of the
// generated capture, and a real loopback capture when tcpdump can run.

import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { complexityCases, writeComplexityCapture } from "./complexity.mjs";
import { writeFloodCapture } from "./flood.mjs";
import { generateCapture } from "./generate.mjs";
import { countRecords } from "./read-loop.mjs";
import { splitCapture, writeFirstRecords } from "./split.mjs";

const HERE = import.meta.dirname;
/** The generator's code, whose hash keys the cached captures: its own files and the capture builder it writes with. */
const GENERATOR_FILES = [
  ...["generate.mjs", "scenarios.mjs", "conversation.mjs", "pcap-writer.mjs", "prng.mjs"],
  ...["checksum.mjs", "ip.mjs", "link.mjs", "pcap.mjs", "tcp.mjs"].map((file) => join("..", "lib", "capture", file)),
];
/** The complexity captures' code: their own file and the generator's pieces they reuse. */
const COMPLEXITY_FILES = [
  "complexity.mjs",
  ...GENERATOR_FILES.filter((file) => !["generate.mjs", "scenarios.mjs"].includes(file)),
];
/** The flood's code: its own file and the generator's, whose pieces (and start time) it writes with. */
const FLOOD_FILES = ["flood.mjs", ...GENERATOR_FILES];
const SEED = 1;

/**
 * @typedef {object} Input
 * @property {string} name
 * @property {"main" | "long" | "rotation" | "complexity" | "medium" | "small" | "flood"} role main: every mode and peer; long: memory growth; rotation: several files; complexity: one connection timed against its in-order baseline; medium: a real capture of tens of thousands of frames, where code not yet optimized is much of the time; small: a real capture of a few thousand frames at most, where starting up is much of the time; flood: a SYN flood, every connection new and left half-open, where what each connection costs counts
 * @property {string} [baseline] a complexity input's in-order input of as many segments
 * @property {string[]} files
 * @property {number} frames
 * @property {number} bytes
 * @property {string} description
 */

/**
 * @param {string} outDir
 * @param {number} connections
 * @param {string} name
 * @param {Input["role"]} role
 * @returns {Input}
 */
export function syntheticInput(outDir, connections, name, role) {
  const path = join(outDir, `synthetic-${connections}.pcap`);
  const stats = cached(path, [path], { generator: generatorHash(GENERATOR_FILES), connections, seed: SEED }, () =>
    generateCapture(path, { connections, seed: SEED }),
  );
  const description = `generated: ${connections} connections, ${stats.meanOpen} open on average (max ${stats.maxOpen}), ${stats.seconds.toFixed(0)} s, Ethernet`;
  return { name, role, files: [path], frames: stats.frames, bytes: stats.bytes, description };
}

/**
 * A SYN flood of `connections` spoofed sources (flood.mjs), the server answering nine in ten.
 * @param {string} outDir
 * @param {number} connections
 * @returns {Input}
 */
export function floodInput(outDir, connections) {
  const path = join(outDir, `flood-${connections}.pcap`);
  const stats = cached(path, [path], { generator: generatorHash(FLOOD_FILES), connections, seed: SEED }, () =>
    writeFloodCapture(path, { connections, seed: SEED }),
  );
  return {
    name: "flood",
    role: "flood",
    files: [path],
    frames: stats.frames,
    bytes: stats.bytes,
    description: `generated: a SYN flood from ${connections} spoofed sources in ${stats.seconds.toFixed(1)} s, nine in ten answered with SYN+ACK (sent again 1 s later), none completed, Ethernet`,
  };
}

/**
 * The complexity captures (complexity.mjs) at `scale` of the full sizes, each with the name of the
 * in-order capture of as many segments it is timed against.
 * @param {string} outDir
 * @param {number} scale
 * @returns {Input[]}
 */
export function complexityInputs(outDir, scale) {
  mkdirSync(join(outDir, "complexity"), { recursive: true });
  return complexityCases(scale).map((testCase) => {
    const path = join(outDir, "complexity", `${testCase.name}.pcap`);
    const key = { generator: generatorHash(COMPLEXITY_FILES), name: testCase.name };
    const stats = cached(path, [path], key, () => writeComplexityCapture(path, testCase));
    return {
      name: testCase.name,
      role: "complexity",
      baseline: testCase.baseline,
      files: [path],
      frames: stats.frames,
      bytes: stats.bytes,
      description: `one connection: ${testCase.description}`,
    };
  });
}

/**
 * The generated capture cut into `parts` files, as tcpdump -C would rotate it.
 * @param {string} outDir
 * @param {Input} whole
 * @param {number} parts
 * @returns {Input}
 */
export function rotationInput(outDir, whole, parts) {
  const prefix = join(outDir, "rotation", `${whole.name}-part`);
  mkdirSync(join(outDir, "rotation"), { recursive: true });
  const files = Array.from({ length: parts }, (_, i) => `${prefix}${i + 1}.pcap`);
  const [wholeFile] = whole.files;
  if (wholeFile === undefined) throw new Error(`${whole.name} has no file to split`);
  cached(`${prefix}.pcap`, files, { whole: wholeFile, frames: whole.frames, parts }, () => ({
    files: splitCapture(wholeFile, parts, prefix),
  }));
  const description = `the ${whole.name} capture as ${parts} rotated files (tcpdump -C style)`;
  return {
    name: `${whole.name}-rotated`,
    role: "rotation",
    files,
    frames: whole.frames,
    bytes: whole.bytes,
    description,
  };
}

/**
 * A real capture of echo sessions on loopback (scripts/bench/loopback-capture.sh), made once and
 * kept (it differs from run to run); undefined when it cannot be made here.
 * @param {string} outDir
 * @param {{seconds: number, connections: number, recapture: boolean}} options
 * @returns {Input | undefined}
 */
export function loopbackInput(outDir, { seconds, connections, recapture }) {
  const path = join(outDir, "loopback.pcap");
  if (recapture || !existsSync(path)) {
    const why = cannotCapture();
    if (why !== undefined) {
      process.stderr.write(`skipping the loopback capture: ${why}\n`);
      return undefined;
    }
    process.stderr.write(`capturing echo sessions on loopback for up to ${seconds} s ...\n`);
    const run = spawnSync("bash", [join(HERE, "loopback-capture.sh"), path, String(seconds), String(connections)], {
      stdio: "inherit",
    });
    if (run.status !== 0 || !existsSync(path)) throw new Error(`the loopback capture failed (exit ${run.status})`);
  }
  const { records, bytes } = countRecords(path);
  return {
    name: "loopback",
    role: "main",
    files: [path],
    frames: records,
    bytes,
    description: "real: Python asyncio echo sessions on loopback, tcpdump -i any (SLL2)",
  };
}

/** How many frames the medium input takes from the start of the loopback capture. */
export const MEDIUM_FRAMES = 50_000;

/**
 * The loopback capture's first MEDIUM_FRAMES frames (a few MB): a run of about a second, in which
 * V8 is still compiling the hot code (docs/performance.md, Warm-up). Cut anew from the loopback
 * capture each run, as it may have been recaptured.
 * @param {string} outDir
 * @param {Input} loopback
 * @returns {Input}
 */
export function mediumInput(outDir, loopback) {
  const path = join(outDir, `loopback-first-${MEDIUM_FRAMES}.pcap`);
  const [whole] = loopback.files;
  if (whole === undefined) throw new Error("the loopback input has no file");
  writeFirstRecords(whole, MEDIUM_FRAMES, path);
  const { records, bytes } = countRecords(path);
  return {
    name: `loopback-${MEDIUM_FRAMES / 1000}k`,
    role: "medium",
    files: [path],
    frames: records,
    bytes,
    description: `real: the loopback capture's first ${MEDIUM_FRAMES} frames`,
  };
}

/**
 * Small real captures from fixtures/: the seed session (11 frames) and a public port scan (2,011
 * frames, 1,000 connections), where start-up and code not yet optimized are most of the time.
 * @returns {Input[]}
 */
export function smallInputs() {
  const fixtures = join(HERE, "..", "..", "fixtures");
  const seed = join(fixtures, "seed", "seed-9502.pcap");
  const scan = join(fixtures, "shared", "synscan.pcapng");
  return [
    { name: "small-seed", file: seed, ...countRecords(seed), description: "real: the seed session on loopback" },
    { name: "small-scan", file: scan, ...countPcapngPackets(scan), description: "real: a public port scan (pcapng)" },
  ].map(({ name, file, records, bytes, description }) => ({
    name,
    role: "small",
    files: [file],
    frames: records,
    bytes,
    description,
  }));
}

/**
 * How many packet blocks (enhanced, simple, obsolete) a pcapng file holds, in the byte order of its
 * section header, and its size.
 * @param {string} path
 * @returns {{records: number, bytes: number}}
 */
function countPcapngPackets(path) {
  const data = readFileSync(path);
  const PACKET_BLOCKS = new Set([2, 3, 6]);
  let littleEndian = true;
  let records = 0;
  for (let pos = 0; pos + 12 <= data.length; ) {
    if (data.readUInt32LE(pos) === 0x0a0d0d0a) littleEndian = data.readUInt32LE(pos + 8) === 0x1a2b3c4d;
    const type = littleEndian ? data.readUInt32LE(pos) : data.readUInt32BE(pos);
    const length = littleEndian ? data.readUInt32LE(pos + 4) : data.readUInt32BE(pos + 4);
    if (length < 12) break;
    if (PACKET_BLOCKS.has(type)) records++;
    pos += length;
  }
  return { records, bytes: data.length };
}

function cannotCapture() {
  if (process.getuid?.() !== 0) return "it needs root";
  if (spawnSync("tcpdump", ["--version"]).status !== 0) return "tcpdump is not installed";
  if (spawnSync("unshare", ["-n", "true"]).status !== 0) return "unshare -n is not permitted";
  if (spawnSync("python3", ["--version"]).status !== 0) return "python3 is not installed";
  return undefined;
}

/**
 * Makes `files` with `make` unless they exist and a sidecar (path + ".json") says they were made
 * with the same key; returns what `make` returned (kept in the sidecar).
 * @template T
 * @param {string} path
 * @param {string[]} files
 * @param {unknown} key
 * @param {() => T} make
 * @returns {T}
 */
function cached(path, files, key, make) {
  const sidecar = `${path}.json`;
  if (existsSync(sidecar) && files.every((file) => existsSync(file))) {
    const saved = JSON.parse(readFileSync(sidecar, "utf8"));
    if (JSON.stringify(saved.key) === JSON.stringify(key)) return saved.made;
  }
  process.stderr.write(`making ${path} ...\n`);
  const made = make();
  writeFileSync(sidecar, JSON.stringify({ key, made }));
  return made;
}

/**
 * The hash of the generator code that makes a cached capture.
 * @param {string[]} files
 */
function generatorHash(files) {
  const hash = createHash("sha256");
  for (const file of files) hash.update(readFileSync(join(HERE, file)));
  return hash.digest("hex").slice(0, 16);
}
