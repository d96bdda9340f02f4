import { readU32 } from "./bytes.js";
import { type Stop, malformed } from "./decoded.js";
import { readHopByHopLength } from "./ipv6-extensions.js";

const HOP_BY_HOP = 0;
const PAD1 = 0;
const JUMBO_PAYLOAD = 0xc2;
const JUMBO_PAYLOAD_DATA_LENGTH = 4;
/** RFC 2675 §2: a jumbo length must exceed what the 16-bit payload length can hold. */
const MAX_PLAIN_PAYLOAD_LENGTH = 0xffff;

/**
 * RFC 2675: an IPv6 payload length of 0 means a jumbogram, whose length sits in a Jumbo Payload
 * option of the Hop-by-Hop Options header that must directly follow the fixed header. Without
 * one the length is simply wrong (Wireshark 4.0 calls the packet malformed too). Returns the
 * jumbo payload length (which counts the Hop-by-Hop header, as the payload length would).
 * `field` is the payload length field's offset, `hopByHop` where the fixed header ends.
 */
export function readJumboPayloadLength(
  bytes: Uint8Array,
  field: number,
  hopByHop: number,
  nextHeader: number,
  end: number,
): number | Stop {
  if (nextHeader !== HOP_BY_HOP) {
    return malformed(
      "ipv6",
      field,
      `IPv6 payload length is 0 at byte ${field}, but no Hop-by-Hop Options header follows to carry a Jumbo Payload option (RFC 2675)`,
    );
  }
  const length = readHopByHopLength(bytes, hopByHop, end);
  if (typeof length !== "number") return length;
  const jumboOffset = findJumboOption(bytes, hopByHop + 2, hopByHop + length);
  if (jumboOffset === undefined) {
    return malformed(
      "ipv6",
      field,
      `IPv6 payload length is 0 at byte ${field}, and the Hop-by-Hop Options header at byte ${hopByHop} has no Jumbo Payload option (RFC 2675)`,
    );
  }
  const jumboLength = readU32(bytes, jumboOffset + 2);
  if (jumboLength <= MAX_PLAIN_PAYLOAD_LENGTH) {
    return malformed(
      "ipv6-hop-by-hop",
      jumboOffset,
      `Jumbo Payload length ${jumboLength} at byte ${jumboOffset} does not exceed 65535 (RFC 2675 §2)`,
    );
  }
  return jumboLength;
}

/** Walks the options' type-length-value list (RFC 8200 §4.2); Pad1 is the one option without a length. */
function findJumboOption(bytes: Uint8Array, start: number, end: number): number | undefined {
  let offset = start;
  while (offset + 1 < end) {
    const type = bytes[offset]!;
    if (type === PAD1) {
      offset++;
      continue;
    }
    const dataLength = bytes[offset + 1]!;
    const fits = offset + 2 + dataLength <= end;
    if (type === JUMBO_PAYLOAD && dataLength === JUMBO_PAYLOAD_DATA_LENGTH && fits) return offset;
    offset += 2 + dataLength;
  }
  return undefined;
}
