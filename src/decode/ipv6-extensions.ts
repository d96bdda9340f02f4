import { hex, readU16, readU32 } from "./bytes.js";
import { type Stop, skipped } from "./decoded.js";
import type { LayerName } from "./layer-name.js";
import { checkRoom } from "./room.js";

/** What an extension header says about the header after it. */
interface ExtensionHeader {
  next: number;
  /** Where the next header starts. */
  offset: number;
}

type ExtensionDecoder = (bytes: Uint8Array, offset: number, end: number) => ExtensionHeader | Stop;

interface Extension {
  layer: LayerName;
  decode: ExtensionDecoder;
}

/** Chains longer than this are not followed: RFC 8200 §4.1 allows each header once (Destination Options twice). */
export const MAX_EXTENSION_HEADERS = 16;

/** Next header 1 byte, then a length byte whose unit differs by header. */
const LENGTH_PREFIX = 2;
const FRAGMENT_HEADER_LENGTH = 8;

/** RFC 8200 §4.3-4.6 and the headers built the same way (RFC 6275 mobility, RFC 7401 HIP, RFC 5533 shim6): 8-octet units after the first 8. */
const in8OctetUnits = (field: number): number => (field + 1) * 8;
/** RFC 4302 §2.2: AH's length is in 4-octet units, minus 2. */
const in4OctetUnitsPlus2 = (field: number): number => (field + 2) * 4;

/** The header's length in bytes, once its length byte and then its whole length are known to be there. */
function measure(
  bytes: Uint8Array,
  offset: number,
  end: number,
  layer: LayerName,
  what: string,
  lengthOf: (field: number) => number,
): number | Stop {
  const prefixDamage = checkRoom(bytes, offset, LENGTH_PREFIX, end, layer, what);
  if (prefixDamage !== undefined) return prefixDamage;
  const length = lengthOf(bytes[offset + 1]!);
  return checkRoom(bytes, offset, length, end, layer, what) ?? length;
}

const HOP_BY_HOP_NAME = "IPv6 Hop-by-Hop Options header";

/** The Hop-by-Hop header's length (ipv6-jumbo.ts reads its options before the chain is walked). */
export function readHopByHopLength(bytes: Uint8Array, offset: number, end: number): number | Stop {
  return measure(bytes, offset, end, "ipv6-hop-by-hop", HOP_BY_HOP_NAME, in8OctetUnits);
}

function lengthPrefixed(layer: LayerName, what: string, lengthOf: (field: number) => number): Extension {
  return {
    layer,
    decode(bytes, offset, end) {
      const length = measure(bytes, offset, end, layer, what, lengthOf);
      if (typeof length !== "number") return length;
      return { next: bytes[offset]!, offset: offset + length };
    },
  };
}

/**
 * RFC 8200 §4.5: fragment offset (13 bits, 8-octet units), 2 reserved bits and the M flag at
 * byte 2, identification at byte 4. An atomic fragment (offset 0, no M) is a whole packet and is
 * read through; any other is reported, not reassembled.
 */
const FRAGMENT: Extension = {
  layer: "ipv6-fragment",
  decode(bytes, offset, end) {
    const damage = checkRoom(bytes, offset, FRAGMENT_HEADER_LENGTH, end, "ipv6-fragment", "IPv6 Fragment header");
    if (damage !== undefined) return damage;
    const offsetAndFlags = readU16(bytes, offset + 2);
    const fragmentOffset = (offsetAndFlags >> 3) * 8;
    const moreFragments = (offsetAndFlags & 1) !== 0;
    if (fragmentOffset === 0 && !moreFragments)
      return { next: bytes[offset]!, offset: offset + FRAGMENT_HEADER_LENGTH };
    const id = hex(readU32(bytes, offset + 4), 8);
    const more = moreFragments ? ", more fragments follow" : ", the last one";
    return skipped(
      "ip-fragment",
      `IPv6 fragment at byte ${offset}: id ${id}, offset ${fragmentOffset}${more} (not reassembled)`,
    );
  },
};

const AUTHENTICATION = lengthPrefixed("ah", "IPsec Authentication Header", in4OctetUnitsPlus2);

/** IPv6 extension headers by next-header value (IANA "IPv6 Extension Header Types"); ESP (50) cannot be read through. */
export const IPV6_EXTENSIONS: ReadonlyMap<number, Extension> = new Map([
  [0, lengthPrefixed("ipv6-hop-by-hop", HOP_BY_HOP_NAME, in8OctetUnits)],
  [43, lengthPrefixed("ipv6-routing", "IPv6 Routing header", in8OctetUnits)],
  [44, FRAGMENT],
  [51, AUTHENTICATION],
  [60, lengthPrefixed("ipv6-destination-options", "IPv6 Destination Options header", in8OctetUnits)],
  [135, lengthPrefixed("mobility", "Mobility header", in8OctetUnits)],
  [139, lengthPrefixed("hip", "HIP header", in8OctetUnits)],
  [140, lengthPrefixed("shim6", "Shim6 header", in8OctetUnits)],
]);

/** In IPv4 only AH sits between IP and TCP (RFC 4302 §3.1). */
export const IPV4_EXTENSIONS: ReadonlyMap<number, Extension> = new Map([[51, AUTHENTICATION]]);
