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

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = resolve(process.argv[2] ?? join(repoRoot, "fixtures", "malformed"));

/** Two records of 4 and 2 bytes, at 1500000000.000001 and 1500000000.000002 (microseconds). */
const RECORDS = [
  { seconds: 1_500_000_000, micros: 1, data: [0xde, 0xad, 0xbe, 0xef] },
  { seconds: 1_500_000_000, micros: 2, data: [0xca, 0xfe] },
];

/** Little-endian bytes of 32-bit values. */
function u32s(...values) {
  const view = new DataView(new ArrayBuffer(4 * values.length));
  for (const [i, value] of values.entries()) view.setUint32(4 * i, value, true);
  return new Uint8Array(view.buffer);
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function padTo32Bits(bytes) {
  return concat(Uint8Array.from(bytes), new Uint8Array((4 - (bytes.length % 4)) % 4));
}

// Classic pcap: 24-byte header (microseconds, little-endian, version 2.4, snaplen 262144,
// Ethernet), then per record 16 header bytes and the data. Record 1 at byte 24, record 2 at 44.
const pcapHeader = (linkType) => concat(u32s(0xa1b2c3d4), Uint8Array.of(2, 0, 4, 0), u32s(0, 0, 262_144, linkType));
const PCAP_HEADER = pcapHeader(1);
function pcapRecord({ seconds, micros, data }, capLen = data.length) {
  return concat(u32s(seconds, micros, capLen, data.length), Uint8Array.from(data));
}
const pcap = concat(PCAP_HEADER, ...RECORDS.map((record) => pcapRecord(record)));

// pcapng, little-endian: section header (28 bytes at 0), interface description (Ethernet,
// 20 bytes at 28), then Enhanced Packet Blocks: record 1 at byte 48 (36 bytes), record 2 at 84.
function block(type, body, lengths = {}) {
  const length = 12 + body.length;
  return concat(u32s(type, lengths.leading ?? length), body, u32s(lengths.trailing ?? length));
}
const SECTION_HEADER = block(0x0a0d0d0a, concat(u32s(0x1a2b3c4d), Uint8Array.of(1, 0, 0, 0), u32s(0xffffffff, 0xffffffff)));
const INTERFACE = block(1, u32s(1, 0));
function enhancedPacket({ seconds, micros, data }, fields = {}) {
  const ticks = BigInt(seconds) * 1_000_000n + BigInt(micros);
  const header = u32s(fields.interfaceId ?? 0, Number(ticks >> 32n), Number(ticks & 0xffffffffn), fields.capLen ?? data.length, data.length);
  return block(6, concat(header, padTo32Bits(data)), fields);
}
const [first, second] = RECORDS;
const pcapngWith = (secondBlock) => concat(SECTION_HEADER, INTERFACE, enhancedPacket(first), secondBlock);
const pcapng = pcapngWith(enhancedPacket(second));

// Stored (level 0) deflate blocks make the gzip bytes the same whatever the zlib version.
const gzipped = gzipSync(pcap, { level: 0 });
const gzipCrcAt = gzipped.length - 8;

const files = {
  "not-a-capture.txt": new TextEncoder().encode("This is a text file, not a packet capture.\n"),
  "empty.pcap": new Uint8Array(0),
  "pcap-header-cut.pcap": pcap.subarray(0, 20),
  "pcap-record-header-cut.pcap": pcap.subarray(0, 44 + 5),
  "pcap-last-record-cut.pcap": pcap.subarray(0, pcap.length - 1),
  "pcap-caplen-4gib.pcap": concat(PCAP_HEADER, pcapRecord(first), u32s(second.seconds, second.micros, 0xffffffff, 0xffffffff)),
  "pcap-version-3.pcap": concat(u32s(0xa1b2c3d4), Uint8Array.of(3, 0, 0, 0), pcap.subarray(8)),
  "pcapng-bad-block-length.pcapng": pcapngWith(enhancedPacket(second, { leading: 38, trailing: 38 })),
  "pcapng-block-length-4gib.pcapng": pcapngWith(enhancedPacket(second, { leading: 0xfffffffc })),
  "pcapng-trailing-length-differs.pcapng": pcapngWith(enhancedPacket(second, { trailing: 40 })),
  "pcapng-bad-byte-order-magic.pcapng": concat(SECTION_HEADER.subarray(0, 8), u32s(0x12345678), pcapng.subarray(12)),
  "pcapng-unknown-interface.pcapng": concat(pcapngWith(enhancedPacket(second, { interfaceId: 7 })), enhancedPacket(second)),
  "pcapng-caplen-past-block.pcapng": concat(pcapngWith(enhancedPacket(second, { capLen: 100 })), enhancedPacket(second)),
  "pcapng-last-block-cut.pcapng": pcapng.subarray(0, pcapng.length - 4),
  "gzip-cut.pcap.gz": gzipped.subarray(0, gzipped.length - 20),
  "gzip-bad-crc.pcap.gz": concat(gzipped.subarray(0, gzipCrcAt), gzipped.subarray(gzipCrcAt).map((byte) => byte ^ 0xff)),
  "gzip-trailing-garbage.pcap.gz": concat(gzipped, new TextEncoder().encode("not gzip\n")),
};

// Packets for the network-layer files: big-endian fields, checksums left 0 (nothing checks them).
const be16 = (value) => Uint8Array.of(value >> 8, value & 0xff);
const ETHERNET_ADDRESSES = Uint8Array.of(0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb);
const ethernet = (...rest) => concat(ETHERNET_ADDRESSES, ...rest);
const ETHERTYPE_IPV4 = be16(0x0800);
const ETHERTYPE_IPV6 = be16(0x86dd);
const VLAN_TAG = concat(be16(0x8100), be16(100));

/** TCP from 40000 to 80: a SYN at sequence 1000, a data offset covering `options` unless given. */
function tcp({ dataOffset, options = new Uint8Array(0), flags = 0x02 } = {}) {
  const words = dataOffset ?? (20 + options.length) / 4;
  return concat(be16(40000), be16(80), u32be(1000), u32be(0), Uint8Array.of(words << 4, flags), be16(65535), be16(0), be16(0), options);
}

function u32be(value) {
  return Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

/** IPv4 from 192.0.2.1 to 192.0.2.2 (no options); the total length is computed unless given. */
function ipv4(protocol, payload, { totalLength } = {}) {
  const length = totalLength ?? 20 + payload.length;
  return concat(Uint8Array.of(0x45, 0), be16(length), be16(0x1234), be16(0x4000), Uint8Array.of(64, protocol), be16(0), Uint8Array.of(192, 0, 2, 1, 192, 0, 2, 2), payload);
}

/** IPv6 from 2001:db8::1 to 2001:db8::2, its payload length computed. */
function ipv6(nextHeader, payload) {
  const address = (last) => concat(Uint8Array.of(0x20, 0x01, 0x0d, 0xb8), new Uint8Array(11), Uint8Array.of(last));
  return concat(Uint8Array.of(0x60, 0, 0, 0), be16(payload.length), Uint8Array.of(nextHeader, 64), address(1), address(2), payload);
}

/** An 8-byte IPv6 extension header (Destination Options, Routing ...) naming the header after it. */
const extensionHeader = (next) => Uint8Array.of(next, 0, 1, 4, 0, 0, 0, 0);

const GOOD_SYN = ethernet(ETHERTYPE_IPV4, ipv4(6, tcp()));
/** A pcap of the damaged packet and then a good SYN, both Ethernet unless another link type is given. */
const damagedThenGood = (damaged, linkType = 1) =>
  concat(pcapHeader(linkType), pcapRecord({ ...first, data: damaged }), pcapRecord({ ...second, data: GOOD_SYN }));

const networkFiles = {
  "vlan-tags-nested-9-deep.pcap": damagedThenGood(ethernet(...Array(9).fill(VLAN_TAG), ETHERTYPE_IPV4, ipv4(6, tcp()))),
  "ipv6-extension-chain-17-deep.pcap": damagedThenGood(ethernet(ETHERTYPE_IPV6, ipv6(60, concat(...Array(16).fill(extensionHeader(60)), extensionHeader(6), tcp())))),
  // Each Routing header names another Routing header as the next: the chain runs off the packet's end.
  "ipv6-extension-chain-loop.pcap": damagedThenGood(ethernet(ETHERTYPE_IPV6, ipv6(43, concat(...Array(5).fill(extensionHeader(43)))))),
  "tcp-data-offset-0.pcap": damagedThenGood(ethernet(ETHERTYPE_IPV4, ipv4(6, tcp({ dataOffset: 0 })))),
  "tcp-data-offset-15-short-packet.pcap": damagedThenGood(ethernet(ETHERTYPE_IPV4, ipv4(6, tcp({ dataOffset: 15 })))),
  // A maximum segment size option (kind 2) claiming 12 bytes where the header has 4 left.
  "tcp-option-length-past-header.pcap": damagedThenGood(ethernet(ETHERTYPE_IPV4, ipv4(6, tcp({ options: Uint8Array.of(2, 12, 5, 0xb4) })))),
  "ipv4-total-length-below-header.pcap": damagedThenGood(ethernet(ETHERTYPE_IPV4, ipv4(6, tcp(), { totalLength: 12 }))),
  // LINKTYPE_USER0 (147): private framing no decoder can know.
  "unknown-link-type-only.pcap": concat(pcapHeader(147), pcapRecord({ ...first, data: GOOD_SYN }), pcapRecord({ ...second, data: GOOD_SYN })),
};
Object.assign(files, networkFiles);

mkdirSync(outDir, { recursive: true });
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(outDir, name), bytes);
console.log(`wrote ${Object.keys(files).length} files to ${outDir}`);
