import { hex } from "./bytes.js";
import { type Stop, skipped } from "./decoded.js";
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/**
 * ARCNET (LINKTYPE_ARCNET_BSD 7, LINKTYPE_ARCNET_LINUX 129), as Wireshark's packet-arcnet.c reads
 * them: source 1 byte, destination 1, on Linux a 2-byte offset, then the protocol id. RFC 1201
 * protocols follow it with a split flag 1 and a sequence number 2; on BSD a split flag of 0xff
 * marks an exception frame, where 2 padding bytes, the protocol id again and the real split flag
 * come first. RFC 1051's IP and ARP, diagnostics and BACnet have none of that.
 */
const ETHERTYPE_BY_PROTOCOL_ID: ReadonlyMap<number, number> = new Map([
  [0xd4, ETHERTYPE_IPV4], // RFC 1201 IP
  [0xf0, ETHERTYPE_IPV4], // RFC 1051 IP
  [0xc4, ETHERTYPE_IPV6],
]);
/** RFC 1051 IP and ARP, diagnose, BACnet: no split flag or sequence number. */
const WITHOUT_FRAGMENTATION_FIELDS: ReadonlySet<number> = new Set([0xf0, 0xf1, 0x80, 0xcd]);
const FRAGMENTATION_FIELDS_LENGTH = 3;
const EXCEPTION_FLAG = 0xff;
const EXCEPTION_EXTRA_LENGTH = 4;

export function decodeArcnetBsd(bytes: Uint8Array, end: number): LinkPayload | Stop {
  return decodeArcnet(bytes, end, 2, true);
}

export function decodeArcnetLinux(bytes: Uint8Array, end: number): LinkPayload | Stop {
  return decodeArcnet(bytes, end, 4, false);
}

function decodeArcnet(bytes: Uint8Array, end: number, protocolAt: number, hasExceptions: boolean): LinkPayload | Stop {
  const damage = checkRoom(bytes, 0, protocolAt + 1, end, "arcnet", "ARCNET header");
  if (damage !== undefined) return damage;
  const protocol = bytes[protocolAt]!;
  let offset = protocolAt + 1;
  if (!WITHOUT_FRAGMENTATION_FIELDS.has(protocol)) {
    const flag = checkRoom(bytes, offset, 1, end, "arcnet", "ARCNET split flag");
    if (flag !== undefined) return flag;
    const length =
      hasExceptions && bytes[offset] === EXCEPTION_FLAG
        ? FRAGMENTATION_FIELDS_LENGTH + EXCEPTION_EXTRA_LENGTH
        : FRAGMENTATION_FIELDS_LENGTH;
    const fields = checkRoom(bytes, offset, length, end, "arcnet", "ARCNET split flag and sequence number");
    if (fields !== undefined) return fields;
    offset += length;
  }
  const etherType = ETHERTYPE_BY_PROTOCOL_ID.get(protocol);
  if (etherType === undefined) return skipped("not-ip", `ARCNET protocol id ${hex(protocol, 2)} at byte ${protocolAt}`);
  return { etherType, offset, end };
}
