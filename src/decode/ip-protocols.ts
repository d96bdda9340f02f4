import { type Skipped, skipped } from "./decoded.js";

export const IP_PROTOCOL_TCP = 6;
/** RFC 4303: everything after the ESP header is encrypted, so the chain cannot be followed. */
const IP_PROTOCOL_ESP = 50;
/** RFC 8200 §4.7: nothing follows. */
const IP_PROTOCOL_NO_NEXT_HEADER = 59;

/** Names of the IP protocols most often met beside TCP, for skip details (IANA "Assigned Internet Protocol Numbers"). */
const IP_PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "ICMP"],
  [2, "IGMP"],
  [4, "IPv4 in IP"],
  [17, "UDP"],
  [41, "IPv6 in IP"],
  [47, "GRE"],
  [58, "ICMPv6"],
  [89, "OSPF"],
  [103, "PIM"],
  [112, "VRRP"],
  [132, "SCTP"],
  [136, "UDP-Lite"],
]);

/** The skip for a header chain that ends in something other than TCP, found at `offset`. */
export function skipNonTcp(protocol: number, offset: number): Skipped {
  if (protocol === IP_PROTOCOL_ESP) {
    return skipped("esp", `ESP (IP protocol 50) at byte ${offset}: what follows is encrypted`);
  }
  if (protocol === IP_PROTOCOL_NO_NEXT_HEADER) {
    return skipped("no-next-header", `IPv6 No Next Header (59) at byte ${offset}: nothing follows`);
  }
  const name = IP_PROTOCOL_NAMES.get(protocol);
  return skipped("not-tcp", `IP protocol ${protocol}${name === undefined ? "" : ` (${name})`} at byte ${offset}`);
}
