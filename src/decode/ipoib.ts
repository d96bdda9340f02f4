import { readU16 } from "./bytes.js";
import type { Stop } from "./decoded.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/**
 * LINKTYPE_IPOIB (242) as Wireshark 4.0's packet-ipoib.c reads it: a 40-byte pseudo-header, then
 * RFC 4391 §6's encapsulation header, an ethertype 2 bytes and 2 reserved.
 */
const PSEUDO_HEADER_LENGTH = 40;
const IPOIB_HEADER_LENGTH = PSEUDO_HEADER_LENGTH + 4;

export function decodeIpoib(bytes: Uint8Array, end: number): LinkPayload | Stop {
  const damage = checkRoom(bytes, 0, IPOIB_HEADER_LENGTH, end, "ipoib", "IP over InfiniBand header");
  if (damage !== undefined) return damage;
  return { etherType: readU16(bytes, PSEUDO_HEADER_LENGTH), offset: IPOIB_HEADER_LENGTH, end };
}
