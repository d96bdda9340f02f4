import { readU16 } from "./bytes.js";
import type { Stop } from "./decoded.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/**
 * Tag protocol identifiers: 802.1Q customer tag 0x8100, 802.1ad service tag 0x88a8 (the outer
 * tag of QinQ), and 0x9100, the pre-standard QinQ tag still sent by some switches.
 */
export const VLAN_TAG_TYPES: ReadonlySet<number> = new Set([0x8100, 0x88a8, 0x9100]);

/** Tags stacked deeper than this are not followed (real networks use one or two). */
export const MAX_VLAN_TAGS = 8;

/** After the tag protocol identifier: TCI (priority, DEI, VLAN id) 2 bytes, then the ethertype 2 bytes (IEEE 802.1Q §9.6). */
const TAG_REST_LENGTH = 4;

/** One VLAN tag whose tag protocol identifier the previous header named. */
export function decodeVlanTag(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  const damage = checkRoom(bytes, offset, TAG_REST_LENGTH, end, "vlan", "VLAN tag");
  if (damage !== undefined) return damage;
  return { etherType: readU16(bytes, offset + 2), offset: offset + TAG_REST_LENGTH, end };
}
