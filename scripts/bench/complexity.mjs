// The complexity captures: one connection each, shaped so that a structure whose cost grows with
// what it holds (the segments waiting for an ACK, the blocks seen above a hole) would make the
// run super-linear, and beside each an in-order connection of the same number of segments to
// time it against (docs/performance.md). The same bytes on every run.
//
//   node scripts/bench/complexity.mjs OUT_DIR [--scale 1]

import { join } from "node:path";
import { parseArgs } from "node:util";
import { CLIENT, Conversation, Flag, SERVER } from "./conversation.mjs";
import { isMain } from "./is-main.mjs";
import { PcapWriter } from "./pcap-writer.mjs";
import { Random } from "./prng.mjs";

const { SYN, FIN, PSH, RST, ACK } = Flag;
/** @type {import("./pcap-writer.mjs").Ends} */
const ENDS = { clientIp: [10, 1, 0, 1], serverIp: [10, 2, 0, 1], clientPort: 40000, serverPort: 9502 };
/** 2024-01-01T00:00:00Z in microseconds, as generate.mjs starts. */
const START = 1_704_067_200_000_000;
/** Microseconds between two segments: a fast sender on a slow path, far above the iRTT. */
const GAP = 10;
const RTT = 200;
/** overlappingRepeatData's copies are 1 to this many bytes long. */
const OVERLAPPING_LENGTHS = 100;

/**
 * The sizes of the full run: 160,000 data segments reordered; 10,000 unacknowledged segments and
 * 200,000 duplicate ACKs or retransmissions of them. Each is paired with an in-order capture of
 * the same number of data segments.
 */
const FULL = { reordered: 160_000, unacked: 10_000, repeated: 200_000 };

/**
 * @typedef {object} ComplexityCase
 * @property {string} name
 * @property {string} baseline the name of the in-order case it is timed against
 * @property {string} description
 * @property {(c: Conversation) => void} data what happens between the handshake and the close
 * @property {boolean} [sendsFin] the data ends with the client's FIN, so the close has the rest alone
 * @property {boolean} [aborts] the data ends the connection (RSTs): no close follows
 */

/**
 * The cases at `scale` (1 for the full run, smaller for the smoke run).
 * @param {number} scale
 * @returns {ComplexityCase[]}
 */
export function complexityCases(scale) {
  const reordered = Math.round(FULL.reordered * scale);
  const unacked = Math.round(FULL.unacked * scale);
  const repeated = Math.round(FULL.repeated * scale);
  // Few enough that Wireshark's list has room for the copies (it keeps 10,000 at most).
  const few = Math.round(unacked / 10);
  const count = (/** @type {number} */ n) => n.toLocaleString("en-US");
  /** @type {(n: number) => ComplexityCase} */
  const inOrder = (n) => ({
    name: `in-order-${n}`,
    baseline: `in-order-${n}`,
    description: `${count(n)} one-byte segments in order`,
    data: (c) => inOrderData(c, n),
  });
  return [
    inOrder(reordered),
    {
      name: `descending-${reordered}`,
      baseline: `in-order-${reordered}`,
      description: `${count(reordered)} one-byte segments, last byte first`,
      data: (c) => descendingData(c, reordered),
    },
    {
      name: `shuffled-${reordered}`,
      baseline: `in-order-${reordered}`,
      description: `${count(reordered)} one-byte segments in a random order`,
      data: (c) => shuffledData(c, reordered),
    },
    {
      name: `gappy-${reordered}`,
      baseline: `in-order-${reordered}`,
      description: `${count(reordered)} one-byte segments, every other one missing, then the missing ones`,
      data: (c) => gappyData(c, reordered),
    },
    inOrder(unacked + repeated),
    {
      name: `duplicate-acks-${unacked}-${repeated}`,
      baseline: `in-order-${unacked + repeated}`,
      description: `${count(unacked)} unacknowledged segments, then ${count(repeated)} duplicate ACKs`,
      data: (c) => duplicateAckData(c, unacked, repeated),
    },
    {
      name: `scattered-duplicate-acks-${unacked}-${repeated}`,
      baseline: `in-order-${unacked + repeated}`,
      description: `${count(unacked)} unacknowledged segments scattered over the sequence space, then ${count(repeated)} duplicate ACKs`,
      data: (c) => scatteredDuplicateAckData(c, unacked, repeated),
    },
    {
      name: `scattered-then-acked-data-${unacked}-${repeated}`,
      baseline: `in-order-${unacked + repeated}`,
      description: `${count(unacked)} unacknowledged segments gigabytes ahead of the data, then ${count(repeated / 2)} one-byte segments, each acknowledged`,
      data: (c) => scatteredThenAckedData(c, unacked, repeated / 2),
    },
    {
      name: `retransmissions-${unacked}-${repeated}`,
      baseline: `in-order-${unacked + repeated}`,
      description: `${count(unacked)} unacknowledged segments, then ${count(repeated)} retransmissions of them`,
      data: (c) => retransmissionData(c, unacked, repeated),
    },
    {
      name: `first-repeats-${few}-${unacked + repeated - few}`,
      baseline: `in-order-${unacked + repeated}`,
      description: `${count(few)} unacknowledged segments, then the first of them sent ${count(unacked + repeated - few)} times`,
      data: (c) => firstRepeatData(c, few, unacked + repeated - few),
    },
    {
      name: `fin-repeats-${unacked}-${repeated}`,
      baseline: `in-order-${unacked + repeated}`,
      description: `${count(unacked)} unacknowledged segments, then a FIN sent ${count(repeated)} times`,
      data: (c) => finRepeatData(c, unacked, repeated, false),
      sendsFin: true,
    },
    {
      name: `fin-crossings-${unacked}-${repeated}`,
      baseline: `in-order-${unacked + repeated}`,
      description: `${count(unacked)} unacknowledged segments, then a FIN sent ${count(repeated / 2)} times, each copy after a duplicate ACK that acknowledges none of them`,
      data: (c) => finCrossingData(c, unacked, repeated / 2),
      sendsFin: true,
    },
    {
      name: `overlapping-repeats-${few}-${unacked + repeated - few}`,
      baseline: `in-order-${unacked + repeated}`,
      description: `${count(few)} unacknowledged segments, then the first byte sent ${count(unacked + repeated - few)} times in lengths from 1 to 100`,
      data: (c) => overlappingRepeatData(c, few, unacked + repeated - few),
    },
    {
      name: `resets-${unacked}-${repeated}`,
      baseline: `in-order-${unacked + repeated}`,
      description: `${count(unacked)} unacknowledged segments, then ${count(repeated)} bare RSTs walking through the receive window`,
      data: (c) => resetData(c, unacked, repeated),
      aborts: true,
    },
    {
      name: `tail-repeats-${unacked}-${repeated}`,
      baseline: `in-order-${unacked + repeated}`,
      description: `${count(unacked)} unacknowledged segments, then the last one and a FIN sent again in turn, ${count(repeated)} in all`,
      data: (c) => finRepeatData(c, unacked, repeated, true),
      sendsFin: true,
    },
  ];
}

/**
 * Writes the case's capture: a handshake, its data, the server's ACK of everything, and a
 * four-way close (its first FIN in the data when the case sends it; none when the data aborts). Returns its frame and byte counts.
 * @param {string} path
 * @param {ComplexityCase} testCase
 */
export function writeComplexityCapture(path, testCase) {
  const c = new Conversation(new Random(1), START, RTT);
  c.say(CLIENT, SYN);
  c.cross();
  c.say(SERVER, SYN | ACK);
  c.cross();
  c.say(CLIENT, ACK);
  testCase.data(c);
  if (testCase.aborts) return writePackets(path, c);
  c.cross();
  c.received[SERVER] = c.next[CLIENT];
  c.say(SERVER, ACK);
  if (!testCase.sendsFin) {
    c.say(CLIENT, FIN | ACK);
    c.cross();
  }
  c.say(SERVER, FIN | ACK);
  c.cross();
  c.say(CLIENT, ACK);
  return writePackets(path, c);
}

/**
 * The conversation's segments as a pcap file; returns its frame and byte counts.
 * @param {string} path
 * @param {Conversation} c
 */
function writePackets(path, c) {
  const writer = new PcapWriter(path);
  for (const packet of c.packets) writer.segment(ENDS, packet);
  writer.close();
  return { frames: writer.frames, bytes: writer.bytes };
}

/**
 * One byte at `offset` past the client's first data byte, sent now (the server's ACK field unchanged).
 * @param {Conversation} c
 * @param {number} firstByte
 * @param {number} offset
 */
function sendByte(c, firstByte, offset) {
  c.wait(GAP);
  c.send(CLIENT, PSH | ACK, { len: 1, seq: (firstByte + offset) >>> 0 });
}

/**
 * Sends n bytes with `order(i)` giving the offset of the i-th; the client's next number then passes them all.
 * @param {Conversation} c
 * @param {number} n
 * @param {(i: number) => number} order
 */
function sendBytes(c, n, order) {
  const firstByte = c.next[CLIENT];
  for (let i = 0; i < n; i++) sendByte(c, firstByte, order(i));
  c.next[CLIENT] = (firstByte + n) >>> 0;
}

/** @param {Conversation} c @param {number} n */
function inOrderData(c, n) {
  sendBytes(c, n, (i) => i);
}

/** @param {Conversation} c @param {number} n */
function descendingData(c, n) {
  sendBytes(c, n, (i) => n - 1 - i);
}

/**
 * Every offset once, in an order shuffled by a seeded Fisher-Yates: holes open and fill anywhere.
 * @param {Conversation} c
 * @param {number} n
 */
function shuffledData(c, n) {
  const random = new Random(2);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(0, i);
    const swapped = /** @type {number} */ (order[i]);
    order[i] = /** @type {number} */ (order[j]);
    order[j] = swapped;
  }
  sendBytes(c, n, (i) => /** @type {number} */ (order[i]));
}

/**
 * The even offsets first (each leaves a hole behind it), then the odd ones fill the holes.
 * @param {Conversation} c
 * @param {number} n
 */
function gappyData(c, n) {
  const evens = Math.ceil(n / 2);
  sendBytes(c, n, (i) => (i < evens ? 2 * i : 2 * (i - evens) + 1));
}

/**
 * The server acknowledges the same byte `acks` times: every ACK repeats the one before.
 * @param {Conversation} c
 * @param {number} acks
 */
function duplicateAcks(c, acks) {
  for (let i = 0; i < acks; i++) {
    c.wait(GAP);
    c.send(SERVER, ACK);
  }
}

/**
 * `count` of the client's bytes, each at a random offset from `firstByte` between 1e6 and
 * `farthest` (a generator's, not a sender's: gigabytes apart), never acknowledged.
 * @param {Conversation} c
 * @param {number} firstByte
 * @param {number} count
 * @param {Random} random
 * @param {number} farthest
 */
function sendScattered(c, firstByte, count, random, farthest) {
  for (let i = 0; i < count; i++) sendByte(c, firstByte, random.int(1e6, farthest));
}

/**
 * The server keeps acknowledging the first byte.
 * @param {Conversation} c
 * @param {number} unacked
 * @param {number} acks
 */
function duplicateAckData(c, unacked, acks) {
  sendBytes(c, unacked, (i) => i);
  duplicateAcks(c, acks);
}

/**
 * As duplicateAckData, the client's bytes but the first scattered over the whole circle of
 * sequence numbers: too far apart to be kept in order by sequence number, so that the list is
 * read segment by segment (src/track/analysis/unacked.ts).
 * @param {Conversation} c
 * @param {number} unacked
 * @param {number} acks
 */
function scatteredDuplicateAckData(c, unacked, acks) {
  const firstByte = c.next[CLIENT];
  sendByte(c, firstByte, 0);
  sendScattered(c, firstByte, unacked - 1, new Random(3), 4e9);
  c.next[CLIENT] = (firstByte + 1) >>> 0;
  duplicateAcks(c, acks);
}

/**
 * The client's bytes scattered up to 2e9 ahead of its data (within half the circle of sequence
 * numbers, so still ordered by it); then its data, each byte acknowledged by the server: every
 * ACK is new, and reads the list.
 * @param {Conversation} c
 * @param {number} unacked
 * @param {number} acked
 */
function scatteredThenAckedData(c, unacked, acked) {
  sendScattered(c, c.next[CLIENT], unacked, new Random(4), 2e9);
  for (let i = 0; i < acked; i++) {
    c.wait(GAP);
    c.say(CLIENT, PSH | ACK, { len: 1 });
    c.wait(GAP);
    c.say(SERVER, ACK);
  }
}

/**
 * The client sends its unacknowledged bytes again and again, oldest first.
 * @param {Conversation} c
 * @param {number} unacked
 * @param {number} copies
 */
function retransmissionData(c, unacked, copies) {
  sendBytes(c, unacked, (i) => i);
  const firstByte = (c.next[CLIENT] - unacked) >>> 0;
  for (let i = 0; i < copies; i++) sendByte(c, firstByte, i % unacked);
}

/**
 * The client sends its unacknowledged bytes, then the first of them again and again, as a
 * retransmission timer does with no answer.
 * @param {Conversation} c
 * @param {number} unacked
 * @param {number} copies
 */
function firstRepeatData(c, unacked, copies) {
  sendBytes(c, unacked, (i) => i);
  const firstByte = (c.next[CLIENT] - unacked) >>> 0;
  for (let i = 0; i < copies; i++) sendByte(c, firstByte, 0);
}

/**
 * The client sends its unacknowledged bytes, then their first byte again and again, each time in
 * a length the copy before did not have (1 to 100 bytes, then again): copies that differ, as a
 * sender that repacketizes what it sends again makes them.
 * @param {Conversation} c
 * @param {number} unacked
 * @param {number} copies
 */
function overlappingRepeatData(c, unacked, copies) {
  sendBytes(c, unacked, (i) => i);
  const firstByte = (c.next[CLIENT] - unacked) >>> 0;
  for (let i = 0; i < copies; i++) {
    c.wait(GAP);
    c.send(CLIENT, PSH | ACK, { len: 1 + (i % OVERLAPPING_LENGTHS), seq: firstByte });
  }
  c.next[CLIENT] = (firstByte + Math.max(unacked, Math.min(copies, OVERLAPPING_LENGTHS))) >>> 0;
}

/**
 * The client sends its unacknowledged bytes, then bare RSTs (no ACK bit), each 7 bytes further
 * into the server's window, as a blind reset attack walks it (RFC 5961 §3): the first shows the
 * client lost the connection; the rest are those of a closed endpoint. No close follows.
 * @param {Conversation} c
 * @param {number} unacked
 * @param {number} resets
 */
function resetData(c, unacked, resets) {
  sendBytes(c, unacked, (i) => i);
  const next = c.next[CLIENT];
  for (let i = 0; i < resets; i++) {
    c.wait(GAP);
    c.send(CLIENT, RST, { seq: (next + ((i * 7) % 60000)) >>> 0 });
  }
}

/**
 * The client sends its unacknowledged bytes, then its FIN, then the FIN again and again with no
 * answer (with `withLastByte`, the last byte before each copy): every copy shows the one before lost.
 * @param {Conversation} c
 * @param {number} unacked
 * @param {number} copies segments after the first FIN
 * @param {boolean} withLastByte
 */
function finRepeatData(c, unacked, copies, withLastByte) {
  sendBytes(c, unacked, (i) => i);
  const lastByte = (c.next[CLIENT] - 1) >>> 0;
  c.wait(GAP);
  const fin = c.send(CLIENT, FIN | ACK);
  for (let i = 0; i < copies; i++) {
    c.wait(GAP);
    if (withLastByte && i % 2 === 0) c.send(CLIENT, PSH | ACK, { len: 1, seq: lastByte });
    else c.send(CLIENT, FIN | ACK, { seq: fin.seq });
  }
}

/**
 * The client's FIN sent again and again while the server keeps sending duplicate ACKs, in turn:
 * no ACK covers a copy, so each crossed the server's next segment, and the one after shows it
 * lost (docs/tracking-model.md, Evidence).
 * @param {Conversation} c
 * @param {number} unacked
 * @param {number} copies
 */
function finCrossingData(c, unacked, copies) {
  sendBytes(c, unacked, (i) => i);
  c.wait(GAP);
  const fin = c.send(CLIENT, FIN | ACK);
  for (let i = 0; i < copies; i++) {
    c.wait(GAP);
    c.send(SERVER, ACK);
    c.wait(GAP);
    c.send(CLIENT, FIN | ACK, { seq: fin.seq });
  }
}

function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { scale: { type: "string", default: "1" } },
  });
  const [outDir] = positionals;
  if (outDir === undefined) throw new Error("usage: complexity.mjs OUT_DIR [--scale S]");
  for (const testCase of complexityCases(Number(values.scale))) {
    const path = join(outDir, `${testCase.name}.pcap`);
    process.stdout.write(`${path}: ${JSON.stringify(writeComplexityCapture(path, testCase))}\n`);
  }
}

if (isMain(import.meta)) main();
