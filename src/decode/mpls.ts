import { hex } from "./bytes.js";
import { type Stop, skipped } from "./decoded.js";
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { pseudowireHeader } from "./pseudowire.js";
import { checkRoom } from "./room.js";

/** RFC 3032 §2.1: label 20 bits, traffic class 3, bottom of stack 1, TTL 8. */
const LABEL_ENTRY_LENGTH = 4;
const BOTTOM_OF_STACK = 0x01;
/** Label stacks deeper than this are not followed (real networks use a handful). */
const MAX_MPLS_LABELS = 16;

/**
 * The label stack (RFC 3032 §2.1) down to the entry marked bottom of stack. MPLS does not say
 * what it carries, so the first nibble after the stack tells, as in Wireshark's packet-mpls.c
 * (RFC 4928 §5, RFC 4385 §3): 4 is IPv4, 6 is IPv6, 0 an Ethernet pseudowire (RFC 4448,
 * pseudowire.ts).
 */
export function decodeMpls(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  let at = offset;
  for (let labels = 0; ; labels++) {
    if (labels === MAX_MPLS_LABELS)
      return skipped("nesting-limit", `more than ${MAX_MPLS_LABELS} MPLS labels: another starts at byte ${at}`);
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
  const what =
    nibble === 1 ? "a pseudowire associated channel (RFC 4385)" : "neither IPv4, IPv6 nor an Ethernet pseudowire";
  return skipped("not-ip", `MPLS payload at byte ${at} starts with nibble ${hex(nibble, 1)}: ${what}`);
}
