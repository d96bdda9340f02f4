/** Frames stacked from annotated headers, with where each header starts: for cutting at every length. */
import type { LayerName } from "../../../src/decode/decoded.js";
import { concat, ETHERNET_ADDRESSES, hex, IP_PROTOCOL_TCP, ipv4, ipv6, LINKTYPE, TCP_SYN } from "./packets.js";

/** One header of a stacked frame: its decoder needs `need` bytes from its start (its own length unless said). */
export interface Part {
  layer: LayerName | null;
  bytes: Uint8Array;
  need?: number;
}

const PAYLOAD: Part = { layer: null, bytes: hex("68 65 6c 6c 6f") };
/** The TCP decoder needs the fixed 20 bytes; options cut short leave a truncated but usable segment. */
const TCP: Part = { layer: "tcp", bytes: TCP_SYN, need: 20 };
const TCP_BYTES = concat(TCP_SYN, PAYLOAD.bytes);

const ipv4Part = (protocol: number, ...after: Uint8Array[]): Part => ({ layer: "ipv4", bytes: ipv4(protocol, ...after).subarray(0, 20) });
const ipv6Part = (nextHeader: number, ...after: Uint8Array[]): Part => ({ layer: "ipv6", bytes: ipv6(nextHeader, ...after).subarray(0, 40) });

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
    parts: [{ layer: "sll", bytes: hex("00 00 03 04 00 06 00 00 00 00 00 00 00 00 08 00") }, ipv4Part(IP_PROTOCOL_TCP, TCP_BYTES), TCP, PAYLOAD],
  },
  {
    name: "Linux SLL2, IPv6",
    linkType: LINKTYPE.LINUX_SLL2,
    parts: [{ layer: "sll2", bytes: hex("86 dd 00 00 00 00 00 01 03 04 00 06 00 00 00 00 00 00 00 00") }, ipv6Part(IP_PROTOCOL_TCP, TCP_BYTES), TCP, PAYLOAD],
  },
  { name: "NULL, IPv4", linkType: LINKTYPE.NULL, parts: [{ layer: "null", bytes: hex("02 00 00 00") }, ipv4Part(IP_PROTOCOL_TCP, TCP_BYTES), TCP, PAYLOAD] },
  { name: "LOOP, IPv6", linkType: LINKTYPE.LOOP, parts: [{ layer: "loop", bytes: hex("00 00 00 18") }, ipv6Part(IP_PROTOCOL_TCP, TCP_BYTES), TCP, PAYLOAD] },
  {
    name: "RAW, IPv4 with AH",
    linkType: LINKTYPE.RAW,
    parts: [{ layer: "raw-ip", bytes: new Uint8Array(), need: 1 }, ipv4Part(51, authentication, TCP_BYTES), { layer: "ah", bytes: authentication }, TCP, PAYLOAD],
  },
  { name: "IPV6 (229)", linkType: LINKTYPE.IPV6, parts: [{ layer: "raw-ip", bytes: new Uint8Array(), need: 0 }, ipv6Part(IP_PROTOCOL_TCP, TCP_BYTES), TCP, PAYLOAD] },
];

/** The header a cut at `length` bytes falls in, with the layers before it; undefined once the fixed TCP header is whole. */
export function cutLayer(parts: Part[], length: number): { layer: LayerName; layers: LayerName[] } | undefined {
  const layers: LayerName[] = [];
  let start = 0;
  for (const part of parts) {
    if (part.layer === null) continue;
    if (start + (part.need ?? part.bytes.length) > length) return { layer: part.layer, layers };
    layers.push(part.layer);
    start += part.bytes.length;
  }
  return undefined;
}

export function stackBytes(parts: Part[]): Uint8Array {
  return concat(...parts.map((part) => part.bytes));
}
