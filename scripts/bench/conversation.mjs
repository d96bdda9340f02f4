// One generated TCP connection: sequence and acknowledgment numbers, windows and timestamps kept
// the way the two endpoints would keep them, so the segments read as a real conversation.

import { OptionLayout } from "./pcap-writer.mjs";

export const Flag = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };

/** @typedef {0 | 1} Side CLIENT or SERVER */

/** @type {Side} */
export const CLIENT = 0;
/** @type {Side} */
export const SERVER = 1;

/** Window fields as Linux advertises them with window scale 7 (64 KiB, a little less later). */
const SYN_WINDOW = 65483;
const OPEN_WINDOW = 512;
export const MSS = 1448;

/**
 * @typedef {object} Packet
 * @property {number} time microseconds since the epoch
 * @property {boolean} fromClient
 * @property {number} flags
 * @property {number} seq
 * @property {number} ack
 * @property {number} win
 * @property {number} len
 * @property {number} options option bytes (an OptionLayout value)
 * @property {number} tsval
 * @property {number} tsecr
 * @property {number} sackLeft
 * @property {number} sackRight
 * @property {number} ipId
 */

export class Conversation {
  /**
   * @param {import("./prng.mjs").Random} random
   * @param {number} start microseconds since the epoch
   * @param {number} rtt round-trip time in microseconds
   */
  constructor(random, start, rtt) {
    this.random = random;
    this.time = start;
    this.rtt = rtt;
    /** @type {Packet[]} */
    this.packets = [];
    /** Next sequence number each side sends (SND.NXT), starting at its ISN. */
    /** @type {[number, number]} */
    this.next = [random.u32(), random.u32()];
    /** Each side's window field; 0 while its receive buffer is full. */
    /** @type {[number, number]} */
    this.window = [OPEN_WINDOW, OPEN_WINDOW];
    /** @type {[number, number]} */
    this.ipId = [random.int(0, 0xffff), random.int(0, 0xffff)];
    /** Each side's TCP timestamp clock offset (Linux randomizes it per connection) and the last value it saw. */
    /** @type {[number, number]} */
    this.tsOffset = [random.u32(), random.u32()];
    /** @type {[number, number]} */
    this.lastTsSeen = [0, 0];
    /** What each side has received in order (its RCV.NXT), which its ACKs carry. */
    /** @type {[number, number]} */
    this.received = [0, 0];
  }

  /** Lets time pass before the next segment. */
  /** @param {number} microseconds */
  wait(microseconds) {
    this.time += Math.max(1, Math.round(microseconds));
  }

  /** Half a round trip: the time a segment takes to reach the other side. */
  cross() {
    this.wait(this.rtt / 2);
  }

  /**
   * Sends a segment from `side` at the current time, with the side's next sequence number unless
   * `seq` is given (a retransmission), and returns it.
   * @param {Side} side
   * @param {number} flags
   * @param {{len?: number, seq?: number, win?: number, options?: number, sack?: [number, number]}} [fields]
   */
  send(side, flags, fields = {}) {
    const len = fields.len ?? 0;
    const seq = fields.seq ?? this.next[side];
    const synFin = (flags & Flag.SYN ? 1 : 0) + (flags & Flag.FIN ? 1 : 0);
    if (fields.seq === undefined) this.next[side] = (seq + len + synFin) >>> 0;
    const tsval = (this.tsOffset[side] + Math.floor(this.time / 1000)) >>> 0;
    /** @type {Packet} */
    const packet = {
      time: this.time,
      fromClient: side === CLIENT,
      flags,
      seq,
      ack: flags & Flag.ACK ? this.received[side] : 0,
      win: fields.win ?? (flags & Flag.SYN ? SYN_WINDOW : this.window[side]),
      len,
      options: fields.options ?? (flags & Flag.SYN ? OptionLayout.SYN : OptionLayout.TIMESTAMPS),
      tsval,
      tsecr: flags & Flag.ACK ? this.lastTsSeen[side] : 0,
      sackLeft: fields.sack?.[0] ?? 0,
      sackRight: fields.sack?.[1] ?? 0,
      ipId: this.ipId[side]++,
    };
    if (flags & Flag.RST) packet.options = 0;
    this.packets.push(packet);
    return packet;
  }

  /**
   * The other side takes in everything `side` sent so far (advances its RCV.NXT) and its timestamp.
   * @param {Side} side
   */
  deliver(side) {
    const other = peer(side);
    this.received[other] = this.next[side];
    const last = this.lastSentBy(side);
    if (last !== undefined) this.lastTsSeen[other] = last.tsval;
  }

  /**
   * Sends and delivers: the usual case of a segment that arrives.
   * @param {Side} side
   * @param {number} flags
   * @param {Parameters<Conversation["send"]>[2]} [fields]
   */
  say(side, flags, fields = {}) {
    const packet = this.send(side, flags, fields);
    this.deliver(side);
    return packet;
  }

  /** @param {Side} side */
  lastSentBy(side) {
    for (let i = this.packets.length - 1; i >= 0; i--) {
      const packet = this.packets[i];
      if (packet?.fromClient === (side === CLIENT)) return packet;
    }
    return undefined;
  }
}

/**
 * @param {Side} side
 * @returns {Side}
 */
export function peer(side) {
  return side === CLIENT ? SERVER : CLIENT;
}
