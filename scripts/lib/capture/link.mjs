// Link-layer headers: the link types pcap files name, Ethernet with VLAN tags, Linux cooked
// capture v1 and v2 (SLL, SLL2), BSD loopback.

/** Link-layer header types (https://www.tcpdump.org/linktypes.html). */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  ARCNET_BSD: 7,
  PPP: 9,
  /** DLT_RAW on most BSDs and Linux; pcap files sometimes carry it instead of 101. */
  DLT_RAW_12: 12,
  PPP_HDLC: 50,
  RAW: 101,
  C_HDLC: 104,
  IEEE802_11: 105,
  LOOP: 108,
  LINUX_SLL: 113,
  IEEE802_11_PRISM: 119,
  IEEE802_11_RADIOTAP: 127,
  ARCNET_LINUX: 129,
  /** Private framing no decoder can know. */
  USER0: 147,
  IEEE802_11_AVS: 163,
  JUNIPER_ETHER: 178,
  IPV4: 228,
  IPV6: 229,
  IPOIB: 242,
  LINUX_SLL2: 276,
};

export const ETHERTYPE = {
  IPV4: 0x0800,
  ARP: 0x0806,
  VLAN: 0x8100,
  IPV6: 0x86dd,
  MPLS: 0x8847,
  PPPOE: 0x8864,
  QINQ: 0x88a8,
};

export const ETHERNET_HEADER_LENGTH = 14;

/**
 * @typedef {object} EthernetFields
 * @property {Uint8Array} destination 6 bytes
 * @property {Uint8Array} source 6 bytes
 * @property {number} etherType of what follows the tags
 * @property {{tpid: number, vid: number}[]} [vlans] VLAN tags (IEEE 802.1Q, 802.1ad), outermost first
 */

/**
 * Writes an Ethernet header at `at` in `b` and returns where it ends.
 * @param {Buffer} b
 * @param {number} at
 * @param {EthernetFields} fields
 */
export function writeEthernetHeader(b, at, { destination, source, etherType, vlans = [] }) {
  b.set(destination, at);
  b.set(source, at + 6);
  at += 12;
  for (const { tpid, vid } of vlans) {
    b.writeUInt16BE(tpid, at);
    b.writeUInt16BE(vid & 0x0fff, at + 2);
    at += 4;
  }
  b.writeUInt16BE(etherType, at);
  return at + 2;
}

/**
 * An Ethernet frame: the header, then the payload.
 * @param {EthernetFields} fields
 * @param {...Uint8Array} payload
 */
export function ethernet(fields, ...payload) {
  const header = Buffer.alloc(ETHERNET_HEADER_LENGTH + 4 * (fields.vlans?.length ?? 0));
  writeEthernetHeader(header, 0, fields);
  return Buffer.concat([header, ...payload]);
}

/**
 * The fields of a Linux cooked capture header, v1 or v2.
 * @typedef {object} CookedFields
 * @property {number} protocol the ethertype of the packet
 * @property {number} arphrd the ARPHRD_ type of the interface
 * @property {number} packetType to us, broadcast, ..., outgoing
 * @property {number} addrLen
 * @property {Uint8Array} addr 8 bytes
 */

/**
 * Splits an SLL2 frame into its header fields and the network-layer packet.
 * @param {Uint8Array} frame
 * @returns {CookedFields & {ifIndex: number, packet: Buffer}}
 */
export function parseSll2(frame) {
  if (frame.length < 20) throw new Error("short SLL2 header");
  const b = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  return {
    protocol: b.readUInt16BE(0),
    ifIndex: b.readUInt32BE(4),
    arphrd: b.readUInt16BE(8),
    packetType: b.readUInt8(10),
    addrLen: b.readUInt8(11),
    addr: b.subarray(12, 20),
    packet: b.subarray(20),
  };
}

/**
 * A Linux cooked capture v1 frame (16-byte header), then the packet.
 * @param {CookedFields} fields
 * @param {Uint8Array} packet
 */
export function linuxCooked({ packetType, arphrd, addrLen, addr, protocol }, packet) {
  const header = Buffer.alloc(16);
  header.writeUInt16BE(packetType, 0);
  header.writeUInt16BE(arphrd, 2);
  header.writeUInt16BE(addrLen, 4);
  header.set(addr, 6);
  header.writeUInt16BE(protocol, 14);
  return Buffer.concat([header, packet]);
}

/**
 * A BSD loopback frame (LINKTYPE_NULL, LINKTYPE_LOOP): the address family as 4 bytes, in the
 * capturing host's byte order for NULL and network byte order for LOOP.
 * @param {number} family
 * @param {boolean} littleEndian
 * @param {Uint8Array} packet
 */
export function bsdLoopback(family, littleEndian, packet) {
  const header = Buffer.alloc(4);
  if (littleEndian) header.writeUInt32LE(family);
  else header.writeUInt32BE(family);
  return Buffer.concat([header, packet]);
}
