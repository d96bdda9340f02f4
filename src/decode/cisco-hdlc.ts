import { readU16 } from "./bytes.js";
import type { Stop } from "./decoded.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/** Address (0x0f unicast, 0x8f broadcast) 1 byte, control 1, protocol 2: an ethertype. */
const CISCO_HDLC_HEADER_LENGTH = 4;
const UNICAST = 0x0f;
const BROADCAST = 0x8f;

/** Cisco HDLC (LINKTYPE_C_HDLC 104), also met under the PPP link types (see ppp.ts). */
export function decodeCiscoHdlc(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  const damage = checkRoom(bytes, offset, CISCO_HDLC_HEADER_LENGTH, end, "cisco-hdlc", "Cisco HDLC header");
  if (damage !== undefined) return damage;
  return { etherType: readU16(bytes, offset + 2), offset: offset + CISCO_HDLC_HEADER_LENGTH, end };
}

export function decodeCiscoHdlcLink(bytes: Uint8Array, end: number): LinkPayload | Stop {
  return decodeCiscoHdlc(bytes, 0, end);
}

/** Whether a frame under a PPP link type is Cisco HDLC instead, by its address byte (as Wireshark's packet-ppp.c tells). */
export function startsCiscoHdlc(firstByte: number): boolean {
  return firstByte === UNICAST || firstByte === BROADCAST;
}
