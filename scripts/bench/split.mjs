// Splits a classic pcap file into N files of about equal size at record boundaries, each with
// the original file header, the way `tcpdump -C` rotates its output: connections span files.
//
//   node scripts/bench/split.mjs CAPTURE.pcap N OUT-PREFIX   (writes OUT-PREFIX1.pcap ... N)

import { readFileSync, writeFileSync } from "node:fs";
import { isMain } from "./is-main.mjs";

const FILE_HEADER = 24;
const RECORD_HEADER = 16;

/**
 * @param {string} path
 * @param {number} parts
 * @param {string} prefix
 * @returns {string[]} the paths written, in order
 */
export function splitCapture(path, parts, prefix) {
  const bytes = readFileSync(path);
  const header = bytes.subarray(0, FILE_HEADER);
  const littleEndian = bytes.readUInt32LE(0) === 0xa1b2c3d4 || bytes.readUInt32LE(0) === 0xa1b23c4d;
  const target = (bytes.length - FILE_HEADER) / parts;
  const paths = [];
  let start = FILE_HEADER;
  for (let part = 1; part <= parts; part++) {
    const end =
      part === parts ? bytes.length : recordBoundaryAfter(bytes, start, FILE_HEADER + part * target, littleEndian);
    const out = `${prefix}${part}.pcap`;
    writeFileSync(out, Buffer.concat([header, bytes.subarray(start, end)]));
    paths.push(out);
    start = end;
  }
  return paths;
}

/**
 * The first `count` records of a classic pcap file, with its file header, written to `out`.
 * @param {string} path
 * @param {number} count
 * @param {string} out
 */
export function writeFirstRecords(path, count, out) {
  const bytes = readFileSync(path);
  const littleEndian = bytes.readUInt32LE(0) === 0xa1b2c3d4 || bytes.readUInt32LE(0) === 0xa1b23c4d;
  let end = FILE_HEADER;
  for (let record = 0; record < count && end + RECORD_HEADER <= bytes.length; record++)
    end = recordBoundaryAfter(bytes, end, end + 1, littleEndian);
  writeFileSync(out, bytes.subarray(0, end));
}

/**
 * The end of the first record that ends at or after `wanted` (records are walked from `pos`).
 * @param {Buffer} bytes
 * @param {number} pos
 * @param {number} wanted
 * @param {boolean} littleEndian
 */
function recordBoundaryAfter(bytes, pos, wanted, littleEndian) {
  while (pos < wanted && pos + RECORD_HEADER <= bytes.length) {
    const capLen = littleEndian ? bytes.readUInt32LE(pos + 8) : bytes.readUInt32BE(pos + 8);
    pos += RECORD_HEADER + capLen;
  }
  return Math.min(pos, bytes.length);
}

function main() {
  const [path, parts, prefix] = process.argv.slice(2);
  if (path === undefined || parts === undefined || prefix === undefined)
    throw new Error("usage: split.mjs CAPTURE.pcap N OUT-PREFIX");
  for (const out of splitCapture(path, Number(parts), prefix)) process.stdout.write(`${out}\n`);
}

if (isMain(import.meta)) main();
