// IPv4 (RFC 791 §3.1) and IPv6 (RFC 8200 §3) headers around a payload.

import { finishChecksum, sumWords } from "./checksum.mjs";

export const IP_PROTOCOL = {
  IPV4: 4,
  TCP: 6,
  UDP: 17,
  IPV6: 41,
  ROUTING: 43,
  GRE: 47,
  AH: 51,
  DESTINATION_OPTIONS: 60,
};
export const IPV4_HEADER_LENGTH = 20;
export const IPV6_HEADER_LENGTH = 40;

/**
 * @typedef {object} Ipv4Fields
 * @property {ArrayLike<number>} source 4 bytes
 * @property {ArrayLike<number>} destination 4 bytes
 * @property {number} protocol
 * @property {number} [id] 0 unless given
 * @property {number} [ttl] 64 unless given
 * @property {number} [totalLength] the header's and payload's unless given (other values make damaged packets)
 * @property {boolean} [checksum] false leaves the header checksum 0; computed unless given
 */

/**
 * Writes a 20-byte IPv4 header (no options, don't fragment) at `at` in `b` for a payload of
 * `payloadLength` bytes, and returns where it ends.
 * @param {Buffer} b
 * @param {number} at
 * @param {Ipv4Fields} fields
 * @param {number} payloadLength
 */
export function writeIpv4Header(
  b,
  at,
  { source, destination, protocol, id = 0, ttl = 64, totalLength, checksum = true },
  payloadLength,
) {
  b[at] = 0x45; // version 4, header 5 words
  b[at + 1] = 0;
  b.writeUInt16BE(totalLength ?? IPV4_HEADER_LENGTH + payloadLength, at + 2);
  b.writeUInt16BE(id & 0xffff, at + 4);
  b.writeUInt16BE(0x4000, at + 6); // don't fragment
  b[at + 8] = ttl;
  b[at + 9] = protocol;
  b.writeUInt16BE(0, at + 10);
  b.set(source, at + 12);
  b.set(destination, at + 16);
  if (checksum) b.writeUInt16BE(finishChecksum(sumWords(b, at, at + IPV4_HEADER_LENGTH)), at + 10);
  return at + IPV4_HEADER_LENGTH;
}

/**
 * An IPv4 packet: the header, then the payload.
 * @param {Ipv4Fields} fields
 * @param {...Uint8Array} payload
 */
export function ipv4(fields, ...payload) {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(IPV4_HEADER_LENGTH);
  writeIpv4Header(header, 0, fields, body.length);
  return Buffer.concat([header, body]);
}

/**
 * @typedef {object} Ipv6Fields
 * @property {ArrayLike<number>} source 16 bytes
 * @property {ArrayLike<number>} destination 16 bytes
 * @property {number} nextHeader
 * @property {number} [hopLimit] 64 unless given
 */

/**
 * An IPv6 packet (traffic class and flow label 0): the header, its payload length computed, then the payload.
 * @param {Ipv6Fields} fields
 * @param {...Uint8Array} payload
 */
export function ipv6({ source, destination, nextHeader, hopLimit = 64 }, ...payload) {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(IPV6_HEADER_LENGTH);
  header[0] = 0x60;
  header.writeUInt16BE(body.length, 4);
  header[6] = nextHeader;
  header[7] = hopLimit;
  header.set(source, 8);
  header.set(destination, 24);
  return Buffer.concat([header, body]);
}

/**
 * An 8-byte IPv6 extension header (Hop-by-Hop, Routing, Destination Options: RFC 8200 §4) naming
 * the header after it; its body is padding.
 * @param {number} nextHeader
 */
export function ipv6ExtensionHeader(nextHeader) {
  return Buffer.from([nextHeader, 0, 1, 4, 0, 0, 0, 0]);
}
