// Writes generated TCP segments as a classic pcap file with Ethernet framing (LINKTYPE_ETHERNET),
// with correct IPv4 and TCP checksums, through one large buffer.

import { closeSync, openSync, writeSync } from "node:fs";

const LINKTYPE_ETHERNET = 1;
const SNAP_LENGTH = 262144;
const BUFFER_BYTES = 4 * 1024 * 1024;
const RECORD_HEADER = 16;
const ETHERNET_HEADER = 14;
const IPV4_HEADER = 20;
const TCP_HEADER = 20;
/** The largest frame the generator writes: headers, 40 bytes of options, one MSS of payload. */
const MAX_FRAME = RECORD_HEADER + ETHERNET_HEADER + IPV4_HEADER + TCP_HEADER + 40 + 1448;

/**
 * What the payload bytes are made of: plain text that no dissector claims (a request line would
 * make tshark parse HTTP and measure that instead of TCP).
 */
const PAYLOAD_TEXT = Buffer.from("echo 0123456789 the quick brown fox jumps over the lazy dog\n".repeat(60));

/** TCP option bytes by kind of segment (Linux's order: MSS, SACK permitted, timestamps, NOP, window scale). */
export const OptionLayout = {
  /** NOP NOP timestamps: every segment after the handshake. */
  TIMESTAMPS: 12,
  /** MSS, SACK permitted, timestamps, NOP, window scale: the SYN and the SYN-ACK. */
  SYN: 20,
  /** NOP NOP SACK (one block), NOP NOP timestamps: an ACK that reports a hole. */
  SACK: 24,
};

export class PcapWriter {
  /** @param {string} path */
  constructor(path) {
    this.fd = openSync(path, "w");
    this.buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    this.pos = 0;
    this.frames = 0;
    this.bytes = 0;
    this.writeFileHeader();
  }

  /**
   * One segment as captured on the wire.
   * @param {{clientIp: number, serverIp: number, clientPort: number, serverPort: number}} ends
   * @param {import("./conversation.mjs").Packet} packet
   */
  segment(ends, packet) {
    if (this.pos + MAX_FRAME > BUFFER_BYTES) this.flush();
    const b = this.buffer;
    const start = this.pos;
    const optionBytes = packet.options;
    const tcpLength = TCP_HEADER + optionBytes + packet.len;
    const frameLength = ETHERNET_HEADER + IPV4_HEADER + tcpLength;
    writeRecordHeader(b, start, packet.time, frameLength);
    const eth = start + RECORD_HEADER;
    writeEthernet(b, eth, packet.fromClient);
    const ip = eth + ETHERNET_HEADER;
    const [src, dst] = packet.fromClient ? [ends.clientIp, ends.serverIp] : [ends.serverIp, ends.clientIp];
    writeIpv4(b, ip, src, dst, IPV4_HEADER + tcpLength, packet.ipId);
    const tcp = ip + IPV4_HEADER;
    const [sport, dport] = packet.fromClient ? [ends.clientPort, ends.serverPort] : [ends.serverPort, ends.clientPort];
    writeTcp(b, tcp, sport, dport, packet);
    writeOptions(b, tcp + TCP_HEADER, packet);
    PAYLOAD_TEXT.copy(b, tcp + TCP_HEADER + optionBytes, packet.seq % 997, (packet.seq % 997) + packet.len);
    b.writeUInt16BE(tcpChecksum(b, tcp, tcpLength, src, dst), tcp + 16);
    this.pos = tcp + tcpLength;
    this.frames++;
  }

  close() {
    this.flush();
    closeSync(this.fd);
  }

  writeFileHeader() {
    const b = this.buffer;
    b.writeUInt32LE(0xa1b2c3d4, 0); // microsecond timestamps, little-endian
    b.writeUInt16LE(2, 4);
    b.writeUInt16LE(4, 6);
    b.writeUInt32LE(0, 8);
    b.writeUInt32LE(0, 12);
    b.writeUInt32LE(SNAP_LENGTH, 16);
    b.writeUInt32LE(LINKTYPE_ETHERNET, 20);
    this.pos = 24;
  }

  flush() {
    let done = 0;
    while (done < this.pos) done += writeSync(this.fd, this.buffer, done, this.pos - done);
    this.bytes += this.pos;
    this.pos = 0;
  }
}

/** @param {number} time microseconds since the epoch */
function writeRecordHeader(b, pos, time, length) {
  b.writeUInt32LE(Math.floor(time / 1e6), pos);
  b.writeUInt32LE(time % 1e6, pos + 4);
  b.writeUInt32LE(length, pos + 8);
  b.writeUInt32LE(length, pos + 12);
}

/** Two fixed MAC addresses (locally administered), swapped by direction; ethertype IPv4. */
function writeEthernet(b, pos, fromClient) {
  const [dstLast, srcLast] = fromClient ? [0x02, 0x01] : [0x01, 0x02];
  b.writeUInt32BE(0x02000000, pos);
  b.writeUInt16BE(dstLast, pos + 4);
  b.writeUInt32BE(0x02000000, pos + 6);
  b.writeUInt16BE(srcLast, pos + 10);
  b.writeUInt16BE(0x0800, pos + 12);
}

function writeIpv4(b, pos, src, dst, totalLength, id) {
  b[pos] = 0x45;
  b[pos + 1] = 0;
  b.writeUInt16BE(totalLength, pos + 2);
  b.writeUInt16BE(id & 0xffff, pos + 4);
  b.writeUInt16BE(0x4000, pos + 6); // don't fragment
  b[pos + 8] = 64;
  b[pos + 9] = 6;
  b.writeUInt16BE(0, pos + 10);
  b.writeUInt32BE(src, pos + 12);
  b.writeUInt32BE(dst, pos + 16);
  b.writeUInt16BE(finishChecksum(sumWords(b, pos, IPV4_HEADER, 0)), pos + 10);
}

function writeTcp(b, pos, sport, dport, packet) {
  b.writeUInt16BE(sport, pos);
  b.writeUInt16BE(dport, pos + 2);
  b.writeUInt32BE(packet.seq >>> 0, pos + 4);
  b.writeUInt32BE(packet.ack >>> 0, pos + 8);
  b[pos + 12] = ((TCP_HEADER + packet.options) / 4) << 4;
  b[pos + 13] = packet.flags;
  b.writeUInt16BE(packet.win, pos + 14);
  b.writeUInt16BE(0, pos + 16);
  b.writeUInt16BE(0, pos + 18);
}

function writeOptions(b, pos, packet) {
  if (packet.options === OptionLayout.SYN) {
    b.writeUInt32BE(0x020405b4, pos); // MSS 1460
    b.writeUInt16BE(0x0402, pos + 4); // SACK permitted
    writeTimestamps(b, pos + 6, packet);
    b.writeUInt32BE(0x01030307, pos + 16); // NOP, window scale 7
    return;
  }
  if (packet.options === OptionLayout.SACK) {
    b.writeUInt32BE(0x0101050a, pos); // NOP NOP SACK, one block
    b.writeUInt32BE(packet.sackLeft >>> 0, pos + 4);
    b.writeUInt32BE(packet.sackRight >>> 0, pos + 8);
    pos += 12;
  }
  b.writeUInt16BE(0x0101, pos);
  writeTimestamps(b, pos + 2, packet);
}

function writeTimestamps(b, pos, packet) {
  b[pos] = 8;
  b[pos + 1] = 10;
  b.writeUInt32BE(packet.tsval >>> 0, pos + 2);
  b.writeUInt32BE(packet.tsecr >>> 0, pos + 6);
}

/** RFC 9293 §3.1: the ones' complement sum over the pseudo-header, the header and the payload. */
function tcpChecksum(b, pos, length, src, dst) {
  let sum = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 6 + length;
  sum = sumWords(b, pos, length, sum);
  return finishChecksum(sum);
}

function sumWords(b, pos, length, sum) {
  const end = pos + length - 1;
  let i = pos;
  for (; i < end; i += 2) sum += (b[i] << 8) | b[i + 1];
  if (i === end) sum += b[i] << 8;
  return sum;
}

function finishChecksum(sum) {
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
