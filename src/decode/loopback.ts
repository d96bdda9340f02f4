import { readU32, readU32LittleEndian } from "./bytes.js";
import { type Stop, skipped } from "./decoded.js";
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from "./ethertype.js";
import { linkPayload, type LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/** The BSD loopback header is one 32-bit address family. */
const LOOPBACK_HEADER_LENGTH = 4;

/**
 * Address families as the BSDs number them: AF_INET is 2 everywhere, AF_INET6 differs
 * (24 NetBSD/OpenBSD/BSD/OS, 28 FreeBSD/DragonFly, 30 macOS), so a capture from any of them
 * may hold any of the three.
 */
const ETHERTYPE_BY_ADDRESS_FAMILY: ReadonlyMap<number, number> = new Map([
  [2, ETHERTYPE_IPV4],
  [24, ETHERTYPE_IPV6],
  [28, ETHERTYPE_IPV6],
  [30, ETHERTYPE_IPV6],
]);

/**
 * LINKTYPE_NULL (0): the family is in the capturing host's byte order, which the file does not
 * record. Families are small, so a value with its upper 16 bits set was written by a host of
 * the other byte order (the same test as Wireshark's packet-null.c).
 */
export function decodeNull(bytes: Uint8Array, end: number, into?: LinkPayload): LinkPayload | Stop {
  const damage = checkRoom(bytes, 0, LOOPBACK_HEADER_LENGTH, end, "null", "BSD loopback header");
  if (damage !== undefined) return damage;
  const littleEndian = readU32LittleEndian(bytes, 0);
  const family = littleEndian > 0xffff ? readU32(bytes, 0) : littleEndian;
  return byAddressFamily(family, end, into);
}

/** LINKTYPE_LOOP (108, OpenBSD): the same header, always in network byte order. */
export function decodeLoop(bytes: Uint8Array, end: number, into?: LinkPayload): LinkPayload | Stop {
  const damage = checkRoom(bytes, 0, LOOPBACK_HEADER_LENGTH, end, "loop", "OpenBSD loopback header");
  if (damage !== undefined) return damage;
  return byAddressFamily(readU32(bytes, 0), end, into);
}

function byAddressFamily(family: number, end: number, into: LinkPayload | undefined): LinkPayload | Stop {
  const etherType = ETHERTYPE_BY_ADDRESS_FAMILY.get(family);
  if (etherType === undefined) {
    return skipped(
      "not-ip",
      `loopback address family ${family} at byte 0 is neither AF_INET (2) nor AF_INET6 (24, 28, 30)`,
    );
  }
  return linkPayload(into, etherType, LOOPBACK_HEADER_LENGTH, end);
}
