import { readU32LittleEndian } from "./bytes.js";
import { type Stop, malformed } from "./decoded.js";
import { NEXT_WLAN, NEXT_WLAN_PADDED } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/**
 * Radiotap (LINKTYPE_IEEE802_11_RADIOTAP 127, radiotap.org): version 1 byte, pad 1, length 2
 * and presence bitmaps 4 each, little-endian; bit 31 of a bitmap says another follows. The fields
 * follow in bit order, each aligned to its size: TSFT (bit 0, 8 bytes) first, then Flags (bit 1,
 * 1 byte), the only one read here: it says whether the frame ends in an FCS and whether the
 * 802.11 header is padded.
 */
const FIXED_LENGTH = 8;
const BITMAP_LENGTH = 4;
const ANOTHER_BITMAP = 0x80000000;
const TSFT_PRESENT = 0x1;
const FLAGS_PRESENT = 0x2;
const TSFT_LENGTH = 8;
const FLAG_FCS_AT_END = 0x10;
const FLAG_DATA_PAD = 0x20;
const FCS_LENGTH = 4;

export function decodeRadiotap(bytes: Uint8Array, end: number): LinkPayload | Stop {
  const fixed = checkRoom(bytes, 0, FIXED_LENGTH, end, "radiotap", "radiotap header");
  if (fixed !== undefined) return fixed;
  const length = bytes[2]! | (bytes[3]! << 8);
  if (length < FIXED_LENGTH)
    return malformed(
      "radiotap",
      0,
      `radiotap length ${length} at byte 2 is below the ${FIXED_LENGTH}-byte fixed header`,
    );
  const damage = checkRoom(bytes, 0, length, end, "radiotap", "radiotap header");
  if (damage !== undefined) return damage;
  const flags = readFlags(bytes, length);
  if (typeof flags !== "number") return flags;
  const frameEnd = (flags & FLAG_FCS_AT_END) !== 0 ? end - FCS_LENGTH : end;
  if (frameEnd < length)
    return malformed(
      "radiotap",
      0,
      `radiotap flags at byte 0 announce a 4-byte FCS, but the frame has only ${end - length} bytes after the ${length}-byte header`,
    );
  return { etherType: (flags & FLAG_DATA_PAD) !== 0 ? NEXT_WLAN_PADDED : NEXT_WLAN, offset: length, end: frameEnd };
}

/** The Flags field's value (0 when absent), found after every presence bitmap and the TSFT field. */
function readFlags(bytes: Uint8Array, length: number): number | Stop {
  const present = readU32LittleEndian(bytes, 4);
  if ((present & FLAGS_PRESENT) === 0) return 0;
  let offset = FIXED_LENGTH;
  for (let bitmap = present; (bitmap & ANOTHER_BITMAP) !== 0; offset += BITMAP_LENGTH) {
    if (offset + BITMAP_LENGTH > length)
      return malformed(
        "radiotap",
        offset,
        `radiotap presence bitmap at byte ${offset} runs past the ${length}-byte header`,
      );
    bitmap = readU32LittleEndian(bytes, offset);
  }
  if ((present & TSFT_PRESENT) !== 0) offset = ((offset + 7) & ~7) + TSFT_LENGTH;
  // The damage is the length field (byte 2), which leaves no room: the field's own offset may lie past the frame.
  if (offset >= length)
    return malformed(
      "radiotap",
      2,
      `radiotap length ${length} at byte 2 leaves no room for the Flags field at byte ${offset}`,
    );
  return bytes[offset]!;
}
