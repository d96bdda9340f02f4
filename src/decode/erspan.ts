import { hex } from "./bytes.js";
import { type Stop, skipped } from "./decoded.js";
import { ETHERTYPE_TRANSPARENT_ETHERNET } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/**
 * ERSPAN, Cisco's encapsulated remote port mirror over GRE (draft-foschiano-erspan-03): type II
 * has an 8-byte header, type III 12 bytes and an optional 8-byte platform-specific subheader.
 * The version sits in the first nibble: 1 for type II, 2 for type III.
 */
const TYPE_II_LENGTH = 8;
const TYPE_II_VERSION = 1;
const TYPE_III_LENGTH = 12;
const PLATFORM_SUBHEADER_LENGTH = 8;
/** Type III, last byte: the O flag says the platform-specific subheader follows; frame type 0 is Ethernet. */
const OPTIONAL_SUBHEADER = 0x01;
const FRAME_TYPE_SHIFT = 10;
const FRAME_TYPE_MASK = 0x1f;
const FRAME_TYPE_ETHERNET = 0;

/** Type I: GRE protocol type 0x88be without a sequence number; the mirrored Ethernet frame follows GRE directly. */
export function decodeErspanTypeI(_bytes: Uint8Array, offset: number, end: number): LinkPayload {
  return { etherType: ETHERTYPE_TRANSPARENT_ETHERNET, offset, end };
}

/** Type II: GRE protocol type 0x88be with a sequence number. Another version there is not read (Wireshark shows it as data). */
export function decodeErspanTypeII(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  const damage = checkRoom(bytes, offset, TYPE_II_LENGTH, end, "erspan", "ERSPAN type II header");
  if (damage !== undefined) return damage;
  const version = bytes[offset]! >> 4;
  if (version !== TYPE_II_VERSION)
    return skipped(
      "not-ip",
      `ERSPAN header at byte ${offset} has version ${version} under GRE protocol type 0x88be, where type II (version 1) belongs`,
    );
  return { etherType: ETHERTYPE_TRANSPARENT_ETHERNET, offset: offset + TYPE_II_LENGTH, end };
}

/** Type III: GRE protocol type 0x22eb. Frame types other than Ethernet are not read. */
export function decodeErspanTypeIII(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  const damage = checkRoom(bytes, offset, TYPE_III_LENGTH, end, "erspan", "ERSPAN type III header");
  if (damage !== undefined) return damage;
  const lastWord = (bytes[offset + 10]! << 8) | bytes[offset + 11]!;
  const frameType = (lastWord >> FRAME_TYPE_SHIFT) & FRAME_TYPE_MASK;
  if (frameType !== FRAME_TYPE_ETHERNET)
    return skipped(
      "not-ip",
      `ERSPAN type III header at byte ${offset} carries frame type ${hex(frameType, 2)}, not Ethernet (0)`,
    );
  const length = (lastWord & OPTIONAL_SUBHEADER) === 0 ? TYPE_III_LENGTH : TYPE_III_LENGTH + PLATFORM_SUBHEADER_LENGTH;
  const subheader = checkRoom(
    bytes,
    offset,
    length,
    end,
    "erspan",
    "ERSPAN type III header with its platform-specific subheader",
  );
  if (subheader !== undefined) return subheader;
  return { etherType: ETHERTYPE_TRANSPARENT_ETHERNET, offset: offset + length, end };
}
