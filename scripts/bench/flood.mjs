// Generates a SYN flood as the attacked server's capture shows it, the same bytes on every run:
// SYNs from spoofed sources, each a connection of its own that no source completes. The server
// answers most with SYN+ACK and sends it again once unanswered (it holds them in SYN_RCVD, the
// half-open queue); the rest, past its backlog, it leaves unanswered. Every connection is new and
// waits, so what each one costs counts, rather than what each segment costs (docs/performance.md).
//
//   node scripts/bench/flood.mjs OUT.pcap [--connections N] [--seed S]

import { parseArgs } from "node:util";
import { CLIENT, Conversation, Flag, SERVER } from "./conversation.mjs";
import { CAPTURE_START } from "./generate.mjs";
import { isMain } from "./is-main.mjs";
import { PcapWriter } from "./pcap-writer.mjs";
import { Random } from "./prng.mjs";

const { SYN, ACK } = Flag;
/** SYNs per second: a modest flood (hping3 --flood sends far more). */
const SYNS_PER_SECOND = 50_000;
/** One SYN in this many finds the backlog full and gets no answer. */
const UNANSWERED_EVERY = 10;
/** Linux sends a SYN+ACK again after 1 s without the client's ACK. */
const SYN_ACK_RETRY = 1_000_000;
const SERVER_IP = [10, 2, 0, 1];
const SERVER_PORT = 9502;
/** The server answers from across a LAN. */
const RTT = 200;

/**
 * @param {string} path
 * @param {{connections: number, seed: number}} options
 * @returns {{frames: number, bytes: number, connections: number, seconds: number}}
 */
export function writeFloodCapture(path, { connections, seed }) {
  const random = new Random(seed);
  /** @type {[import("./pcap-writer.mjs").Ends, import("./conversation.mjs").Packet][]} */
  const segments = [];
  let start = CAPTURE_START;
  for (let i = 0; i < connections; i++) {
    start += random.exponential(1e6 / SYNS_PER_SECOND);
    const ends = {
      clientIp: [random.int(1, 223), random.int(0, 255), random.int(0, 255), random.int(1, 254)],
      serverIp: SERVER_IP,
      clientPort: random.int(1024, 65535),
      serverPort: SERVER_PORT,
    };
    const c = new Conversation(random, Math.round(start), RTT);
    c.say(CLIENT, SYN);
    if (i % UNANSWERED_EVERY !== 0) {
      c.cross();
      const synAck = c.say(SERVER, SYN | ACK);
      c.wait(SYN_ACK_RETRY);
      c.send(SERVER, SYN | ACK, { seq: synAck.seq });
    }
    for (const packet of c.packets) segments.push([ends, packet]);
  }
  // In capture order; a SYN and its answers keep their order (a stable sort).
  segments.sort(([, a], [, b]) => a.time - b.time);
  const writer = new PcapWriter(path);
  for (const [ends, packet] of segments) writer.segment(ends, packet);
  writer.close();
  return { frames: writer.frames, bytes: writer.bytes, connections, seconds: (start - CAPTURE_START) / 1e6 };
}

function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { connections: { type: "string", default: "200000" }, seed: { type: "string", default: "1" } },
  });
  const [out] = positionals;
  if (out === undefined) throw new Error("usage: flood.mjs OUT.pcap [--connections N] [--seed S]");
  const stats = writeFloodCapture(out, { connections: Number(values.connections), seed: Number(values.seed) });
  process.stdout.write(`${out}: ${JSON.stringify(stats)}\n`);
}

if (isMain(import.meta)) main();
