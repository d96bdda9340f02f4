// A TCP exchange between two endpoints written as IPv4 packets with correct checksums, one pcap
// record each: how the crafted fixtures describe a connection.

import { IPV4_HEADER_LENGTH, IP_PROTOCOL, writeIpv4Header } from "./ip.mjs";
import { TCP_FLAG, TCP_HEADER_LENGTH, fillTcpChecksum, writeTcpHeader } from "./tcp.mjs";

/**
 * @typedef {object} Endpoint
 * @property {number[]} address 4 bytes
 * @property {number} port
 */

/**
 * One segment; the ack field is written only with the ACK flag (0 otherwise, as stacks send it).
 * @typedef {object} Segment
 * @property {number} seq
 * @property {number} [ack]
 * @property {number} flags
 * @property {number} [window] 64240 unless given
 * @property {Uint8Array} [options] whole 32-bit words
 * @property {Uint8Array} [payload]
 */

/** @typedef {[ms: number, sender: "client" | "server", segment: Segment]} ExchangeRow */

/**
 * An IPv4 packet (20-byte header, DF, TTL 64, the given IP id) carrying one TCP segment.
 * @param {Endpoint} from
 * @param {Endpoint} to
 * @param {Segment} segment
 * @param {number} ipId
 */
export function ipv4TcpPacket(
  from,
  to,
  { seq, ack = 0, flags, window = 64240, options = new Uint8Array(0), payload = new Uint8Array(0) },
  ipId,
) {
  const tcpLength = TCP_HEADER_LENGTH + options.length + payload.length;
  const packet = Buffer.alloc(IPV4_HEADER_LENGTH + tcpLength);
  writeIpv4Header(
    packet,
    0,
    { source: from.address, destination: to.address, protocol: IP_PROTOCOL.TCP, id: ipId },
    tcpLength,
  );
  const payloadAt = writeTcpHeader(packet, IPV4_HEADER_LENGTH, {
    sourcePort: from.port,
    destinationPort: to.port,
    seq,
    ack: flags & TCP_FLAG.ACK ? ack : 0,
    flags,
    window,
    options,
  });
  packet.set(payload, payloadAt);
  return fillTcpChecksum(packet);
}

/**
 * pcap records from an exchange: rows of [milliseconds after start (to the microsecond), sender,
 * segment]. IP ids count up from firstIpId across the exchange.
 * @param {readonly ExchangeRow[]} exchange
 * @param {{client: Endpoint, server: Endpoint, start: {sec: number, usec: number}, firstIpId: number}} ends
 * @returns {(import("./pcap.mjs").PcapRecord & {origLen: number})[]}
 */
export function exchangeRecords(exchange, { client, server, start, firstIpId }) {
  return exchange.map(([ms, sender, segment], i) => {
    const [from, to] = sender === "client" ? [client, server] : [server, client];
    const data = ipv4TcpPacket(from, to, segment, (firstIpId + i) & 0xffff);
    const usec = start.usec + Math.round(ms * 1000);
    return { sec: start.sec + Math.floor(usec / 1e6), usec: usec % 1e6, origLen: data.length, data };
  });
}
