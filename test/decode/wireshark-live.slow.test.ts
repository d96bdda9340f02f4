/**
 * The decoder against tshark's live output (generated at test time), where tshark is installed:
 * the committed output of wireshark.test.ts is still what it prints, every capture under
 * fixtures/, and crafted frames (length fields, data offsets, options, every link type, every
 * cut) written to a temporary pcapng. It runs tshark, so it is in the slow suite (docs/testing.md).
 */

import { readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { readCaptureFile } from "./helpers/capture-file.js";
import {
  concat,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ethernet,
  hex,
  IP_PROTOCOL_TCP,
  ipv4,
  ipv6,
  IP_PROTOCOL_UDP,
  MPLS_BOTTOM_LABEL,
  patched,
  TCP_ACK,
  TCP_SYN,
  tcpWithOptions,
  VXLAN_HEADER,
  wlanData,
} from "./helpers/packets.js";
import { LINKTYPE } from "../../scripts/lib/capture/link.mjs";
import { udp } from "../../scripts/lib/capture/udp.mjs";
import { PcapngWriter } from "../../scripts/lib/capture/pcapng.mjs";
import { STACKS, stackBytes, TUNNEL_STACKS } from "./helpers/stacks.js";
import { disagreements, runTshark, tsharkVersion } from "./helpers/tshark.js";
import { scratchFolder } from "../helpers/scratch.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "../../fixtures");
const expectedDirectory = join(here, "expected");
const committed = readdirSync(expectedDirectory).map((file) => file.replace(/\.tsv$/, ""));
const version = tsharkVersion();

/** Capture files under fixtures/, but for fixtures/malformed: broken capture files are the capture layer's tests. */
function captureFixtures(): string[] {
  return readdirSync(fixtures, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(pcap|pcapng|cap)(\.gz)?$/.test(file) && !file.startsWith("malformed"))
    .sort();
}

const whole = (data: Uint8Array): CaptureRecord => ({ linkType: LINKTYPE.ETHERNET, data, origLen: data.length });
const PAYLOAD = hex("68 65 6c 6c 6f");
/** IPv4 at byte 14, TCP at 34 (flags byte 47). */
const IPV4_FRAME = ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, TCP_ACK, PAYLOAD));
const withOptions = (...fields: string[]) =>
  whole(ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, tcpWithOptions(hex(...fields)))));
const jumbo = (length: string) => hex("06 00 c2 04", length);
const zeroIpv6Length = (frame: Uint8Array) => patched(frame, 18, 0, 0);

/** Crafted Ethernet frames, one per case the unit tests pin down. */
const CRAFTED_ETHERNET: CaptureRecord[] = [
  whole(IPV4_FRAME),
  whole(patched(IPV4_FRAME, 16, 0, 0)), // total length 0 (TSO)
  { ...whole(patched(IPV4_FRAME, 16, 0, 0).subarray(0, 54)), origLen: 1554 }, // TSO, cut by the snap length
  whole(patched(IPV4_FRAME, 16, 0x01, 0x2c)), // total length past the frame
  whole(patched(IPV4_FRAME, 16, 0x00, 0x0a)), // total length below the header
  whole(patched(IPV4_FRAME, 16, 0x00, 0x1e)), // room for 10 TCP bytes only
  whole(patched(IPV4_FRAME, 14, 0x44)), // IHL 4
  whole(patched(IPV4_FRAME, 46, 0x00)), // data offset 0
  whole(patched(IPV4_FRAME, 46, 0x30)), // data offset 3
  whole(patched(IPV4_FRAME, 46, 0xf0)), // data offset 15
  whole(patched(IPV4_FRAME, 46, 0x51, 0xff)), // all nine flags
  whole(patched(IPV4_FRAME, 20, 0x20, 0x00)), // first fragment
  whole(patched(IPV4_FRAME, 20, 0x00, 0xb9)), // last fragment
  whole(patched(IPV4_FRAME, 23, 17)), // UDP
  withOptions("02 04 05 b4", "04 02", "08 0a 00 00 00 01 00 00 00 00", "01", "03 03 07"),
  withOptions("01 01", "05 12 00 00 00 10 00 00 00 20 00 00 00 30 00 00 00 40"),
  withOptions("02 03 05", "03 03 07", "01 01"),
  withOptions("02 04 05 b4", "08 01", "03 03 07 00 00 00"),
  withOptions("02 04 05 b4", "03 10", "03 07", "01 01 01 01"),
  withOptions("02 04 05 b4", "01 01 01", "03"),
  withOptions("22 02", "01 01"),
  withOptions("22 0a", "01 02 03 04 05 06 07 08", "01 01"),
  withOptions("fe 04 f9 89"),
  withOptions("fe 0c f9 89", "01 02 03 04 05 06 07 08"),
  withOptions("fe 06 12 34 56 78", "02 04 05 b4", "00 00"),
  withOptions("03 03 0f", "00"),
  withOptions("00", "02 04 05 b4", "00 00 00"),
  { ...whole(ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, TCP_SYN)).subarray(0, 61)), origLen: 74 }, // options cut
  whole(patched(ethernet(ETHERTYPE_IPV6, ipv6(IP_PROTOCOL_TCP, TCP_ACK, PAYLOAD)), 18, 0x01, 0xf4)), // payload length past the frame
  whole(zeroIpv6Length(ethernet(ETHERTYPE_IPV6, ipv6(IP_PROTOCOL_TCP, TCP_ACK)))), // payload length 0, no jumbo
  {
    ...whole(zeroIpv6Length(ethernet(ETHERTYPE_IPV6, ipv6(0, jumbo("00 01 11 70"), TCP_ACK, PAYLOAD)))),
    origLen: 14 + 40 + 70000,
  }, // jumbogram
  whole(zeroIpv6Length(ethernet(ETHERTYPE_IPV6, ipv6(0, jumbo("00 00 00 78"), TCP_ACK)))), // jumbo length too small
  whole(ethernet(ETHERTYPE_IPV6, ipv6(44, hex("06 00 05 c9 de ad be ef"), TCP_ACK))), // fragment
  whole(ethernet(ETHERTYPE_IPV6, ipv6(60, hex("06 05 01 04 00 00 00 00"), TCP_ACK))), // extension header too long
];

const VXLAN_FRAME = ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_UDP, udp(50000, 4789, VXLAN_HEADER, IPV4_FRAME)));
const WLAN_FRAME = wlanData(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, TCP_ACK, PAYLOAD));
const RADIOTAP_FCS = hex("00 00 14 00", "03 00 00 00", "00 00 00 00 00 00 00 00", "10", "00 00 00");
const record = (linkType: number, data: Uint8Array): CaptureRecord => ({ linkType, data, origLen: data.length });

/** Crafted tunnel and link-layer frames whose skips and damage the unit tests pin down. */
const CRAFTED_TUNNELS: CaptureRecord[] = [
  whole(ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_UDP, udp(4789, 50000, VXLAN_HEADER, IPV4_FRAME)))), // VXLAN from 4789
  whole(ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_UDP, udp(61000, 4789, VXLAN_HEADER, IPV4_FRAME)))), // VXLAN from a high port
  whole(ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_UDP, udp(50000, 8472, VXLAN_HEADER, IPV4_FRAME)))), // 8472: not VXLAN to tshark 4.0
  whole(patched(VXLAN_FRAME, 42, 0x00)), // VXLAN flags clear
  whole(patched(VXLAN_FRAME, 38, 0x00, 0x04)), // UDP length 4
  whole(patched(VXLAN_FRAME, 38, 0x01, 0x00)), // UDP length past the datagram
  whole(ethernet(hex("88 47"), MPLS_BOTTOM_LABEL, hex("10 00 00 07"))), // pseudowire associated channel
  whole(
    ethernet(
      hex("88 47"),
      MPLS_BOTTOM_LABEL,
      concat(hex("00 00 0c 11 22 33", "00 1b 54 aa bb cc", "08 00"), ipv4(IP_PROTOCOL_TCP, TCP_ACK)),
    ),
  ), // pseudowire without control word, known vendors' MACs
  whole(ethernet(hex("88 64"), hex("11 00 00 01 00 06"), hex("c0 21 01 01 00 04"))), // PPPoE LCP
  whole(ethernet(hex("88 64"), hex("11 00 00 01 00 99"), hex("00 21"), ipv4(IP_PROTOCOL_TCP, TCP_ACK))), // PPPoE length past the frame
  record(LINKTYPE.PPP, concat(hex("0f 00 08 00"), ipv4(IP_PROTOCOL_TCP, TCP_ACK))), // Cisco HDLC under PPP
  record(LINKTYPE.JUNIPER_ETHER, concat(hex("4d 47 43 02", "02 00 00 00"), ipv4(IP_PROTOCOL_TCP, TCP_ACK))), // Juniper without layer 2
  record(LINKTYPE.ARCNET_LINUX, concat(hex("01 02 00 00 f0"), ipv4(IP_PROTOCOL_TCP, TCP_ACK))), // ARCNET RFC 1051
  record(LINKTYPE.IEEE802_11, patched(WLAN_FRAME, 1, 0x41)), // protected
  record(LINKTYPE.IEEE802_11, patched(WLAN_FRAME, 1, 0x05)), // first fragment
  record(LINKTYPE.IEEE802_11, patched(WLAN_FRAME, 0, 0x48)), // null data
  record(LINKTYPE.IEEE802_11_RADIOTAP, concat(RADIOTAP_FCS, WLAN_FRAME, hex("de ad be ef"))), // FCS at the end
  record(LINKTYPE.IEEE802_11_RADIOTAP, concat(hex("00 00 0d 00", "02 00 00 80", "00 00 00 00", "00"), WLAN_FRAME)), // two presence bitmaps
  record(LINKTYPE.IEEE802_11_PRISM, concat(hex("00 00 00 41", "00 00 00 90"), new Uint8Array(136), WLAN_FRAME)), // Prism, big-endian
];

/** A record and the link type of the interface it was captured on; `origLen` above the data's length means the snap length cut it. */
interface CaptureRecord {
  linkType: number;
  data: Uint8Array;
  origLen: number;
}

/** Records of any mix of link types in one little-endian pcapng file, an interface per link type, so that tshark reads them all in one run. */
function pcapngOf(records: CaptureRecord[]): Buffer {
  const interfaces = [...new Set(records.map((record) => record.linkType))];
  const writer = new PcapngWriter(true).section();
  for (const linkType of interfaces) writer.interface(linkType, 0);
  for (const { linkType, data, origLen } of records)
    writer.packet({ interfaceId: interfaces.indexOf(linkType), timestamp: 0n, data, origLen });
  return writer.bytes();
}

/** Writes the records into one pcapng file, has tshark read it once, and compares every frame. */
async function disagreementsWithLiveTshark(
  path: string,
  records: (CaptureRecord & { label: string })[],
): Promise<string[]> {
  writeFileSync(path, pcapngOf(records));
  const frames = readCaptureFile(path);
  return disagreements(frames, await runTshark(path), (frame) => records[frame.index - 1]!.label);
}

describe.runIf(version !== undefined)(
  `live tshark ${version ?? "(not installed)"}: output generated at test time`,
  () => {
    const scratch = scratchFolder("decode-tshark");

    describe.runIf(version === "4.0.17")(
      "the committed output is still what tshark prints (update with vitest -u)",
      () => {
        // Concurrent: each test waits on its own tshark process; snapshots then need the test's own expect.
        test.concurrent.for(committed)("%s", async (name, { expect }) => {
          const output = await runTshark(join(fixtures, "shared", name));
          await expect(output).toMatchFileSnapshot(join(expectedDirectory, `${name}.tsv`));
        });
      },
    );

    test("every frame of every capture under fixtures/", async () => {
      const records = captureFixtures().flatMap((file) =>
        readCaptureFile(join(fixtures, file)).map((frame) => ({ ...frame, label: `${file} frame ${frame.index}` })),
      );
      expect(await disagreementsWithLiveTshark(join(scratch, "fixtures.pcapng"), records)).toEqual([]);
    });

    test("crafted frames, and every stack cut at every length by the snap length and on the wire", async () => {
      const records = [
        ...CRAFTED_ETHERNET.map((record, i) => ({ ...record, label: `crafted Ethernet frame ${i + 1}` })),
        ...CRAFTED_TUNNELS.map((record, i) => ({ ...record, label: `crafted tunnel or link frame ${i + 1}` })),
        ...[...STACKS, ...TUNNEL_STACKS].flatMap(({ name, linkType, parts }) => {
          const frame = stackBytes(parts);
          return Array.from({ length: frame.length + 1 }, (_, length) => [
            {
              linkType,
              data: frame.subarray(0, length),
              origLen: frame.length,
              label: `${name}, snap length ${length}`,
            },
            {
              linkType,
              data: frame.subarray(0, length),
              origLen: length,
              label: `${name}, ${length} bytes on the wire`,
            },
          ]).flat();
        }),
      ];
      expect(await disagreementsWithLiveTshark(join(scratch, "crafted.pcapng"), records)).toEqual([]);
    });
  },
);
