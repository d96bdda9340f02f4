import { readU16 } from "./bytes.js";
import type { Stop } from "./decoded.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/** RFC 8926 §3.4: version 2 bits and options length 6 (4-byte units), flags 1 byte, protocol type 2, VNI 3, reserved 1; options follow. */
const FIXED_HEADER_LENGTH = 8;
const OPTIONS_LENGTH_MASK = 0x3f;

/**
 * Geneve (RFC 8926): the options are stepped over; the protocol type is an ethertype (0x6558 for
 * an Ethernet frame). The version is not checked, as Wireshark's packet-geneve.c reads on past an
 * unknown one.
 */
export function decodeGeneve(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  const fixed = checkRoom(bytes, offset, FIXED_HEADER_LENGTH, end, "geneve", "Geneve header");
  if (fixed !== undefined) return fixed;
  const length = FIXED_HEADER_LENGTH + (bytes[offset]! & OPTIONS_LENGTH_MASK) * 4;
  const damage = checkRoom(bytes, offset, length, end, "geneve", "Geneve header with its options");
  if (damage !== undefined) return damage;
  return { etherType: readU16(bytes, offset + 2), offset: offset + length, end };
}
