import { readU16 } from "./bytes.js";
import type { Stop } from "./decoded.js";
import { ETHERTYPE_ERSPAN, NEXT_ERSPAN_TYPE_I } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/** Flags and version 2 bytes, protocol type 2 (RFC 2784 §2). */
const BASE_LENGTH = 4;
/** RFC 2784 §2.1, RFC 1701 §2.1: checksum present; routing present (and with either, checksum and offset take 4 bytes). */
const CHECKSUM_PRESENT = 0x8000;
const ROUTING_PRESENT = 0x4000;
/** RFC 2890 §2: key and sequence number present, 4 bytes each. */
const KEY_PRESENT = 0x2000;
const SEQUENCE_PRESENT = 0x1000;
/** RFC 2637 §4.1: PPTP's enhanced GRE (version 1) may carry an acknowledgment number, 4 bytes. */
const ACKNOWLEDGMENT_PRESENT = 0x0080;
const VERSION_MASK = 0x0007;
const PPTP_VERSION = 1;
/** RFC 1701 §2.1: a source route entry is address family 2, offset 1, length 1, then `length` bytes; family 0 and length 0 end the list. */
const SRE_HEADER_LENGTH = 4;

/**
 * GRE (RFC 2784, RFC 2890; RFC 1701's routing; RFC 2637's version 1 for PPTP): the optional
 * fields its flags announce, then the payload its protocol type (an ethertype) names. ERSPAN
 * under 0x88be is type I, with no header of its own, when the sequence number is absent (as
 * Wireshark's packet-gre.c tells them).
 */
export function decodeGre(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  const base = checkRoom(bytes, offset, BASE_LENGTH, end, "gre", "GRE header");
  if (base !== undefined) return base;
  const flags = readU16(bytes, offset);
  const protocol = readU16(bytes, offset + 2);
  const length = BASE_LENGTH + optionalFieldsLength(flags);
  const damage = checkRoom(bytes, offset, length, end, "gre", "GRE header with its optional fields");
  if (damage !== undefined) return damage;
  let payload = offset + length;
  if ((flags & ROUTING_PRESENT) !== 0) {
    const routed = skipSourceRoutes(bytes, payload, end);
    if (typeof routed !== "number") return routed;
    payload = routed;
  }
  const etherType = protocol === ETHERTYPE_ERSPAN && (flags & SEQUENCE_PRESENT) === 0 ? NEXT_ERSPAN_TYPE_I : protocol;
  return { etherType, offset: payload, end };
}

function optionalFieldsLength(flags: number): number {
  let length = (flags & (CHECKSUM_PRESENT | ROUTING_PRESENT)) === 0 ? 0 : 4;
  if ((flags & KEY_PRESENT) !== 0) length += 4;
  if ((flags & SEQUENCE_PRESENT) !== 0) length += 4;
  if ((flags & VERSION_MASK) === PPTP_VERSION && (flags & ACKNOWLEDGMENT_PRESENT) !== 0) length += 4;
  return length;
}

/** The source route entries up to the empty one that ends them; each moves on by at least 4 bytes, so the walk ends. */
function skipSourceRoutes(bytes: Uint8Array, offset: number, end: number): number | Stop {
  let at = offset;
  for (;;) {
    const damage = checkRoom(bytes, at, SRE_HEADER_LENGTH, end, "gre", "GRE source route entry");
    if (damage !== undefined) return damage;
    const family = readU16(bytes, at);
    const length = bytes[at + 3]!;
    const entry = checkRoom(bytes, at, SRE_HEADER_LENGTH + length, end, "gre", "GRE source route entry");
    if (entry !== undefined) return entry;
    at += SRE_HEADER_LENGTH + length;
    if (family === 0 && length === 0) return at;
  }
}
