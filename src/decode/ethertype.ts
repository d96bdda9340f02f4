import { hex } from "./bytes.js";

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;

/** Values below this are IEEE 802.3 lengths (an LLC frame follows), not ethertypes. */
const FIRST_ETHERTYPE = 0x0600;

/** Names of the ethertypes most often met beside IP, for skip details. */
const ETHERTYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0806, "ARP"],
  [0x0842, "Wake-on-LAN"],
  [0x8035, "RARP"],
  [0x809b, "AppleTalk"],
  [0x8809, "slow protocols (LACP)"],
  [0x8847, "MPLS"],
  [0x8848, "MPLS multicast"],
  [0x8863, "PPPoE discovery"],
  [0x8864, "PPPoE session"],
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
