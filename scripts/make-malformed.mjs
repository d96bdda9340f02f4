// Writes the damaged captures of fixtures/malformed/, each named for what is wrong with it, from
// two small valid captures built here: a classic pcap and a pcapng file of two Ethernet records.
// test/capture/malformed.test.ts asserts the exact error or warning the reader gives for each.
// The network-layer ones are sound pcap files whose first packet is damaged and whose second is a
// good SYN; test/cli/hostile-malformed.test.ts asserts what the command line says about each.
//
//   node scripts/make-malformed.mjs [output directory, default fixtures/malformed]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { IP_PROTOCOL, ipv4, ipv6, ipv6ExtensionHeader } from "./lib/capture/ip.mjs";
import { ETHERTYPE, LINKTYPE, ethernet } from "./lib/capture/link.mjs";
import { pcapFileHeader, pcapRecord } from "./lib/capture/pcap.mjs";
import { PcapngWriter } from "./lib/capture/pcapng.mjs";
import { TCP_FLAG, tcp } from "./lib/capture/tcp.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = resolve(process.argv[2] ?? join(repoRoot, "fixtures", "malformed"));

/** Two records of 4 and 2 bytes, at 1500000000.000001 and 1500000000.000002 (microseconds). */
const [first, second] = [
  { sec: 1_500_000_000, usec: 1, data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) },
  { sec: 1_500_000_000, usec: 2, data: Uint8Array.of(0xca, 0xfe) },
];

/**
 * A copy of `bytes` with a little-endian 32-bit `value` at `at`.
 * @param {Uint8Array} bytes
 * @param {number} at
 * @param {number} value
 */
function withU32(bytes, at, value) {
  const copy = Buffer.from(bytes);
  copy.writeUInt32LE(value, at);
  return copy;
}

// Classic pcap (microseconds, little-endian, version 2.4, snaplen 262144, Ethernet), then per
// record 16 header bytes and the data. Record 1 at byte 24, record 2 at 44.
const PCAP_HEADER = pcapFileHeader({ linkType: LINKTYPE.ETHERNET });
const pcap = Buffer.concat([PCAP_HEADER, pcapRecord(first), pcapRecord(second)]);

// pcapng, little-endian: section header (28 bytes at 0), interface description (Ethernet,
// 20 bytes at 28), then Enhanced Packet Blocks: record 1 at byte 48 (36 bytes), record 2 at 84.
/**
 * @param {{sec: number, usec: number, data: Uint8Array}} record
 * @param {Partial<import("./lib/capture/pcapng.mjs").EnhancedPacket>} [fields]
 */
const enhancedPacket = ({ sec, usec, data }, fields = {}) => ({
  interfaceId: 0,
  timestamp: BigInt(sec) * 1_000_000n + BigInt(usec),
  data,
  ...fields,
});
/** The section, its interface and the first record, ready for what comes next. */
const pcapngStart = () =>
  new PcapngWriter(true).section().interface(LINKTYPE.ETHERNET, 0).packet(enhancedPacket(first));
const pcapng = pcapngStart().packet(enhancedPacket(second)).bytes();

// Stored (level 0) deflate blocks make the gzip bytes the same whatever the zlib version.
const gzipped = gzipSync(pcap, { level: 0 });
const gzipCrcAt = gzipped.length - 8;

const files = {
  "not-a-capture.txt": new TextEncoder().encode("This is a text file, not a packet capture.\n"),
  "empty.pcap": new Uint8Array(0),
  "pcap-header-cut.pcap": pcap.subarray(0, 20),
  "pcap-record-header-cut.pcap": pcap.subarray(0, 44 + 5),
  "pcap-last-record-cut.pcap": pcap.subarray(0, pcap.length - 1),
  "pcap-caplen-4gib.pcap": Buffer.concat([
    PCAP_HEADER,
    pcapRecord(first),
    pcapRecord({ ...second, data: new Uint8Array(0), capLen: 0xffffffff, origLen: 0xffffffff }),
  ]),
  "pcap-version-3.pcap": withU32(pcap, 4, 3),
  "pcapng-bad-block-length.pcapng": pcapngStart().packet(enhancedPacket(second), { leading: 38, trailing: 38 }).bytes(),
  "pcapng-block-length-4gib.pcapng": pcapngStart().packet(enhancedPacket(second), { leading: 0xfffffffc }).bytes(),
  "pcapng-trailing-length-differs.pcapng": pcapngStart().packet(enhancedPacket(second), { trailing: 40 }).bytes(),
  "pcapng-bad-byte-order-magic.pcapng": withU32(pcapng, 8, 0x12345678),
  "pcapng-unknown-interface.pcapng": pcapngStart()
    .packet(enhancedPacket(second, { interfaceId: 7 }))
    .packet(enhancedPacket(second))
    .bytes(),
  "pcapng-caplen-past-block.pcapng": pcapngStart()
    .packet(enhancedPacket(second, { capLen: 100 }))
    .packet(enhancedPacket(second))
    .bytes(),
  "pcapng-last-block-cut.pcapng": pcapng.subarray(0, pcapng.length - 4),
  "gzip-cut.pcap.gz": gzipped.subarray(0, gzipped.length - 20),
  "gzip-bad-crc.pcap.gz": Buffer.concat([
    gzipped.subarray(0, gzipCrcAt),
    gzipped.subarray(gzipCrcAt).map((byte) => byte ^ 0xff),
  ]),
  "gzip-trailing-garbage.pcap.gz": Buffer.concat([gzipped, Buffer.from("not gzip\n")]),
};

// Packets for the network-layer files: checksums left 0 (nothing checks them).
/** A Ethernet frame between two fixed MACs; VLAN tags when given. */
const overEthernet = (
  /** @type {number} */ etherType,
  /** @type {Uint8Array} */ payload,
  vlans = /** @type {{tpid: number, vid: number}[]} */ ([]),
) =>
  ethernet(
    {
      destination: Uint8Array.of(0, 0x11, 0x22, 0x33, 0x44, 0x55),
      source: Uint8Array.of(0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb),
      etherType,
      vlans,
    },
    payload,
  );

/**
 * TCP from 40000 to 80: a SYN at sequence 1000, a data offset covering `options` unless given.
 * @param {{dataOffset?: number, options?: Uint8Array}} [fields]
 */
const synTo80 = ({ dataOffset, options } = {}) =>
  tcp({
    sourcePort: 40000,
    destinationPort: 80,
    seq: 1000,
    flags: TCP_FLAG.SYN,
    ...(options && { options }),
    ...(dataOffset !== undefined && { dataOffset }),
  });

/**
 * IPv4 from 192.0.2.1 to 192.0.2.2 (no options); the total length is computed unless given.
 * @param {Uint8Array} payload
 * @param {number} [totalLength]
 */
const ipv4Tcp = (payload, totalLength) =>
  ipv4(
    {
      source: [192, 0, 2, 1],
      destination: [192, 0, 2, 2],
      protocol: IP_PROTOCOL.TCP,
      id: 0x1234,
      checksum: false,
      ...(totalLength !== undefined && { totalLength }),
    },
    payload,
  );

/**
 * IPv6 from 2001:db8::1 to 2001:db8::2, its payload length computed.
 * @param {number} nextHeader
 * @param {...Uint8Array} payload
 */
function ipv6From1To2(nextHeader, ...payload) {
  const address = (/** @type {number} */ last) => Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, ...new Array(11).fill(0), last);
  return ipv6({ source: address(1), destination: address(2), nextHeader }, ...payload);
}

const VLAN_TAG = { tpid: ETHERTYPE.VLAN, vid: 100 };
const GOOD_SYN = overEthernet(ETHERTYPE.IPV4, ipv4Tcp(synTo80()));
/**
 * A pcap of the damaged packet and then a good SYN, both Ethernet unless another link type is given.
 * @param {Uint8Array} damaged
 */
const damagedThenGood = (damaged, linkType = LINKTYPE.ETHERNET) =>
  Buffer.concat([
    pcapFileHeader({ linkType }),
    pcapRecord({ ...first, data: damaged }),
    pcapRecord({ ...second, data: GOOD_SYN }),
  ]);

const networkFiles = {
  "vlan-tags-nested-9-deep.pcap": damagedThenGood(
    overEthernet(ETHERTYPE.IPV4, ipv4Tcp(synTo80()), Array(9).fill(VLAN_TAG)),
  ),
  "ipv6-extension-chain-17-deep.pcap": damagedThenGood(
    overEthernet(
      ETHERTYPE.IPV6,
      ipv6From1To2(
        IP_PROTOCOL.DESTINATION_OPTIONS,
        ...Array(16).fill(ipv6ExtensionHeader(IP_PROTOCOL.DESTINATION_OPTIONS)),
        ipv6ExtensionHeader(IP_PROTOCOL.TCP),
        synTo80(),
      ),
    ),
  ),
  // Each Routing header names another Routing header as the next: the chain runs off the packet's end.
  "ipv6-extension-chain-loop.pcap": damagedThenGood(
    overEthernet(
      ETHERTYPE.IPV6,
      ipv6From1To2(IP_PROTOCOL.ROUTING, ...Array(5).fill(ipv6ExtensionHeader(IP_PROTOCOL.ROUTING))),
    ),
  ),
  "tcp-data-offset-0.pcap": damagedThenGood(overEthernet(ETHERTYPE.IPV4, ipv4Tcp(synTo80({ dataOffset: 0 })))),
  "tcp-data-offset-15-short-packet.pcap": damagedThenGood(
    overEthernet(ETHERTYPE.IPV4, ipv4Tcp(synTo80({ dataOffset: 15 }))),
  ),
  // A maximum segment size option (kind 2) claiming 12 bytes where the header has 4 left.
  "tcp-option-length-past-header.pcap": damagedThenGood(
    overEthernet(ETHERTYPE.IPV4, ipv4Tcp(synTo80({ options: Uint8Array.of(2, 12, 5, 0xb4) }))),
  ),
  "ipv4-total-length-below-header.pcap": damagedThenGood(overEthernet(ETHERTYPE.IPV4, ipv4Tcp(synTo80(), 12))),
  // LINKTYPE_USER0 (147): private framing no decoder can know.
  "unknown-link-type-only.pcap": Buffer.concat([
    pcapFileHeader({ linkType: LINKTYPE.USER0 }),
    pcapRecord({ ...first, data: GOOD_SYN }),
    pcapRecord({ ...second, data: GOOD_SYN }),
  ]),
};
Object.assign(files, networkFiles);

mkdirSync(outDir, { recursive: true });
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(outDir, name), bytes);
console.log(`wrote ${Object.keys(files).length} files to ${outDir}`);
