// TCP headers (RFC 9293 §3.1) with their options and checksum, and the fields read back from one.

import { finishChecksum, sumWords } from "./checksum.mjs";
import { IP_PROTOCOL } from "./ip.mjs";

export const TCP_FLAG = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };
export const TCP_HEADER_LENGTH = 20;

/** Option bytes by kind (RFC 9293 §3.2, RFC 7323 §2 and §3, RFC 2018 §2 and §3). */
export const tcpOption = {
  nop: () => [1],
  /** @param {number} size */
  mss: (size) => [2, 4, size >> 8, size & 0xff],
  /** @param {number} shift */
  windowScale: (shift) => [3, 3, shift],
  sackPermitted: () => [4, 2],
  /** @param {[left: number, right: number][]} blocks */
  sack: (blocks) => [5, 2 + 8 * blocks.length, ...blocks.flatMap(([left, right]) => [...u32(left), ...u32(right)])],
  /** @param {number} value @param {number} echo */
  timestamps: (value, echo) => [8, 10, ...u32(value), ...u32(echo)],
};

/**
 * The options in order, as bytes.
 * @param {...number[]} options
 */
export function tcpOptions(...options) {
  let length = 0;
  for (const option of options) length += option.length;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const option of options) {
    bytes.set(option, at);
    at += option.length;
  }
  return bytes;
}

/** @param {number} value */
function u32(value) {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/**
 * @typedef {object} TcpFields
 * @property {number} sourcePort
 * @property {number} destinationPort
 * @property {number} seq
 * @property {number} [ack] 0 unless given
 * @property {number} flags
 * @property {number} [window] 65535 unless given
 * @property {ArrayLike<number>} [options] whole 32-bit words
 * @property {number} [dataOffset] in words; the header's with its options unless given (other values make damaged segments)
 */

/**
 * Writes a TCP header with its options at `at` in `b`, the checksum 0 (fillTcpChecksum sets it),
 * and returns where it ends.
 * @param {Buffer} b
 * @param {number} at
 * @param {TcpFields} fields
 */
export function writeTcpHeader(
  b,
  at,
  { sourcePort, destinationPort, seq, ack = 0, flags, window = 65535, options = [], dataOffset },
) {
  if (options.length % 4 !== 0) throw new Error("TCP options must fill whole 32-bit words");
  b.writeUInt16BE(sourcePort, at);
  b.writeUInt16BE(destinationPort, at + 2);
  b.writeUInt32BE(seq >>> 0, at + 4);
  b.writeUInt32BE(ack >>> 0, at + 8);
  b[at + 12] = (dataOffset ?? (TCP_HEADER_LENGTH + options.length) / 4) << 4;
  b[at + 13] = flags;
  b.writeUInt16BE(window, at + 14);
  b.writeUInt32BE(0, at + 16); // checksum, urgent pointer
  b.set(options, at + TCP_HEADER_LENGTH);
  return at + TCP_HEADER_LENGTH + options.length;
}

/**
 * A TCP segment, its checksum 0: the header, then the payload.
 * @param {TcpFields} fields
 * @param {...Uint8Array} payload
 */
export function tcp(fields, ...payload) {
  const header = Buffer.alloc(TCP_HEADER_LENGTH + (fields.options?.length ?? 0));
  writeTcpHeader(header, 0, fields);
  return Buffer.concat([header, ...payload]);
}

/**
 * Sets the checksum of the TCP segment that follows the IP header at `ipAt` in `packet` and ends
 * at `end`: the sum over the pseudo-header (RFC 9293 §3.1 for IPv4, RFC 8200 §8.1 for IPv6, whose
 * TCP header must follow the fixed header), the TCP header and the payload.
 * @param {Buffer} packet
 * @param {number} [ipAt]
 * @param {number} [end]
 */
export function fillTcpChecksum(packet, ipAt = 0, end = packet.length) {
  const first = packet[ipAt] ?? 0;
  // Where the source and destination addresses lie, and where the TCP header starts.
  const [addressesAt, addressesEnd, tcpAt] =
    first >> 4 === 6 ? [ipAt + 8, ipAt + 40, ipAt + 40] : [ipAt + 12, ipAt + 20, ipAt + (first & 0x0f) * 4];
  packet.writeUInt16BE(0, tcpAt + 16);
  const pseudoHeader = sumWords(packet, addressesAt, addressesEnd);
  const sum = sumWords(packet, tcpAt, end, pseudoHeader + IP_PROTOCOL.TCP + (end - tcpAt));
  packet.writeUInt16BE(finishChecksum(sum), tcpAt + 16);
  return packet;
}

/**
 * The TCP fields of an IPv4 or IPv6 packet (no IPv6 extension headers), null when it is not TCP.
 * @param {Buffer} packet
 */
export function parseTcp(packet) {
  const version = (packet[0] ?? 0) >> 4;
  const ipHeaderLength = version === 6 ? 40 : ((packet[0] ?? 0) & 0x0f) * 4;
  if ((version === 6 ? packet[6] : packet[9]) !== IP_PROTOCOL.TCP) return null;
  const at = ipHeaderLength;
  return {
    offset: at,
    srcPort: packet.readUInt16BE(at),
    dstPort: packet.readUInt16BE(at + 2),
    seq: packet.readUInt32BE(at + 4),
    ack: packet.readUInt32BE(at + 8),
    flags: packet.readUInt8(at + 13),
  };
}
