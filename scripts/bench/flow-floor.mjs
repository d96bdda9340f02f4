// The floor of a per-connection summary in Node: the read loop, plus IPv4/TCP fields read at
// fixed offsets into numbers and per-connection counters in flat typed arrays found through an
// open-addressing table, with no object made per segment or per connection. No analysis, no
// states, no output but the totals: whatever `summary` costs above this is what it does beyond
// counting: the least a summary in JavaScript pays, short of tuning this loop itself.
//
//   node scripts/bench/flow-floor.mjs CAPTURE.pcap

import { closeSync, openSync, readSync } from "node:fs";
import { isMain } from "./is-main.mjs";
import { FILE_HEADER, RECORD_HEADER, forEachRecord } from "./read-loop.mjs";

/** Where the IP header starts, by link type: Ethernet (1), raw IP (101), Linux cooked v1 (113) and v2 (276). */
const IP_OFFSET = new Map([
  [1, 14],
  [101, 0],
  [113, 16],
  [276, 20],
]);
const IP_PROTOCOL_TCP = 6;
const FIN = 0x01;
const RST = 0x04;

/**
 * Per-connection counters, a column each, and the table that finds a connection by its ends
 * (the lower address first, as the tracker's FlowMap orders them).
 */
class FlowCounters {
  constructor(capacity = 1 << 16) {
    this.count = 0;
    this.capacity = 0;
    this.slots = new Int32Array(0);
    this.low = new Uint32Array(0);
    this.high = new Uint32Array(0);
    this.ports = new Uint32Array(0);
    this.packets = new Uint32Array(0);
    this.lowPackets = new Uint32Array(0);
    this.bytes = new Float64Array(0);
    this.flags = new Uint16Array(0);
    this.first = new Float64Array(0);
    this.last = new Float64Array(0);
    this.allocate(capacity);
  }

  /** @param {number} capacity */
  allocate(capacity) {
    this.capacity = capacity;
    this.slots = new Int32Array(capacity * 2).fill(-1);
    /**
     * A column of the new capacity holding the old one's counters.
     * @template {Uint32Array | Uint16Array | Float64Array} T
     * @param {new (length: number) => T} Type
     * @param {T} old
     */
    const grow = (Type, old) => {
      const column = new Type(capacity);
      column.set(old.subarray(0, this.count));
      return column;
    };
    this.low = grow(Uint32Array, this.low);
    this.high = grow(Uint32Array, this.high);
    this.ports = grow(Uint32Array, this.ports);
    this.packets = grow(Uint32Array, this.packets);
    this.lowPackets = grow(Uint32Array, this.lowPackets);
    this.bytes = grow(Float64Array, this.bytes);
    this.flags = grow(Uint16Array, this.flags);
    this.first = grow(Float64Array, this.first);
    this.last = grow(Float64Array, this.last);
    for (let index = 0; index < this.count; index++) this.place(index);
  }

  /**
   * The slot of the ends' connection, or of the empty slot where it belongs.
   * @param {number} low
   * @param {number} high
   * @param {number} ports
   */
  slotOf(low, high, ports) {
    const mask = this.slots.length - 1;
    let slot = (Math.imul(low ^ Math.imul(high, 0x9e3779b1) ^ Math.imul(ports, 0x85ebca6b), 0xc2b2ae35) >>> 16) & mask;
    for (;;) {
      const index = /** @type {number} */ (this.slots[slot]);
      if (index === -1 || (this.low[index] === low && this.high[index] === high && this.ports[index] === ports))
        return slot;
      slot = (slot + 1) & mask;
    }
  }

  /** @param {number} index */
  place(index) {
    this.slots[
      this.slotOf(
        /** @type {number} */ (this.low[index]),
        /** @type {number} */ (this.high[index]),
        /** @type {number} */ (this.ports[index]),
      )
    ] = index;
  }

  /**
   * The connection between the ends, opened at `time` if new.
   * @param {number} low
   * @param {number} high
   * @param {number} ports
   * @param {number} time
   * @returns {number}
   */
  find(low, high, ports, time) {
    const slot = this.slotOf(low, high, ports);
    const found = /** @type {number} */ (this.slots[slot]);
    if (found !== -1) return found;
    if (this.count === this.capacity) {
      this.allocate(this.capacity * 2);
      return this.find(low, high, ports, time);
    }
    const index = this.count++;
    this.low[index] = low;
    this.high[index] = high;
    this.ports[index] = ports;
    this.first[index] = time;
    this.slots[slot] = index;
    return index;
  }
}

/**
 * Counts every IPv4 TCP segment of a classic pcap file into its connection.
 * @param {string} path
 */
export function countFlows(path) {
  const ipOffset = ipOffsetOf(path);
  const flows = new FlowCounters();
  let segments = 0;
  const records = forEachRecord(path, (buffer, pos) => {
    const ip = pos + RECORD_HEADER + ipOffset;
    if (
      buffer.readUInt32LE(pos + 8) < ipOffset + 40 ||
      /** @type {number} */ (buffer[ip]) >> 4 !== 4 ||
      buffer[ip + 9] !== IP_PROTOCOL_TCP
    )
      return;
    segments++;
    countSegment(flows, buffer, ip, buffer.readUInt32LE(pos) + buffer.readUInt32LE(pos + 4) / 1e6);
  });
  return { records, segments, connections: flows.count, ...totalsOf(flows) };
}

/**
 * Where IP starts in each record, by the file header's link type; only little-endian microsecond files.
 * @param {string} path
 */
function ipOffsetOf(path) {
  const header = Buffer.alloc(FILE_HEADER);
  const fd = openSync(path, "r");
  readSync(fd, header, 0, FILE_HEADER, 0);
  closeSync(fd);
  if (header.readUInt32LE(0) !== 0xa1b2c3d4) throw new Error(`${path}: not a little-endian microsecond pcap file`);
  const offset = IP_OFFSET.get(header.readUInt32LE(20));
  if (offset === undefined)
    throw new Error(`${path}: link type ${header.readUInt32LE(20)} is not one this floor reads`);
  return offset;
}

/**
 * @param {FlowCounters} flows
 * @param {Buffer} buffer
 * @param {number} ip
 * @param {number} time
 */
function countSegment(flows, buffer, ip, time) {
  const versionAndLength = /** @type {number} */ (buffer[ip]);
  const tcp = ip + (versionAndLength & 0x0f) * 4;
  const src = buffer.readUInt32BE(ip + 12);
  const dst = buffer.readUInt32BE(ip + 16);
  const srcPort = buffer.readUInt16BE(tcp);
  const dstPort = buffer.readUInt16BE(tcp + 2);
  const sourceIsLow = src === dst ? srcPort <= dstPort : src < dst;
  const ports = sourceIsLow ? ((srcPort << 16) | dstPort) >>> 0 : ((dstPort << 16) | srcPort) >>> 0;
  const index = sourceIsLow ? flows.find(src, dst, ports, time) : flows.find(dst, src, ports, time);
  const dataOffset = /** @type {number} */ (buffer[tcp + 12]);
  const payload = buffer.readUInt16BE(ip + 2) - (tcp - ip) - (dataOffset >> 4) * 4;
  flows.packets[index] = /** @type {number} */ (flows.packets[index]) + 1;
  if (sourceIsLow) flows.lowPackets[index] = /** @type {number} */ (flows.lowPackets[index]) + 1;
  flows.bytes[index] = /** @type {number} */ (flows.bytes[index]) + payload;
  flows.flags[index] = /** @type {number} */ (flows.flags[index]) | /** @type {number} */ (buffer[tcp + 13]);
  flows.last[index] = time;
}

/**
 * Totals over the connections, so that every counter is read (and none optimized away).
 * @param {FlowCounters} flows
 */
function totalsOf(flows) {
  const totals = { packets: 0, fromLowerEnd: 0, bytes: 0, ended: 0, longestSeconds: 0 };
  for (let index = 0; index < flows.count; index++) {
    totals.packets += /** @type {number} */ (flows.packets[index]);
    totals.fromLowerEnd += /** @type {number} */ (flows.lowPackets[index]);
    totals.bytes += /** @type {number} */ (flows.bytes[index]);
    if (/** @type {number} */ (flows.flags[index]) & (FIN | RST)) totals.ended++;
    totals.longestSeconds = Math.max(
      totals.longestSeconds,
      /** @type {number} */ (flows.last[index]) - /** @type {number} */ (flows.first[index]),
    );
  }
  return totals;
}

function main() {
  const path = process.argv[2];
  if (path === undefined) throw new Error("usage: flow-floor.mjs CAPTURE.pcap");
  try {
    process.stdout.write(`${JSON.stringify(countFlows(path))}\n`);
  } catch (error) {
    process.stderr.write(`flow-floor: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}

if (isMain(import.meta)) main();
