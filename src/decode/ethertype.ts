import { hex } from "./bytes.js";

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_ARP = 0x0806;
/** RFC 1701 "Transparent Ethernet Bridging": a whole Ethernet frame follows (GRE, Geneve). */
export const ETHERTYPE_TRANSPARENT_ETHERNET = 0x6558;
/** ERSPAN type III (GRE protocol type 0x22eb). */
export const ETHERTYPE_ERSPAN_III = 0x22eb;
/** RFC 2637 §4.1: PPTP's enhanced GRE carries PPP under this protocol type. */
export const ETHERTYPE_PPP = 0x880b;
/** ERSPAN types I and II (GRE protocol type 0x88be). */
export const ETHERTYPE_ERSPAN = 0x88be;
/** RFC 3032 §5: MPLS unicast and multicast. */
export const ETHERTYPE_MPLS = 0x8847;
export const ETHERTYPE_MPLS_MULTICAST = 0x8848;
/** RFC 2516 §4: PPPoE session stage. */
export const ETHERTYPE_PPPOE_SESSION = 0x8864;

/**
 * Keys for headers that no ethertype names, in the same table as ethertypes (carriers.ts), above
 * every ethertype: the header before them says what they are (a UDP port, an MPLS payload's first
 * bytes, a GRE flag, the link type).
 */
export const NEXT_VXLAN = 0x10000;
export const NEXT_GENEVE = 0x10001;
export const NEXT_PW_CONTROL_WORD = 0x10002;
export const NEXT_ERSPAN_TYPE_I = 0x10003;
/** PPP without HDLC framing, its protocol field first (PPPoE, RFC 2516 §4). */
export const NEXT_PPP = 0x10004;
export const NEXT_WLAN = 0x10005;
/** An 802.11 header that radiotap says is padded to a 32-bit boundary. */
export const NEXT_WLAN_PADDED = 0x10006;
/** IEEE 802.2 LLC, with a SNAP header for IP. */
export const NEXT_LLC = 0x10007;

/** Values below this are IEEE 802.3 lengths (an LLC frame follows), not ethertypes. */
const FIRST_ETHERTYPE = 0x0600;

/** Names of the ethertypes most often met beside IP, for skip details. */
const ETHERTYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [ETHERTYPE_ARP, "ARP"],
  [0x0842, "Wake-on-LAN"],
  [0x8035, "RARP"],
  [0x809b, "AppleTalk"],
  [0x8809, "slow protocols (LACP)"],
  [0x8863, "PPPoE discovery"],
  [0x888e, "EAPOL"],
  [0x88cc, "LLDP"],
  [0x88e5, "MACsec"],
  [0x88f7, "PTP"],
  [0x8906, "FCoE"],
]);

/** "0x0806 (ARP)", or what a value below 0x0600 means instead. */
export function describeEtherType(etherType: number): string {
  if (etherType < FIRST_ETHERTYPE) return `${hex(etherType, 4)} (an IEEE 802.3 length or LLC frame, not an ethertype)`;
  const name = ETHERTYPE_NAMES.get(etherType);
  return name === undefined ? hex(etherType, 4) : `${hex(etherType, 4)} (${name})`;
}
