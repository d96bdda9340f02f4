/** Frames stacked from annotated headers, with where each header starts: for cutting at every length. */
import type { LayerName } from "../../../src/decode/layer-name.js";
import {
  concat,
  ETHERNET_ADDRESSES,
  hex,
  IP_PROTOCOL_GRE,
  IP_PROTOCOL_TCP,
  IP_PROTOCOL_UDP,
  ipv4,
  ipv6,
  TCP_SYN,
} from "./packets.js";
import { LINKTYPE } from "../../../scripts/lib/capture/link.mjs";
import { udp } from "../../../scripts/lib/capture/udp.mjs";

/** One header of a stacked frame: its decoder needs `need` bytes from its start (its own length unless said). */
export interface Part {
  layer: LayerName | null;
  bytes: Uint8Array;
  need?: number;
  /** A packet that ends inside this header is skipped, not malformed: Wireshark too reads nothing into it, and flags nothing. */
  shortIsSkipped?: boolean;
}

const PAYLOAD: Part = { layer: null, bytes: hex("68 65 6c 6c 6f") };
/** The TCP decoder needs the fixed 20 bytes; options cut short leave a truncated but usable segment. */
const TCP: Part = { layer: "tcp", bytes: TCP_SYN, need: 20 };
const TCP_BYTES = concat(TCP_SYN, PAYLOAD.bytes);

const ipv4Part = (protocol: number, ...after: Uint8Array[]): Part => ({
  layer: "ipv4",
  bytes: ipv4(protocol, ...after).subarray(0, 20),
});
const ipv6Part = (nextHeader: number, ...after: Uint8Array[]): Part => ({
  layer: "ipv6",
  bytes: ipv6(nextHeader, ...after).subarray(0, 40),
});

const ipv4WithOptions: Part = {
  layer: "ipv4",
  bytes: hex("46", "00", "00 45", "12 34", "00 00", "40", "06", "00 00", "0a 00 00 01", "0a 00 00 02", "94 04 00 00"), // IHL 6, total 69 = 24 + 40 + 5
};
const hopByHop = hex("3c 00 01 04 00 00 00 00"); // next 60
const destination = hex("2c 00 01 04 00 00 00 00"); // next 44
const atomicFragment = hex("33 00 00 00 00 00 00 01"); // next 51
const authentication = hex("06 04 00 00", "00 00 10 01", "00 00 00 01", "00 11 22 33 44 55 66 77 88 99 aa bb"); // next TCP, 24 bytes

export const STACKS: { name: string; linkType: number; parts: Part[] }[] = [
  {
    name: "Ethernet, QinQ, IPv4 with options, TCP with options",
    linkType: LINKTYPE.ETHERNET,
    parts: [
      { layer: "ethernet", bytes: concat(ETHERNET_ADDRESSES, hex("88 a8")) },
      { layer: "vlan", bytes: hex("00 c8", "81 00") },
      { layer: "vlan", bytes: hex("00 64", "08 00") },
      ipv4WithOptions,
      TCP,
      PAYLOAD,
    ],
  },
  {
    name: "Ethernet, IPv6 with hop-by-hop, destination options, atomic fragment and AH",
    linkType: LINKTYPE.ETHERNET,
    parts: [
      { layer: "ethernet", bytes: concat(ETHERNET_ADDRESSES, hex("86 dd")) },
      ipv6Part(0, hopByHop, destination, atomicFragment, authentication, TCP_BYTES),
      { layer: "ipv6-hop-by-hop", bytes: hopByHop },
      { layer: "ipv6-destination-options", bytes: destination },
      { layer: "ipv6-fragment", bytes: atomicFragment },
      { layer: "ah", bytes: authentication },
      TCP,
      PAYLOAD,
    ],
  },
  {
    name: "Linux SLL, IPv4",
    linkType: LINKTYPE.LINUX_SLL,
    parts: [
      { layer: "sll", bytes: hex("00 00 03 04 00 06 00 00 00 00 00 00 00 00 08 00") },
      ipv4Part(IP_PROTOCOL_TCP, TCP_BYTES),
      TCP,
      PAYLOAD,
    ],
  },
  {
    name: "Linux SLL2, IPv6",
    linkType: LINKTYPE.LINUX_SLL2,
    parts: [
      { layer: "sll2", bytes: hex("86 dd 00 00 00 00 00 01 03 04 00 06 00 00 00 00 00 00 00 00") },
      ipv6Part(IP_PROTOCOL_TCP, TCP_BYTES),
      TCP,
      PAYLOAD,
    ],
  },
  {
    name: "NULL, IPv4",
    linkType: LINKTYPE.NULL,
    parts: [{ layer: "null", bytes: hex("02 00 00 00") }, ipv4Part(IP_PROTOCOL_TCP, TCP_BYTES), TCP, PAYLOAD],
  },
  {
    name: "LOOP, IPv6",
    linkType: LINKTYPE.LOOP,
    parts: [{ layer: "loop", bytes: hex("00 00 00 18") }, ipv6Part(IP_PROTOCOL_TCP, TCP_BYTES), TCP, PAYLOAD],
  },
  {
    name: "RAW, IPv4 with AH",
    linkType: LINKTYPE.RAW,
    parts: [
      { layer: "raw-ip", bytes: new Uint8Array(), need: 1 },
      ipv4Part(51, authentication, TCP_BYTES),
      { layer: "ah", bytes: authentication },
      TCP,
      PAYLOAD,
    ],
  },
  {
    name: "IPV6 (229)",
    linkType: LINKTYPE.IPV6,
    parts: [{ layer: "raw-ip", bytes: new Uint8Array(), need: 0 }, ipv6Part(IP_PROTOCOL_TCP, TCP_BYTES), TCP, PAYLOAD],
  },
];

const ethernetPart = (etherType: string): Part => ({
  layer: "ethernet",
  bytes: concat(ETHERNET_ADDRESSES, hex(etherType)),
});
const innerIpv4 = ipv4(IP_PROTOCOL_TCP, TCP_BYTES);
const innerIpv6 = ipv6(IP_PROTOCOL_TCP, TCP_BYTES);
const INNER_IPV4: Part[] = [ipv4Part(IP_PROTOCOL_TCP, TCP_BYTES), TCP, PAYLOAD];
const INNER_IPV6: Part[] = [ipv6Part(IP_PROTOCOL_TCP, TCP_BYTES), TCP, PAYLOAD];
/** An outer IPv4 header and the parts it carries (whose bytes give its length). */
const overIpv4 = (protocol: number, ...inner: Part[]): Part[] => [
  ipv4Part(protocol, ...inner.map((part) => part.bytes)),
  ...inner,
];

const vxlan = hex("08 00 00 00", "00 00 64 00"); // flags I, VNI 100
const geneve = hex("02 00 08 00", "00 00 64 00", "01 02 03 04 05 06 07 08"); // 8 bytes of options, protocol IPv4, VNI 100
const greKeySequence = hex("30 00 88 be", "00 00 00 2a", "00 00 00 01"); // key and sequence present, ERSPAN
const erspanII = hex("10 64 00 01", "00 00 00 00"); // version 1, VLAN 100, session 1, index 0
const greErspanIII = hex("10 00 22 eb", "00 00 00 01"); // sequence present, ERSPAN III
const erspanIII = hex("20 64 00 01", "00 00 00 00", "00 00 00 01", "00 00 00 00 00 00 00 00"); // version 2, frame type Ethernet, O flag: subheader
const grePptp = hex("30 01 88 0b", "00 2f 00 01", "00 00 00 07"); // key (payload length, call id) and sequence, version 1, PPP
const mplsLabels = hex("00 01 00 40", "00 02 01 40"); // labels 16 and 32 (bottom of stack)
const pppoe = (length: number) =>
  hex("11 00 00 01", `${(length >> 8).toString(16).padStart(2, "0")} ${(length & 0xff).toString(16).padStart(2, "0")}`);
const wlanQosData = hex("88 01 00 00", "00 11 22 33 44 55 66 77 88 99 aa bb 00 11 22 33 44 66", "10 00", "00 00"); // QoS data, To DS, TID 0
const snap = (etherType: string): Part => ({ layer: "llc", bytes: hex("aa aa 03 00 00 00", etherType) });
const radiotap = hex("00 00 14 00", "03 00 00 00", "00 00 00 00 00 00 00 00", "00", "00 00 00"); // TSFT and flags (none set), 20 bytes
const prism = concat(hex("41 00 00 00", "90 00 00 00"), new Uint8Array(136)); // message code, length 144 (little-endian)
const avs = concat(hex("80 21 10 01", "00 00 00 40"), new Uint8Array(56)); // version 1, length 64

/** Tunnels and the link types beyond Ethernet and loopback: each header on its own part, so that every cut is checked. */
export const TUNNEL_STACKS: { name: string; linkType: number; parts: Part[] }[] = [
  {
    name: "Ethernet, IPv4, UDP, VXLAN, Ethernet, VLAN, IPv4",
    linkType: LINKTYPE.ETHERNET,
    parts: [
      ethernetPart("08 00"),
      ...overIpv4(
        IP_PROTOCOL_UDP,
        {
          layer: "udp",
          bytes: udp(50000, 4789, vxlan, concat(ETHERNET_ADDRESSES, hex("81 00 00 64 08 00")), innerIpv4).subarray(
            0,
            8,
          ),
        },
        { layer: "vxlan", bytes: vxlan },
        { layer: "ethernet", bytes: concat(ETHERNET_ADDRESSES, hex("81 00")) },
        { layer: "vlan", bytes: hex("00 64 08 00") },
        ...INNER_IPV4,
      ),
    ],
  },
  {
    name: "Ethernet, IPv6, UDP, Geneve with options, IPv4",
    linkType: LINKTYPE.ETHERNET,
    parts: [
      ethernetPart("86 dd"),
      ipv6Part(IP_PROTOCOL_UDP, udp(50000, 6081, geneve, innerIpv4)),
      { layer: "udp", bytes: udp(50000, 6081, geneve, innerIpv4).subarray(0, 8) },
      { layer: "geneve", bytes: geneve },
      ...INNER_IPV4,
    ],
  },
  {
    name: "Ethernet, IPv4, GRE with key and sequence, ERSPAN II, Ethernet, IPv4",
    linkType: LINKTYPE.ETHERNET,
    parts: [
      ethernetPart("08 00"),
      ...overIpv4(
        IP_PROTOCOL_GRE,
        { layer: "gre", bytes: greKeySequence },
        { layer: "erspan", bytes: erspanII },
        ethernetPart("08 00"),
        ...INNER_IPV4,
      ),
    ],
  },
  {
    name: "Ethernet, IPv4, GRE, ERSPAN III with its subheader, Ethernet, IPv6",
    linkType: LINKTYPE.ETHERNET,
    parts: [
      ethernetPart("08 00"),
      ...overIpv4(
        IP_PROTOCOL_GRE,
        { layer: "gre", bytes: greErspanIII },
        { layer: "erspan", bytes: erspanIII },
        ethernetPart("86 dd"),
        ...INNER_IPV6,
      ),
    ],
  },
  {
    name: "Ethernet, IPv4, GRE version 1 (PPTP), PPP, IPv4",
    linkType: LINKTYPE.ETHERNET,
    parts: [
      ethernetPart("08 00"),
      ...overIpv4(
        IP_PROTOCOL_GRE,
        { layer: "gre", bytes: grePptp },
        { layer: "ppp", bytes: hex("ff 03 00 21") },
        ...INNER_IPV4,
      ),
    ],
  },
  {
    name: "Ethernet, IPv4 in IPv4",
    linkType: LINKTYPE.ETHERNET,
    parts: [ethernetPart("08 00"), ...overIpv4(4, ...INNER_IPV4)],
  },
  {
    name: "Ethernet, IPv6 in IPv4 (6in4)",
    linkType: LINKTYPE.ETHERNET,
    parts: [ethernetPart("08 00"), ...overIpv4(41, ...INNER_IPV6)],
  },
  {
    name: "Ethernet, IPv4 in IPv6",
    linkType: LINKTYPE.ETHERNET,
    parts: [ethernetPart("86 dd"), ipv6Part(4, innerIpv4), ...INNER_IPV4],
  },
  {
    name: "Ethernet, MPLS (two labels), IPv4",
    linkType: LINKTYPE.ETHERNET,
    parts: [ethernetPart("88 47"), { layer: "mpls", bytes: mplsLabels, need: 9 }, ...INNER_IPV4],
  },
  {
    name: "Ethernet, MPLS, pseudowire control word, Ethernet, IPv4",
    linkType: LINKTYPE.ETHERNET,
    parts: [
      ethernetPart("88 47"),
      { layer: "mpls", bytes: hex("00 01 01 40"), need: 5 },
      { layer: "pw-control-word", bytes: hex("00 00 00 01"), shortIsSkipped: true },
      ethernetPart("08 00"),
      ...INNER_IPV4,
    ],
  },
  {
    name: "Ethernet, PPPoE, PPP, IPv6",
    linkType: LINKTYPE.ETHERNET,
    parts: [
      ethernetPart("88 64"),
      { layer: "pppoe", bytes: pppoe(2 + innerIpv6.length) },
      { layer: "ppp", bytes: hex("00 57") },
      ...INNER_IPV6,
    ],
  },
  {
    name: "PPP (9), HDLC framing, IPv4",
    linkType: LINKTYPE.PPP,
    parts: [{ layer: "ppp", bytes: hex("ff 03 00 21") }, ...INNER_IPV4],
  },
  {
    name: "PPP_HDLC (50), compressed protocol field, IPv4",
    linkType: LINKTYPE.PPP_HDLC,
    parts: [{ layer: "ppp", bytes: hex("21") }, ...INNER_IPV4],
  },
  {
    name: "C_HDLC (104), IPv6",
    linkType: LINKTYPE.C_HDLC,
    parts: [{ layer: "cisco-hdlc", bytes: hex("0f 00 86 dd") }, ...INNER_IPV6],
  },
  {
    name: "JUNIPER_ETHER (178) with extensions, Ethernet, IPv4",
    linkType: LINKTYPE.JUNIPER_ETHER,
    parts: [
      { layer: "juniper", bytes: hex("4d 47 43 81", "00 06", "01 04 00 00 00 07") },
      ethernetPart("08 00"),
      ...INNER_IPV4,
    ],
  },
  {
    name: "IPOIB (242), IPv4",
    linkType: LINKTYPE.IPOIB,
    parts: [{ layer: "ipoib", bytes: concat(new Uint8Array(40), hex("08 00 00 00")) }, ...INNER_IPV4],
  },
  {
    name: "ARCNET_LINUX (129), RFC 1201 IPv4",
    linkType: LINKTYPE.ARCNET_LINUX,
    parts: [{ layer: "arcnet", bytes: hex("01 02 00 00 d4 00 00 01") }, ...INNER_IPV4],
  },
  {
    name: "ARCNET (7), RFC 1201 exception frame, IPv4",
    linkType: LINKTYPE.ARCNET_BSD,
    parts: [{ layer: "arcnet", bytes: hex("01 02 d4 ff ff ff d4 00 00 01") }, ...INNER_IPV4],
  },
  {
    name: "IEEE802_11 (105) QoS data, LLC/SNAP, IPv4",
    linkType: LINKTYPE.IEEE802_11,
    parts: [{ layer: "wlan", bytes: wlanQosData }, snap("08 00"), ...INNER_IPV4],
  },
  {
    name: "IEEE802_11_RADIOTAP (127) with TSFT and flags, 802.11, LLC/SNAP, IPv6",
    linkType: LINKTYPE.IEEE802_11_RADIOTAP,
    parts: [
      { layer: "radiotap", bytes: radiotap },
      { layer: "wlan", bytes: wlanQosData },
      snap("86 dd"),
      ...INNER_IPV6,
    ],
  },
  {
    name: "IEEE802_11_PRISM (119), 802.11, LLC/SNAP, IPv4",
    linkType: LINKTYPE.IEEE802_11_PRISM,
    parts: [{ layer: "prism", bytes: prism }, { layer: "wlan", bytes: wlanQosData }, snap("08 00"), ...INNER_IPV4],
  },
  {
    name: "IEEE802_11_AVS (163), 802.11, LLC/SNAP, IPv4",
    linkType: LINKTYPE.IEEE802_11_AVS,
    parts: [{ layer: "avs", bytes: avs }, { layer: "wlan", bytes: wlanQosData }, snap("08 00"), ...INNER_IPV4],
  },
];

/** The header a cut at `length` bytes falls in, with the layers before it; undefined once the fixed TCP header is whole. */
export function cutLayer(parts: Part[], length: number): { layer: LayerName; layers: LayerName[] } | undefined {
  const cut = cutPart(parts, length);
  return cut === undefined ? undefined : { layer: cut.part.layer!, layers: cut.layers };
}

/** The part a cut at `length` bytes falls in, with the layers before it. */
export function cutPart(parts: Part[], length: number): { part: Part; layers: LayerName[] } | undefined {
  const layers: LayerName[] = [];
  let start = 0;
  for (const part of parts) {
    if (part.layer === null) continue;
    if (start + (part.need ?? part.bytes.length) > length) return { part, layers };
    layers.push(part.layer);
    start += part.bytes.length;
  }
  return undefined;
}

export function stackBytes(parts: Part[]): Uint8Array {
  return concat(...parts.map((part) => part.bytes));
}
