import { type Stop, skipped } from "./decoded.js";
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from "./ethertype.js";
import { linkPayload, type LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/**
 * LINKTYPE_RAW (101, and DLT_RAW's values 12 and 14 found in old files): no link header; the
 * IP version nibble, the first 4 bits of both IPv4 (RFC 791) and IPv6 (RFC 8200), tells which.
 */
export function decodeRawIp(bytes: Uint8Array, end: number, into?: LinkPayload): LinkPayload | Stop {
  const damage = checkRoom(bytes, 0, 1, end, "raw-ip", "raw IP version nibble");
  if (damage !== undefined) return damage;
  const version = bytes[0]! >> 4;
  if (version === 4) return linkPayload(into, ETHERTYPE_IPV4, 0, end);
  if (version === 6) return linkPayload(into, ETHERTYPE_IPV6, 0, end);
  return skipped("not-ip", `raw IP frame with version ${version} at byte 0, neither 4 nor 6`);
}

/** LINKTYPE_IPV4 (228): no link header, always IPv4. */
export function decodeRawIpv4(_bytes: Uint8Array, end: number, into?: LinkPayload): LinkPayload {
  return linkPayload(into, ETHERTYPE_IPV4, 0, end);
}

/** LINKTYPE_IPV6 (229): no link header, always IPv6. */
export function decodeRawIpv6(_bytes: Uint8Array, end: number, into?: LinkPayload): LinkPayload {
  return linkPayload(into, ETHERTYPE_IPV6, 0, end);
}
