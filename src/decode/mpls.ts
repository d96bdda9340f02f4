import { hex, readU16 } from "./bytes.js";
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

/** RFC 3032 §2.1: label 20 bits, traffic class 3, bottom of stack 1, TTL 8. */
const LABEL_ENTRY_LENGTH = 4;
const BOTTOM_OF_STACK = 0x01;
/** Label stacks deeper than this are not followed (real networks use a handful). */
export const MAX_MPLS_LABELS = 16;
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
 * The label stack (RFC 3032 §2.1) down to the entry marked bottom of stack. MPLS does not say
 * what it carries, so the first nibble after the stack tells, as in Wireshark's packet-mpls.c
 * (RFC 4928 §5, RFC 4385 §3): 4 is IPv4, 6 is IPv6, 0 an Ethernet pseudowire (RFC 4448).
 */
export function decodeMpls(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  let at = offset;
  for (let labels = 0; ; labels++) {
    if (labels === MAX_MPLS_LABELS) return skipped("nesting-limit", `more than ${MAX_MPLS_LABELS} MPLS labels: another starts at byte ${at}`);
    const damage = checkRoom(bytes, at, LABEL_ENTRY_LENGTH, end, "mpls", "MPLS label stack entry");
    if (damage !== undefined) return damage;
    at += LABEL_ENTRY_LENGTH;
    if ((bytes[at - 2]! & BOTTOM_OF_STACK) !== 0) break;
  }
  const damage = checkRoom(bytes, at, 1, end, "mpls", "MPLS payload");
  if (damage !== undefined) return damage;
  const nibble = bytes[at]! >> 4;
  if (nibble === 4) return { etherType: ETHERTYPE_IPV4, offset: at, end };
  if (nibble === 6) return { etherType: ETHERTYPE_IPV6, offset: at, end };
  if (nibble === 0) return { etherType: pseudowireHeader(bytes, at, end), offset: at, end };
  const what = nibble === 1 ? "a pseudowire associated channel (RFC 4385)" : "neither IPv4, IPv6 nor an Ethernet pseudowire";
  return skipped("not-ip", `MPLS payload at byte ${at} starts with nibble ${hex(nibble, 1)}: ${what}`);
}

/**
 * An Ethernet pseudowire starts with a control word (first nibble 0) or, without one, with the
 * destination MAC, whose first nibble may be 0 too. Wireshark (packet-pw-eth.c) asks whether the
 * MACs belong to known manufacturers; this asks which reading finds a known ethertype where the
 * Ethernet header keeps it, and takes the control word when neither or both do (Wireshark's
 * choice for unknown manufacturers).
 */
function pseudowireHeader(bytes: Uint8Array, offset: number, end: number): number {
  const limit = Math.min(bytes.length, end);
  const plain = offset + ETHERTYPE_OFFSET + 2 <= limit && PSEUDOWIRE_ETHERTYPES.has(readU16(bytes, offset + ETHERTYPE_OFFSET));
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
  if (offset + CONTROL_WORD_LENGTH > end) return skipped("not-ip", `MPLS payload at byte ${offset} is ${end - offset} bytes long: no room for a pseudowire control word`);
  const damage = checkRoom(bytes, offset, CONTROL_WORD_LENGTH, end, "pw-control-word", "pseudowire control word");
  if (damage !== undefined) return damage;
  return { etherType: ETHERTYPE_TRANSPARENT_ETHERNET, offset: offset + CONTROL_WORD_LENGTH, end };
}
