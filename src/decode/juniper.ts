import { readU16, readU32LittleEndian } from "./bytes.js";
import { type Stop, skipped } from "./decoded.js";
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_TRANSPARENT_ETHERNET } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/**
 * Juniper's capture header (LINKTYPE_JUNIPER_ETHER 178, as Wireshark's packet-juniper.c reads
 * it): the magic "MGC" 3 bytes, flags 1; with the extensions flag, their total length 2 (big
 * endian) and that many bytes of extensions. Then the Ethernet frame, or, with the no-layer-2
 * flag, a 4-byte little-endian protocol number and the IP packet.
 */
const MAGIC = 0x4d4743;
const BASE_LENGTH = 4;
const EXTENSIONS_PRESENT = 0x80;
const EXTENSIONS_LENGTH_FIELD = 2;
const NO_LAYER_2 = 0x02;
const PROTOCOL_LENGTH = 4;
const ETHERTYPE_BY_JUNIPER_PROTOCOL: ReadonlyMap<number, number> = new Map([
  [2, ETHERTYPE_IPV4],
  [6, ETHERTYPE_IPV6],
]);

export function decodeJuniperEthernet(bytes: Uint8Array, end: number): LinkPayload | Stop {
  const base = checkRoom(bytes, 0, BASE_LENGTH, end, "juniper", "Juniper header");
  if (base !== undefined) return base;
  const magic = (bytes[0]! << 16) | readU16(bytes, 1);
  if (magic !== MAGIC) return skipped("not-ip", `Juniper header at byte 0 lacks the magic "MGC"`);
  const flags = bytes[3]!;
  let length = BASE_LENGTH;
  if ((flags & EXTENSIONS_PRESENT) !== 0) {
    const field = checkRoom(bytes, BASE_LENGTH, EXTENSIONS_LENGTH_FIELD, end, "juniper", "Juniper extensions length");
    if (field !== undefined) return field;
    length += EXTENSIONS_LENGTH_FIELD + readU16(bytes, BASE_LENGTH);
  }
  if ((flags & NO_LAYER_2) === 0) {
    const damage = checkRoom(bytes, 0, length, end, "juniper", "Juniper header with its extensions");
    return damage ?? { etherType: ETHERTYPE_TRANSPARENT_ETHERNET, offset: length, end };
  }
  const damage = checkRoom(
    bytes,
    0,
    length + PROTOCOL_LENGTH,
    end,
    "juniper",
    "Juniper header with its protocol number",
  );
  if (damage !== undefined) return damage;
  const protocol = readU32LittleEndian(bytes, length);
  const etherType = ETHERTYPE_BY_JUNIPER_PROTOCOL.get(protocol);
  if (etherType === undefined)
    return skipped("not-ip", `Juniper protocol ${protocol} at byte ${length} is neither IPv4 (2) nor IPv6 (6)`);
  return { etherType, offset: length + PROTOCOL_LENGTH, end };
}
