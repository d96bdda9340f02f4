// Generates a large, realistic TCP capture, the same bytes on every run: many short connections
// of the kinds in scenarios.mjs, started at random (a Poisson process) and interleaved in time
// order the way a capture point sees concurrent connections.
//
//   node scripts/bench/generate.mjs OUT.pcap [--connections N] [--seed S]

import { parseArgs } from "node:util";
import { isMain } from "./is-main.mjs";
import { PcapWriter } from "./pcap-writer.mjs";
import { Random } from "./prng.mjs";
import { SCENARIO_WEIGHTS, buildConnection } from "./scenarios.mjs";

/**
 * A connection being written: its segments and the next one due.
 * @typedef {{ends: import("./pcap-writer.mjs").Ends, packets: import("./conversation.mjs").Packet[], index: number, order: number}} Connection
 */

/** New connections per second: with connections lasting about 75 ms on average, some 150 are open at once. */
const ARRIVALS_PER_SECOND = 2000;
/** 2024-01-01T00:00:00Z, in microseconds: captures start at a fixed, plausible time. */
export const CAPTURE_START = 1_704_067_200_000_000;
const CLIENT_HOSTS = 50;
/** Ports no tshark dissector claims, so every peer measures TCP alone, as with the reference capture. */
const SERVER_PORTS = [9502, 9503, 9504, 9505];
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_HIGH = 60999;

/**
 * @param {string} path
 * @param {{connections: number, seed: number}} options
 * @returns {{frames: number, bytes: number, connections: number, maxOpen: number, meanOpen: number, seconds: number}}
 */
export function generateCapture(path, { connections, seed }) {
  const random = new Random(seed);
  const writer = new PcapWriter(path);
  const open = new ConnectionHeap();
  const ports = Array.from({ length: CLIENT_HOSTS }, () => random.int(EPHEMERAL_LOW, EPHEMERAL_HIGH));
  let started = 0;
  let nextStart = CAPTURE_START;
  let maxOpen = 0;
  let openTimesFrames = 0;
  while (started < connections || open.size > 0) {
    const due = open.peek();
    if (started < connections && (due === undefined || nextStart <= nextTime(due))) {
      open.push(startConnection(random, Math.round(nextStart), started, ports));
      started++;
      nextStart += random.exponential(1e6 / ARRIVALS_PER_SECOND);
      maxOpen = Math.max(maxOpen, open.size);
      continue;
    }
    const connection = open.pop();
    const packet = connection?.packets[connection.index++];
    if (connection === undefined || packet === undefined) throw new Error("an open connection has no segment left");
    writer.segment(connection.ends, packet);
    openTimesFrames += open.size + 1;
    if (connection.index < connection.packets.length) open.push(connection);
  }
  writer.close();
  const seconds = (nextStart - CAPTURE_START) / 1e6;
  return {
    frames: writer.frames,
    bytes: writer.bytes,
    connections,
    maxOpen,
    meanOpen: Math.round(openTimesFrames / writer.frames),
    seconds,
  };
}

/**
 * A client host (10.1.0.x) picks its next ephemeral port and opens a connection to a server.
 * @param {Random} random
 * @param {number} start
 * @param {number} number
 * @param {number[]} ports each client host's last port
 * @returns {Connection}
 */
function startConnection(random, start, number, ports) {
  const host = random.int(0, CLIENT_HOSTS - 1);
  const last = ports[host] ?? EPHEMERAL_LOW;
  const port = last >= EPHEMERAL_HIGH ? EPHEMERAL_LOW : last + random.int(1, 8);
  ports[host] = port;
  const ends = {
    clientIp: [10, 1, 0, 10 + host],
    serverIp: [10, 2, 0, 1 + (number % 3)],
    clientPort: Math.min(port, EPHEMERAL_HIGH),
    serverPort: /** @type {number} */ (SERVER_PORTS[random.int(0, SERVER_PORTS.length - 1)]),
  };
  const packets = buildConnection(random.pick(SCENARIO_WEIGHTS), random, start);
  return { ends, packets, index: 0, order: number };
}

/** The open connections, ordered by the time of their next segment (ties: the older connection first). */
class ConnectionHeap {
  constructor() {
    /** @type {Connection[]} */
    this.items = [];
  }

  get size() {
    return this.items.length;
  }

  peek() {
    return this.items[0];
  }

  /** @param {Connection} item */
  push(item) {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = /** @type {Connection} */ (items[parent]);
      if (!before(item, above)) break;
      items[i] = above;
      items[parent] = item;
      i = parent;
    }
  }

  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (last !== undefined && items.length > 0) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** @param {number} i */
  siftDown(i) {
    const items = this.items;
    const item = /** @type {Connection} */ (items[i]);
    for (;;) {
      let first = i;
      let firstItem = item;
      for (const child of [2 * i + 1, 2 * i + 2]) {
        const candidate = items[child];
        if (candidate !== undefined && before(candidate, firstItem)) {
          first = child;
          firstItem = candidate;
        }
      }
      if (first === i) return;
      items[i] = firstItem;
      items[first] = item;
      i = first;
    }
  }
}

/**
 * The time of the connection's next segment.
 * @param {Connection} connection
 */
function nextTime(connection) {
  return connection.packets[connection.index]?.time ?? Infinity;
}

/**
 * @param {Connection} a
 * @param {Connection} b
 */
function before(a, b) {
  const ta = nextTime(a);
  const tb = nextTime(b);
  return ta < tb || (ta === tb && a.order < b.order);
}

function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { connections: { type: "string", default: "60000" }, seed: { type: "string", default: "1" } },
  });
  const [path] = positionals;
  if (path === undefined) throw new Error("usage: generate.mjs OUT.pcap [--connections N] [--seed S]");
  const stats = generateCapture(path, { connections: Number(values.connections), seed: Number(values.seed) });
  process.stdout.write(`${path}: ${JSON.stringify(stats)}\n`);
}

if (isMain(import.meta)) main();
