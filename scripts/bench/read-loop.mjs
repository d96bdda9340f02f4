// The read limit: a plain loop over a classic pcap file's records, reading 1 MiB at a time and
// touching each record's header, with nothing decoded. What any pcap tool pays at the least.
//
//   node scripts/bench/read-loop.mjs CAPTURE.pcap

import { closeSync, openSync, readSync } from "node:fs";
import { isMain } from "./is-main.mjs";

const CHUNK = 1024 * 1024;
export const FILE_HEADER = 24;
export const RECORD_HEADER = 16;

/**
 * @param {string} path
 * @returns {{records: number, bytes: number}}
 */
export function countRecords(path) {
  let bytes = 0;
  const records = forEachRecord(path, (buffer, pos) => {
    bytes += RECORD_HEADER + buffer.readUInt32LE(pos + 8);
  });
  return { records, bytes };
}

/**
 * Calls `visit(buffer, pos)` with each record of a classic pcap file, `pos` at its 16-byte
 * header and the whole record in `buffer`; returns how many records there were.
 * @param {string} path
 * @param {(buffer: Buffer, pos: number) => void} visit
 */
export function forEachRecord(path, visit) {
  const fd = openSync(path, "r");
  let buffer = Buffer.allocUnsafe(CHUNK);
  let filled = readSync(fd, buffer, 0, CHUNK, null);
  let pos = FILE_HEADER;
  let records = 0;
  for (;;) {
    while (filled - pos >= RECORD_HEADER) {
      const end = pos + RECORD_HEADER + buffer.readUInt32LE(pos + 8);
      if (end > filled) break;
      records++;
      visit(buffer, pos);
      pos = end;
    }
    // Keep the unfinished record, then fill up behind it.
    const rest = filled - pos;
    if (rest + CHUNK > buffer.length) buffer = growTo(buffer, rest + CHUNK);
    buffer.copy(buffer, 0, pos, filled);
    const read = readSync(fd, buffer, rest, buffer.length - rest, null);
    if (read === 0) break;
    filled = rest + read;
    pos = 0;
  }
  closeSync(fd);
  return records;
}

/**
 * @param {Buffer} buffer
 * @param {number} size
 */
function growTo(buffer, size) {
  const grown = Buffer.allocUnsafe(size);
  buffer.copy(grown);
  return grown;
}

function main() {
  const path = process.argv[2];
  if (path === undefined) throw new Error("usage: read-loop.mjs CAPTURE.pcap");
  process.stdout.write(`${JSON.stringify(countRecords(path))}\n`);
}

if (isMain(import.meta)) main();
