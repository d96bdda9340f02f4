import { readU16, readU32 } from "./bytes.js";

/** Dotted quad (RFC 791 addresses, four bytes from `offset`). */
export function formatIpv4(bytes: Uint8Array, offset: number): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}

/**
 * The dotted quads of the addresses seen lately, by value: a capture holds few distinct addresses,
 * and writing out two per packet (eight numbers turned into text) was the largest part of decoding
 * an IPv4 segment. Emptied when full, so that a scan of random addresses keeps it small.
 */
const ipv4Texts = new Map<number, string>();
const IPV4_TEXTS_LIMIT = 1 << 16;

/** formatIpv4, remembered: the same address always gives the same string. */
export function ipv4Text(bytes: Uint8Array, offset: number): string {
  // As a signed 32-bit number: a key above 2^31 (192.168/16 and the rest of the upper half) would be a heap number made per lookup.
  const value = readU32(bytes, offset) | 0;
  let text = ipv4Texts.get(value);
  if (text === undefined) {
    if (ipv4Texts.size >= IPV4_TEXTS_LIMIT) ipv4Texts.clear();
    text = formatIpv4(bytes, offset);
    ipv4Texts.set(value, text);
  }
  return text;
}

/** Scratch for the eight 16-bit groups: formatting runs for every packet, so nothing is allocated but the text. */
const groups = new Uint16Array(8);

/**
 * RFC 5952 text of the 16-byte address at `offset`: lower-case hex without leading zeros, the
 * longest run of two or more zero groups shortened to "::" (the first run on a tie, §4.2.3).
 * Addresses whose first 80 bits are zero and whose next 16 are 0 or ffff keep their last 32
 * bits dotted, "::ffff:1.2.3.4" and "::1.2.3.4": that is what tshark prints (through
 * inet_ntop), including the deprecated IPv4-compatible form RFC 5952 §5 leaves open.
 */
export function formatIpv6(bytes: Uint8Array, offset: number): string {
  let zeroRunStart = -1;
  let zeroRunLength = 0;
  let runStart = -1;
  for (let i = 0; i < 8; i++) {
    const group = readU16(bytes, offset + 2 * i);
    groups[i] = group;
    if (group !== 0) {
      runStart = -1;
      continue;
    }
    if (runStart < 0) runStart = i;
    if (i - runStart + 1 > zeroRunLength) {
      zeroRunStart = runStart;
      zeroRunLength = i - runStart + 1;
    }
  }
  if (zeroRunStart === 0 && (zeroRunLength === 6 || (zeroRunLength === 5 && groups[5] === 0xffff))) {
    return `${zeroRunLength === 5 ? "::ffff:" : "::"}${formatIpv4(bytes, offset + 12)}`;
  }
  // RFC 5952 §4.2.2: a single zero group is written "0", not "::".
  if (zeroRunLength < 2) zeroRunStart = -1;
  return joinGroups(zeroRunStart, zeroRunLength);
}

function joinGroups(zeroRunStart: number, zeroRunLength: number): string {
  const zeroRunEnd = zeroRunStart + zeroRunLength;
  let text = "";
  let i = 0;
  while (i < 8) {
    if (i === zeroRunStart) {
      text += "::";
      i = zeroRunEnd;
      continue;
    }
    if (i > 0 && i !== zeroRunEnd) text += ":";
    text += groups[i]!.toString(16);
    i++;
  }
  return text;
}
