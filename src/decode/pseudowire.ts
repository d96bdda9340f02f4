import { readU16 } from "./bytes.js";
import { type Stop, skipped } from "./decoded.js";
import {
  ETHERTYPE_ARP,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ETHERTYPE_MPLS,
  ETHERTYPE_MPLS_MULTICAST,
  ETHERTYPE_PPPOE_SESSION,
  ETHERTYPE_TRANSPARENT_ETHERNET,
  NEXT_PW_CONTROL_WORD,
} from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";
import { VLAN_TAG_TYPES } from "./vlan.js";

/** RFC 4448 §4.6: the Ethernet pseudowire control word is 4 bytes. */
const CONTROL_WORD_LENGTH = 4;
const ETHERTYPE_OFFSET = 12;

/** The ethertypes an Ethernet pseudowire's frames most often carry: what tells its header from a control word. */
const PSEUDOWIRE_ETHERTYPES: ReadonlySet<number> = new Set([
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ETHERTYPE_ARP,
  ETHERTYPE_MPLS,
  ETHERTYPE_MPLS_MULTICAST,
  ETHERTYPE_PPPOE_SESSION,
  ...VLAN_TAG_TYPES,
]);

/**
 * An Ethernet pseudowire starts with a control word (first nibble 0) or, without one, with the
 * destination MAC, whose first nibble may be 0 too. Wireshark (packet-pw-eth.c) asks whether the
 * MACs belong to known manufacturers; this asks which reading finds a known ethertype where the
 * Ethernet header keeps it, and takes the control word when neither or both do (Wireshark's
 * choice for unknown manufacturers).
 */
export function pseudowireHeader(bytes: Uint8Array, offset: number, end: number): number {
  const limit = Math.min(bytes.length, end);
  const plain =
    offset + ETHERTYPE_OFFSET + 2 <= limit && PSEUDOWIRE_ETHERTYPES.has(readU16(bytes, offset + ETHERTYPE_OFFSET));
  const afterWord = offset + CONTROL_WORD_LENGTH + ETHERTYPE_OFFSET;
  const withWord = afterWord + 2 <= limit && PSEUDOWIRE_ETHERTYPES.has(readU16(bytes, afterWord));
  return plain && !withWord ? ETHERTYPE_TRANSPARENT_ETHERNET : NEXT_PW_CONTROL_WORD;
}

/**
 * RFC 4448 §4.6: 0000, flags 4 bits, fragmentation 2, length 6, sequence number 16; the Ethernet
 * frame follows. A payload too short for it is no frame, and not an error to Wireshark either
 * (packet-pw-eth.c gives up on it).
 */
export function decodePwControlWord(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  if (offset + CONTROL_WORD_LENGTH > end)
    return skipped(
      "not-ip",
      `MPLS payload at byte ${offset} is ${end - offset} bytes long: no room for a pseudowire control word`,
    );
  const damage = checkRoom(bytes, offset, CONTROL_WORD_LENGTH, end, "pw-control-word", "pseudowire control word");
  if (damage !== undefined) return damage;
  return { etherType: ETHERTYPE_TRANSPARENT_ETHERNET, offset: offset + CONTROL_WORD_LENGTH, end };
}
