import { readU16 } from "./bytes.js";
import type { Stop } from "./decoded.js";
import { linkPayload, type LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/**
 * Linux cooked capture v1 (LINKTYPE_LINUX_SLL 113): packet type 2, ARPHRD type 2, address
 * length 2, address 8, protocol 2. The protocol is an ethertype; smaller values are Linux's
 * ETH_P_802_2 and kin, reported as not IP like any other unknown ethertype.
 */
const SLL_HEADER_LENGTH = 16;
const SLL_PROTOCOL_OFFSET = 14;

/**
 * Linux cooked capture v2 (LINKTYPE_LINUX_SLL2 276, what `tcpdump -i any` writes): the protocol
 * comes first, then reserved 2, interface index 4, ARPHRD type 2, packet type 1, address
 * length 1, address 8.
 */
const SLL2_HEADER_LENGTH = 20;
const SLL2_PROTOCOL_OFFSET = 0;

export function decodeSll(bytes: Uint8Array, end: number, into?: LinkPayload): LinkPayload | Stop {
  const damage = checkRoom(bytes, 0, SLL_HEADER_LENGTH, end, "sll", "Linux cooked (SLL) header");
  if (damage !== undefined) return damage;
  return linkPayload(into, readU16(bytes, SLL_PROTOCOL_OFFSET), SLL_HEADER_LENGTH, end);
}

export function decodeSll2(bytes: Uint8Array, end: number, into?: LinkPayload): LinkPayload | Stop {
  const damage = checkRoom(bytes, 0, SLL2_HEADER_LENGTH, end, "sll2", "Linux cooked v2 (SLL2) header");
  if (damage !== undefined) return damage;
  return linkPayload(into, readU16(bytes, SLL2_PROTOCOL_OFFSET), SLL2_HEADER_LENGTH, end);
}
