import { readU32, readU32LittleEndian } from "./bytes.js";
import { type Stop, malformed } from "./decoded.js";
import { NEXT_WLAN } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/**
 * The radio headers older Linux drivers put before 802.11 frames. Prism (LINKTYPE_IEEE802_11_PRISM
 * 119): message code 4 bytes and message length 4, in the capturing host's byte order (told as
 * for the BSD loopback header: a small number read the wrong way round is large), the length
 * covering the whole header. AVS (LINKTYPE_IEEE802_11_AVS 163, and under 119 when its magic
 * shows): version 4 bytes (0x8021100x), header length 4, big-endian.
 */
const LENGTH_FIELDS = 8;
const AVS_MAGIC_MASK = 0xfffffff0;
const AVS_MAGIC = 0x80211000;

export function decodePrism(bytes: Uint8Array, end: number): LinkPayload | Stop {
  const damage = checkRoom(bytes, 0, LENGTH_FIELDS, end, "prism", "Prism header");
  if (damage !== undefined) return damage;
  if ((readU32(bytes, 0) & AVS_MAGIC_MASK) >>> 0 === AVS_MAGIC) return decodeAvs(bytes, end);
  const littleEndian = readU32LittleEndian(bytes, 0) <= 0xffff;
  const length = littleEndian ? readU32LittleEndian(bytes, 4) : readU32(bytes, 4);
  return afterRadioHeader(bytes, end, length, "prism", "Prism");
}

export function decodeAvs(bytes: Uint8Array, end: number): LinkPayload | Stop {
  const damage = checkRoom(bytes, 0, LENGTH_FIELDS, end, "avs", "AVS header");
  if (damage !== undefined) return damage;
  return afterRadioHeader(bytes, end, readU32(bytes, 4), "avs", "AVS");
}

function afterRadioHeader(
  bytes: Uint8Array,
  end: number,
  length: number,
  layer: "prism" | "avs",
  name: string,
): LinkPayload | Stop {
  if (length < LENGTH_FIELDS)
    return malformed(
      layer,
      0,
      `${name} header length ${length} at byte 4 is below the ${LENGTH_FIELDS} bytes of its own fields`,
    );
  const damage = checkRoom(bytes, 0, length, end, layer, `${name} header`);
  if (damage !== undefined) return damage;
  return { etherType: NEXT_WLAN, offset: length, end };
}
