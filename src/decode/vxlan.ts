import type { Stop } from "./decoded.js";
import { ETHERTYPE_TRANSPARENT_ETHERNET } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/** RFC 7348 §5: flags 1 byte (I, VNI valid), reserved 3, VNI 3, reserved 1. */
const VXLAN_HEADER_LENGTH = 8;

/**
 * VXLAN (RFC 7348): an Ethernet frame follows the 8-byte header. The flags are not checked:
 * Wireshark's packet-vxlan.c reads the frame whatever they say, and so does this.
 */
export function decodeVxlan(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  const damage = checkRoom(bytes, offset, VXLAN_HEADER_LENGTH, end, "vxlan", "VXLAN header");
  if (damage !== undefined) return damage;
  return { etherType: ETHERTYPE_TRANSPARENT_ETHERNET, offset: offset + VXLAN_HEADER_LENGTH, end };
}
