import { type Stop, skipped } from "./decoded.js";
import { NEXT_LLC } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/**
 * IEEE 802.11-2020 §9.2.4: frame control 2 bytes, duration 2, three addresses 6 each, sequence
 * control 2: 24 bytes; a fourth address (6) when both To DS and From DS are set; QoS control (2)
 * in QoS data frames, and HT control (4) after it when the +HTC/Order flag is set.
 */
const BASE_HEADER_LENGTH = 24;
const FOURTH_ADDRESS_LENGTH = 6;
const QOS_CONTROL_LENGTH = 2;
const HT_CONTROL_LENGTH = 4;
/** Frame control, first byte: type in bits 2-3, subtype in bits 4-7. */
const TYPE_DATA = 2;
const SUBTYPE_QOS = 0x8;
const SUBTYPE_NO_DATA = 0x4;
/** Frame control, second byte. */
const TO_DS = 0x01;
const FROM_DS = 0x02;
const MORE_FRAGMENTS = 0x04;
const PROTECTED = 0x40;
const ORDER = 0x80;
/** QoS control, first byte (§9.2.4.5.9). */
const AMSDU_PRESENT = 0x80;
const FRAGMENT_NUMBER_MASK = 0x0f;
const TYPE_NAMES = ["management", "control", "data", "extension"] as const;

/** LINKTYPE_IEEE802_11 (105): the 802.11 header with no radio header before it (and, as Wireshark assumes by default, no FCS after). */
export function decodeWlanLink(bytes: Uint8Array, end: number): LinkPayload | Stop {
  return decodeWlanHeader(bytes, 0, end, false);
}

export function decodeWlan(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  return decodeWlanHeader(bytes, offset, end, false);
}

/** Radiotap's "data pad" flag: the header is padded to a multiple of 4 bytes. */
export function decodeWlanPadded(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  return decodeWlanHeader(bytes, offset, end, true);
}

/**
 * A data frame's header, to the LLC header of its body. Other frames carry no IP: management,
 * control, null data. Protected bodies are encrypted; fragments and aggregated MSDUs (A-MSDU)
 * are not reassembled or split here.
 */
function decodeWlanHeader(bytes: Uint8Array, offset: number, end: number, padded: boolean): LinkPayload | Stop {
  const damage = checkRoom(bytes, offset, 2, end, "wlan", "802.11 frame control");
  if (damage !== undefined) return damage;
  const control = bytes[offset]!;
  const flags = bytes[offset + 1]!;
  const type = (control >> 2) & 0x3;
  const subtype = control >> 4;
  if (type !== TYPE_DATA || (subtype & SUBTYPE_NO_DATA) !== 0) {
    const what = type === TYPE_DATA ? "data frame without a body" : `${TYPE_NAMES[type]!} frame`;
    return skipped("not-ip", `802.11 ${what} (subtype ${subtype}) at byte ${offset}`);
  }
  const qos = (subtype & SUBTYPE_QOS) !== 0;
  const fourAddresses = (flags & (TO_DS | FROM_DS)) === (TO_DS | FROM_DS);
  const qosControl = BASE_HEADER_LENGTH + (fourAddresses ? FOURTH_ADDRESS_LENGTH : 0);
  let length = qosControl;
  if (qos) length += QOS_CONTROL_LENGTH + ((flags & ORDER) !== 0 ? HT_CONTROL_LENGTH : 0);
  // Radiotap's data pad belongs to the header: the body starts after it, which must be in the frame.
  if (padded) length = (length + 3) & ~3;
  const header = checkRoom(bytes, offset, length, end, "wlan", "802.11 data frame header");
  if (header !== undefined) return header;
  const stop = notReadable(bytes, offset, flags, qos ? offset + qosControl : undefined);
  if (stop !== undefined) return stop;
  return { etherType: NEXT_LLC, offset: offset + length, end };
}

/** The reasons a data frame's body is not read: encrypted, a fragment, an aggregate. */
function notReadable(
  bytes: Uint8Array,
  offset: number,
  flags: number,
  qosControl: number | undefined,
): Stop | undefined {
  if ((flags & PROTECTED) !== 0)
    return skipped("encrypted", `802.11 data frame at byte ${offset} is protected: its body is encrypted`);
  const fragmentNumber = bytes[offset + 22]! & FRAGMENT_NUMBER_MASK;
  if ((flags & MORE_FRAGMENTS) !== 0 || fragmentNumber !== 0) {
    return skipped("link-fragment", `802.11 fragment ${fragmentNumber} at byte ${offset} (not reassembled)`);
  }
  if (qosControl !== undefined && (bytes[qosControl]! & AMSDU_PRESENT) !== 0) {
    return skipped("aggregated", `802.11 data frame at byte ${offset} carries an A-MSDU (several packets; not split)`);
  }
  return undefined;
}
