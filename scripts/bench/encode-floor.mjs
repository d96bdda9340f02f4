// The floor of writing NDJSON in Node: JSON.stringify of records already built, with nothing
// tracked, explained or written. Reads an NDJSON timeline back into objects, then times only
// the encoding of every record (and, apart, its UTF-8 length, what writing it would need), best
// of three rounds. Whatever `--format ndjson` costs above this is the work before the text.
//
//   node dist/cli/main.js CAPTURE --format ndjson > timeline.ndjson
//   node --max-old-space-size=8192 scripts/bench/encode-floor.mjs timeline.ndjson

import { readFileSync } from "node:fs";
import { isMain } from "./is-main.mjs";

const NEWLINE = 10;
const ROUNDS = 3;

/**
 * Every line of an NDJSON file as an object; the file may be larger than one string can hold.
 * @param {string} path
 */
function readRecords(path) {
  const bytes = readFileSync(path);
  /** @type {unknown[]} */
  const records = [];
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline;
    if (end > start) records.push(JSON.parse(bytes.toString("utf8", start, end)));
    start = end + 1;
  }
  return records;
}

/**
 * Seconds to stringify every record, and to stringify and measure each as UTF-8: the best of ROUNDS.
 * @param {unknown[]} records
 */
function timeEncoding(records) {
  let characters = 0;
  let bytes = 0;
  let stringify = Number.POSITIVE_INFINITY;
  let withUtf8 = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    characters = 0;
    for (const record of records) characters += JSON.stringify(record).length + 1;
    const middle = process.hrtime.bigint();
    bytes = 0;
    for (const record of records) bytes += Buffer.byteLength(JSON.stringify(record)) + 1;
    const end = process.hrtime.bigint();
    stringify = Math.min(stringify, Number(middle - start) / 1e9);
    withUtf8 = Math.min(withUtf8, Number(end - middle) / 1e9);
  }
  return {
    records: records.length,
    characters,
    bytes,
    stringifySeconds: round3(stringify),
    stringifyAndUtf8Seconds: round3(withUtf8),
  };
}

/** @param {number} value */
function round3(value) {
  return Math.round(value * 1000) / 1000;
}

function main() {
  const path = process.argv[2];
  if (path === undefined) throw new Error("usage: encode-floor.mjs TIMELINE.ndjson");
  process.stdout.write(`${JSON.stringify(timeEncoding(readRecords(path)))}\n`);
}

if (isMain(import.meta)) main();
