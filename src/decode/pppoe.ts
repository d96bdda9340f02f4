import { readU16 } from "./bytes.js";
import type { Stop } from "./decoded.js";
import { NEXT_PPP } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { boundByEnclosing, checkRoom } from "./room.js";
import type { SegmentProblem } from "./segment.js";

/** RFC 2516 §4: version and type 1 byte, code 1, session id 2, length 2; the PPP protocol field follows. */
const PPPOE_HEADER_LENGTH = 6;

/**
 * A PPPoE session frame (ethertype 0x8864). Its length counts the PPP frame from the protocol
 * field on and bounds it, as in Wireshark's packet-pppoe.c: Ethernet padding lies past it.
 */
export function decodePppoe(
  bytes: Uint8Array,
  offset: number,
  end: number,
  problems: SegmentProblem[],
): LinkPayload | Stop {
  const damage = checkRoom(bytes, offset, PPPOE_HEADER_LENGTH, end, "pppoe", "PPPoE header");
  if (damage !== undefined) return damage;
  const length = readU16(bytes, offset + 4);
  const payload = offset + PPPOE_HEADER_LENGTH;
  return {
    etherType: NEXT_PPP,
    offset: payload,
    end: boundByEnclosing(payload + length, end, offset + 4, `PPPoE length ${length}`, problems),
  };
}
