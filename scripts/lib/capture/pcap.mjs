// Classic pcap files (draft-ietf-opsawg-pcap §4 file header, §5 records): written from records,
// and read back for the scripts that rewrite a real capture.

import { readFileSync } from "node:fs";

export const PCAP_FILE_HEADER_LENGTH = 24;
export const PCAP_RECORD_HEADER_LENGTH = 16;
const MAGIC_MICROSECONDS = 0xa1b2c3d4;
const MAGIC_NANOSECONDS = 0xa1b23c4d;

/**
 * One record, its fields named as in the record header: `usec` is microseconds (written as
 * nanoseconds in a nanosecond file); the captured and original lengths are the data's unless given.
 * @typedef {object} PcapRecord
 * @property {number} sec
 * @property {number} usec
 * @property {Uint8Array} data
 * @property {number} [origLen]
 * @property {number} [capLen] a captured length other than the data's, for damaged files
 */

/**
 * @typedef {object} PcapFormat
 * @property {number} linkType
 * @property {number} [snaplen] 262144 unless given
 * @property {boolean} [littleEndian] true unless given
 * @property {boolean} [nanoseconds] false unless given
 */

/** @typedef {(b: Buffer, value: number, at: number) => number} Write */
const LITTLE_ENDIAN = {
  /** @type {Write} */ u32: (b, value, at) => b.writeUInt32LE(value >>> 0, at),
  /** @type {Write} */ u16: (b, value, at) => b.writeUInt16LE(value, at),
};
const BIG_ENDIAN = {
  /** @type {Write} */ u32: (b, value, at) => b.writeUInt32BE(value >>> 0, at),
  /** @type {Write} */ u16: (b, value, at) => b.writeUInt16BE(value, at),
};
/** @param {boolean} littleEndian */
const writers = (littleEndian) => (littleEndian ? LITTLE_ENDIAN : BIG_ENDIAN);

/**
 * The 24-byte file header: magic, version 2.4, thiszone and sigfigs 0, snap length, link type.
 * @param {PcapFormat} format
 */
export function pcapFileHeader({ linkType, snaplen = 262_144, littleEndian = true, nanoseconds = false }) {
  const header = Buffer.alloc(PCAP_FILE_HEADER_LENGTH);
  const { u32, u16 } = writers(littleEndian);
  u32(header, nanoseconds ? MAGIC_NANOSECONDS : MAGIC_MICROSECONDS, 0);
  u16(header, 2, 4);
  u16(header, 4, 6);
  u32(header, snaplen, 16);
  u32(header, linkType, 20);
  return header;
}

/**
 * Writes a record header at `at` in `b`: seconds, fraction, captured and original lengths.
 * @param {Buffer} b
 * @param {number} at
 * @param {{sec: number, usec: number, capLen: number, origLen: number}} fields
 * @param {{littleEndian?: boolean, nanoseconds?: boolean}} [format]
 */
export function writePcapRecordHeader(
  b,
  at,
  { sec, usec, capLen, origLen },
  { littleEndian = true, nanoseconds = false } = {},
) {
  const { u32 } = writers(littleEndian);
  u32(b, sec, at);
  u32(b, nanoseconds ? usec * 1000 : usec, at + 4);
  u32(b, capLen, at + 8);
  u32(b, origLen, at + 12);
  return at + PCAP_RECORD_HEADER_LENGTH;
}

/**
 * One record: its header, then its data.
 * @param {PcapRecord} record
 * @param {{littleEndian?: boolean, nanoseconds?: boolean}} [format]
 */
export function pcapRecord(record, format) {
  const header = Buffer.alloc(PCAP_RECORD_HEADER_LENGTH);
  const { sec, usec, data, capLen = data.length, origLen = data.length } = record;
  writePcapRecordHeader(header, 0, { sec, usec, capLen, origLen }, format);
  return Buffer.concat([header, record.data]);
}

/**
 * A whole classic pcap file. The parts are joined by Buffer.concat, which takes a list: a capture
 * can hold more records than a call takes arguments.
 * @param {readonly PcapRecord[]} records
 * @param {PcapFormat} format
 */
export function writePcap(records, format) {
  return Buffer.concat([pcapFileHeader(format), ...records.map((record) => pcapRecord(record, format))]);
}

/**
 * Records for packets captured one after another, `stepMicros` apart from `start` (in seconds).
 * @param {readonly Uint8Array[]} packets
 * @param {{start?: number, stepMicros?: number}} [timing]
 * @returns {PcapRecord[]}
 */
export function spacedRecords(packets, { start = 1_700_000_000, stepMicros = 1000 } = {}) {
  return packets.map((data, i) => ({
    sec: start + Math.floor((i * stepMicros) / 1e6),
    usec: (i * stepMicros) % 1e6,
    data,
  }));
}

/**
 * @typedef {object} ReadPcap
 * @property {number} snaplen
 * @property {number} linkType
 * @property {(PcapRecord & {origLen: number})[]} records
 */

/**
 * Reads a microsecond classic pcap file of either byte order.
 * @param {string} path
 * @returns {ReadPcap}
 */
export function readPcap(path) {
  const buf = readFileSync(path);
  const magicLE = buf.readUInt32LE(0);
  /** @type {boolean} */
  let le;
  if (magicLE === MAGIC_MICROSECONDS) le = true;
  else if (buf.readUInt32BE(0) === MAGIC_MICROSECONDS) le = false;
  else throw new Error(`${path}: not a microsecond classic pcap (magic 0x${magicLE.toString(16)})`);
  /** @param {number} off */
  const u32 = (off) => (le ? buf.readUInt32LE(off) : buf.readUInt32BE(off));
  const snaplen = u32(16);
  const linkType = u32(20) & 0xffff;
  const records = [];
  let off = PCAP_FILE_HEADER_LENGTH;
  while (off < buf.length) {
    if (off + PCAP_RECORD_HEADER_LENGTH > buf.length) throw new Error(`${path}: truncated record header at ${off}`);
    const capLen = u32(off + 8);
    const data = buf.subarray(off + PCAP_RECORD_HEADER_LENGTH, off + PCAP_RECORD_HEADER_LENGTH + capLen);
    if (data.length !== capLen) throw new Error(`${path}: truncated record at ${off}`);
    records.push({ sec: u32(off), usec: u32(off + 4), origLen: u32(off + 12), data });
    off += PCAP_RECORD_HEADER_LENGTH + capLen;
  }
  return { snaplen, linkType, records };
}
