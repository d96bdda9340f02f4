// The kinds of connection the generated captures mix, each a short script of what the client
// and the server send: echo sessions closed in three or four steps by either side, resets,
// refusals, retransmissions, reordering, a full receive window, bulk transfers.

import { CLIENT, Conversation, Flag, MSS, SERVER, peer } from "./conversation.mjs";
import { OptionLayout } from "./pcap-writer.mjs";

/** @typedef {import("./prng.mjs").Random} Random */

const { FIN, SYN, RST, PSH, ACK } = Flag;

/** How often each kind of connection occurs (relative weights). */
export const SCENARIO_WEIGHTS = {
  echo: 68,
  "client-reset": 7,
  "server-reset": 4,
  refused: 3,
  "syn-retransmitted": 1,
  "data-retransmitted": 5,
  "out-of-order": 3,
  "zero-window": 2,
  bulk: 2,
  "server-closes-first": 5,
};

/** Linux's retransmission timeouts: the initial one (RFC 6298 §2, 1 s) and the minimum (200 ms). */
const SYN_RTO = 1_000_000;
const MIN_RTO = 200_000;

/**
 * Builds one connection of the given kind starting at `start` (microseconds since the epoch).
 * @param {string} kind a key of SCENARIO_WEIGHTS
 * @param {Random} random
 * @param {number} start
 * @returns {import("./conversation.mjs").Packet[]}
 */
export function buildConnection(kind, random, start) {
  const c = new Conversation(random, start, random.int(40, 2000));
  const scenario = SCENARIOS[kind];
  if (scenario === undefined) throw new Error(`no scenario ${kind}`);
  scenario(c, random);
  return c.packets;
}

/** @type {Record<string, (c: Conversation, random: Random) => void>} */
const SCENARIOS = {
  echo(c, random) {
    handshake(c);
    exchanges(c, random);
    close(c, random, CLIENT);
  },
  "server-closes-first"(c, random) {
    handshake(c);
    exchanges(c, random);
    close(c, random, SERVER);
  },
  "client-reset"(c, random) {
    handshake(c);
    exchanges(c, random);
    c.wait(random.exponential(20_000));
    c.send(CLIENT, RST | ACK); // close() with SO_LINGER 0: RST, and the socket is gone
  },
  "server-reset"(c, random) {
    handshake(c);
    c.wait(thinkTime(random));
    request(c, random);
    c.wait(random.int(50, 2000));
    c.send(SERVER, RST | ACK);
  },
  refused(c) {
    c.send(CLIENT, SYN);
    c.cross();
    // Nothing listens: the RST acknowledges the SYN and carries sequence number 0.
    c.received[SERVER] = c.next[CLIENT];
    c.send(SERVER, RST | ACK, { seq: 0, win: 0 });
  },
  "syn-retransmitted"(c, random) {
    const syn = c.send(CLIENT, SYN);
    c.wait(SYN_RTO);
    c.send(CLIENT, SYN, { seq: syn.seq });
    c.deliver(CLIENT);
    finishHandshake(c);
    exchanges(c, random);
    close(c, random, CLIENT);
  },
  "data-retransmitted"(c, random) {
    handshake(c);
    c.wait(thinkTime(random));
    // The request is lost on its way: the capture sees it, then the same bytes again after the RTO.
    const len = requestLength(random);
    const lost = c.send(CLIENT, PSH | ACK, { len });
    c.wait(MIN_RTO + c.rtt);
    c.send(CLIENT, PSH | ACK, { len, seq: lost.seq });
    c.deliver(CLIENT);
    c.cross();
    respond(c, random);
    exchanges(c, random);
    close(c, random, CLIENT);
  },
  "out-of-order"(c, random) {
    handshake(c);
    c.wait(thinkTime(random));
    request(c, random);
    c.wait(random.int(50, 500));
    reorderedReply(c);
    close(c, random, CLIENT);
  },
  "zero-window"(c, random) {
    handshake(c);
    c.wait(thinkTime(random));
    request(c, random);
    fullWindow(c, random);
    close(c, random, CLIENT);
  },
  bulk(c, random) {
    handshake(c);
    c.wait(thinkTime(random));
    request(c, random);
    bulkReply(c, random.int(4, 24));
    close(c, random, CLIENT);
  },
};

/**
 * @param {Conversation} c
 */
function handshake(c) {
  c.say(CLIENT, SYN);
  finishHandshake(c);
}

/**
 * @param {Conversation} c
 */
function finishHandshake(c) {
  c.cross();
  c.say(SERVER, SYN | ACK);
  c.cross();
  c.say(CLIENT, ACK);
}

/**
 * One to five request/response rounds with think time between them.
 * @param {Conversation} c
 * @param {Random} random
 */
function exchanges(c, random) {
  const rounds = random.int(1, 3);
  for (let i = 0; i < rounds; i++) {
    c.wait(thinkTime(random));
    request(c, random);
    c.wait(random.int(20, 400));
    respond(c, random);
  }
}

/**
 * @param {Random} random
 */
function thinkTime(random) {
  return random.exponential(15_000);
}

/**
 * @param {Random} random
 */
function requestLength(random) {
  return random.chance(0.95) ? random.int(4, 64) : random.int(65, 1000);
}

/**
 * The client's request; the server acknowledges it on its own now and then (delayed ACK ran out).
 * @param {Conversation} c
 * @param {Random} random
 */
function request(c, random) {
  c.say(CLIENT, PSH | ACK, { len: requestLength(random) });
  if (random.chance(0.2)) {
    c.cross();
    c.say(SERVER, ACK);
  }
}

/**
 * The server echoes (the ACK rides on the answer); the client acknowledges it.
 * @param {Conversation} c
 * @param {Random} random
 */
function respond(c, random) {
  c.say(SERVER, PSH | ACK, { len: requestLength(random) });
  c.cross();
  c.say(CLIENT, ACK);
}

/**
 * `closer` sends FIN; the peer answers with ACK then FIN (four steps) or FIN+ACK at once (three).
 * @param {Conversation} c
 * @param {Random} random
 * @param {import("./conversation.mjs").Side} closer
 */
function close(c, random, closer) {
  const other = peer(closer);
  c.wait(random.exponential(5_000));
  c.say(closer, FIN | ACK);
  c.cross();
  if (random.chance(0.6)) {
    c.say(other, ACK);
    c.wait(random.int(10, 3000));
  }
  c.say(other, FIN | ACK);
  c.cross();
  c.say(closer, ACK);
}

/**
 * Two answer segments arrive swapped: the client acknowledges the hole with a SACK (a duplicate
 * ACK), then the whole once the first segment comes.
 * @param {Conversation} c
 */
function reorderedReply(c) {
  const holeStart = c.next[SERVER];
  const first = { seq: holeStart, len: MSS };
  const secondSeq = (holeStart + MSS) >>> 0;
  c.next[SERVER] = (secondSeq + MSS) >>> 0;
  c.send(SERVER, ACK, { seq: secondSeq, len: MSS });
  c.cross();
  c.send(CLIENT, ACK, { options: OptionLayout.SACK, sack: [secondSeq, c.next[SERVER]] });
  c.send(SERVER, PSH | ACK, first);
  c.deliver(SERVER);
  c.cross();
  c.say(CLIENT, ACK);
}

/**
 * The client stops reading: its window closes, the server probes it, and it reopens.
 * Linux's probe is one byte at the next sequence number once the window is 0.
 * @param {Conversation} c
 * @param {Random} random
 */
function fullWindow(c, random) {
  for (let i = 0; i < 4; i++) c.send(SERVER, ACK, { len: MSS });
  c.deliver(SERVER);
  c.cross();
  c.window[CLIENT] = 0;
  c.say(CLIENT, ACK);
  const probes = random.int(1, 3);
  for (let i = 0; i < probes; i++) {
    c.wait(MIN_RTO * 2 ** i);
    c.send(SERVER, ACK, { len: 1, seq: c.next[SERVER] });
    c.cross();
    c.send(CLIENT, ACK);
  }
  c.wait(random.int(1000, 50_000));
  c.window[CLIENT] = 512;
  c.say(CLIENT, ACK); // window update
  c.cross();
  c.say(SERVER, PSH | ACK, { len: random.int(1, MSS) });
  c.cross();
  c.say(CLIENT, ACK);
}

/**
 * A large answer in full-size segments; the client acknowledges every second one.
 * @param {Conversation} c
 * @param {number} segments
 */
function bulkReply(c, segments) {
  for (let i = 0; i < segments; i++) {
    c.wait(12);
    c.say(SERVER, i === segments - 1 ? PSH | ACK : ACK, { len: MSS });
    if (i % 2 === 1) {
      c.wait(c.rtt / 2);
      c.say(CLIENT, ACK);
    }
  }
  c.cross();
  c.say(CLIENT, ACK);
}
