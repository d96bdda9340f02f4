import { readU16 } from "./bytes.js";

/** Dotted quad (RFC 791 addresses, four bytes from `offset`). */
export function formatIpv4(bytes: Uint8Array, offset: number): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}

/**
 * RFC 5952 text of the 16-byte address at `offset`: lower-case hex without leading zeros, the
 * longest run of two or more zero groups shortened to "::" (the first run on a tie, §4.2.3).
 * Addresses whose first 80 bits are zero and whose next 16 are 0 or ffff keep their last 32
 * bits dotted, "::ffff:1.2.3.4" and "::1.2.3.4": that is what tshark prints (through
 * inet_ntop), including the deprecated IPv4-compatible form RFC 5952 §5 leaves open. Decoding
 * formats an address only the first time it sees it (address-texts.ts).
 */
export function formatIpv6(bytes: Uint8Array, offset: number): string {
  let zeroRunStart = -1;
  let zeroRunLength = 0;
  let runStart = -1;
  const groups = new Array<number>(8);
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
  return joinGroups(groups, zeroRunStart, zeroRunLength);
}

function joinGroups(groups: readonly number[], zeroRunStart: number, zeroRunLength: number): string {
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
