import { isIPv4, isIPv6 } from "node:net";

/** An address as its bytes: 4 for IPv4, 16 for IPv6. */
export type AddressBytes = Uint8Array;

/** The bytes of an IPv4 or IPv6 address in text ("10.0.0.1", "2001:db8::1", "::ffff:1.2.3.4"), or undefined if it is none. */
export function addressBytes(text: string): AddressBytes | undefined {
  if (isIPv4(text)) return Uint8Array.from(text.split(".").map(Number));
  if (isIPv6(text)) return ipv6Bytes(text);
  return undefined;
}

/** RFC 4291 §2.2 text, known to be valid: groups around at most one "::", perhaps ending in dotted IPv4. */
function ipv6Bytes(text: string): AddressBytes {
  const [head = "", tail] = text.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":").flatMap(groupValues));
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const zeros = new Array<number>(8 - before.length - after.length).fill(0);
  const words = [...before, ...zeros, ...after];
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[2 * i] = word >> 8;
    bytes[2 * i + 1] = word & 0xff;
  });
  return bytes;
}

/** One group's 16-bit value, or the two an embedded dotted IPv4 address makes. */
function groupValues(group: string): number[] {
  if (!group.includes(".")) return [parseInt(group, 16)];
  const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
  return [(a << 8) | b, (c << 8) | d];
}

/** Whether `address` starts with the first `bits` bits of `prefix` (same family). */
export function withinPrefix(address: AddressBytes, prefix: AddressBytes, bits: number): boolean {
  if (address.length !== prefix.length) return false;
  for (let i = 0; i < address.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((address[i]! & mask) !== (prefix[i]! & mask)) return false;
  }
  return true;
}
