// Writes generated TCP segments as a classic pcap file with Ethernet framing (LINKTYPE_ETHERNET),
// with correct IPv4 and TCP checksums, through one large buffer: each frame is written in place
// by the shared capture builder (scripts/lib/capture).

import { closeSync, openSync, writeSync } from "node:fs";
import { IPV4_HEADER_LENGTH, IP_PROTOCOL, writeIpv4Header } from "../lib/capture/ip.mjs";
import { ETHERNET_HEADER_LENGTH, ETHERTYPE, LINKTYPE, writeEthernetHeader } from "../lib/capture/link.mjs";
import { PCAP_RECORD_HEADER_LENGTH, pcapFileHeader, writePcapRecordHeader } from "../lib/capture/pcap.mjs";
import { TCP_HEADER_LENGTH, fillTcpChecksum, tcpOption, tcpOptions, writeTcpHeader } from "../lib/capture/tcp.mjs";

const SNAP_LENGTH = 262144;
const BUFFER_BYTES = 4 * 1024 * 1024;
/** The largest frame the generator writes: headers, 40 bytes of options, one MSS of payload. */
const MAX_FRAME =
  PCAP_RECORD_HEADER_LENGTH + ETHERNET_HEADER_LENGTH + IPV4_HEADER_LENGTH + TCP_HEADER_LENGTH + 40 + 1448;

/** Two fixed MAC addresses (locally administered), swapped by direction. */
const CLIENT_MAC = Uint8Array.of(2, 0, 0, 0, 0, 1);
const SERVER_MAC = Uint8Array.of(2, 0, 0, 0, 0, 2);

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

/**
 * The ends of a connection: IPv4 addresses as 4 bytes.
 * @typedef {{clientIp: number[], serverIp: number[], clientPort: number, serverPort: number}} Ends
 */

export class PcapWriter {
  /** @param {string} path */
  constructor(path) {
    this.fd = openSync(path, "w");
    this.buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    this.frames = 0;
    this.bytes = 0;
    this.pos = pcapFileHeader({ linkType: LINKTYPE.ETHERNET, snaplen: SNAP_LENGTH }).copy(this.buffer, 0);
  }

  /**
   * One segment as captured on the wire.
   * @param {Ends} ends
   * @param {import("./conversation.mjs").Packet} packet
   */
  segment(ends, packet) {
    if (this.pos + MAX_FRAME > BUFFER_BYTES) this.flush();
    const b = this.buffer;
    const options = optionBytes(packet);
    const tcpLength = TCP_HEADER_LENGTH + options.length + packet.len;
    const frameLength = ETHERNET_HEADER_LENGTH + IPV4_HEADER_LENGTH + tcpLength;
    const eth = writePcapRecordHeader(b, this.pos, {
      sec: Math.floor(packet.time / 1e6),
      usec: packet.time % 1e6,
      capLen: frameLength,
      origLen: frameLength,
    });
    const [source, destination] = packet.fromClient ? [CLIENT_MAC, SERVER_MAC] : [SERVER_MAC, CLIENT_MAC];
    const ip = writeEthernetHeader(b, eth, { destination, source, etherType: ETHERTYPE.IPV4 });
    const [src, dst] = packet.fromClient ? [ends.clientIp, ends.serverIp] : [ends.serverIp, ends.clientIp];
    const tcp = writeIpv4Header(
      b,
      ip,
      { source: src, destination: dst, protocol: IP_PROTOCOL.TCP, id: packet.ipId },
      tcpLength,
    );
    const [sourcePort, destinationPort] = packet.fromClient
      ? [ends.clientPort, ends.serverPort]
      : [ends.serverPort, ends.clientPort];
    const payload = writeTcpHeader(b, tcp, {
      sourcePort,
      destinationPort,
      seq: packet.seq,
      ack: packet.ack,
      flags: packet.flags,
      window: packet.win,
      options,
    });
    PAYLOAD_TEXT.copy(b, payload, packet.seq % 997, (packet.seq % 997) + packet.len);
    this.pos = payload + packet.len;
    fillTcpChecksum(b, ip, this.pos);
    this.frames++;
  }

  close() {
    this.flush();
    closeSync(this.fd);
  }

  flush() {
    let done = 0;
    while (done < this.pos) done += writeSync(this.fd, this.buffer, done, this.pos - done);
    this.bytes += this.pos;
    this.pos = 0;
  }
}

/**
 * The packet's TCP options, laid out as its OptionLayout says.
 * @param {import("./conversation.mjs").Packet} packet
 */
function optionBytes(packet) {
  const timestamps = tcpOption.timestamps(packet.tsval, packet.tsecr);
  switch (packet.options) {
    case OptionLayout.SYN:
      return tcpOptions(
        tcpOption.mss(1460),
        tcpOption.sackPermitted(),
        timestamps,
        tcpOption.nop(),
        tcpOption.windowScale(7),
      );
    case OptionLayout.SACK:
      return tcpOptions(
        tcpOption.nop(),
        tcpOption.nop(),
        tcpOption.sack([[packet.sackLeft, packet.sackRight]]),
        tcpOption.nop(),
        tcpOption.nop(),
        timestamps,
      );
    case OptionLayout.TIMESTAMPS:
      return tcpOptions(tcpOption.nop(), tcpOption.nop(), timestamps);
    default:
      return tcpOptions();
  }
}
