import { readU16 } from "./bytes.js";
import type { Stop } from "./decoded.js";
import { linkPayload, type LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/** Destination MAC (6), source MAC (6), ethertype (2): Ethernet II (IEEE 802.3 clause 3.2.6). */
const ETHERNET_HEADER_LENGTH = 14;

/** LINKTYPE_ETHERNET (1). VLAN tags after the header are read by the driver (vlan.ts). */
export function decodeEthernet(bytes: Uint8Array, end: number, into?: LinkPayload): LinkPayload | Stop {
  return ethernetAt(bytes, 0, end, into);
}

/** An Ethernet frame inside a tunnel (VXLAN, Geneve, GRE, ERSPAN, an MPLS pseudowire), without a frame check sequence. */
export function decodeInnerEthernet(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  return ethernetAt(bytes, offset, end, undefined);
}

function ethernetAt(bytes: Uint8Array, offset: number, end: number, into: LinkPayload | undefined): LinkPayload | Stop {
  const damage = checkRoom(bytes, offset, ETHERNET_HEADER_LENGTH, end, "ethernet", "Ethernet header");
  if (damage !== undefined) return damage;
  return linkPayload(into, readU16(bytes, offset + 12), offset + ETHERNET_HEADER_LENGTH, end);
}
