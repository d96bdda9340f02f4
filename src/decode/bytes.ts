/**
 * Network byte order readers (RFC 791 Appendix B: most significant byte first). Callers check
 * the bounds first (see room.ts); reading through plain indexing keeps the hot path free of
 * DataView allocations.
 */

export function readU16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** Unsigned: `>>> 0` undoes the sign that `<<` gives bit 31. */
export function readU32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/** Little-endian, for the BSD loopback header written in the capturing host's byte order. */
export function readU32LittleEndian(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset + 3]! << 24) | (bytes[offset + 2]! << 16) | (bytes[offset + 1]! << 8) | bytes[offset]!) >>> 0;
}

/** `0x0806`-style text for protocol numbers in messages. */
export function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, "0")}`;
}

/** "1 byte", "20 bytes". */
export function byteCount(count: number): string {
  return count === 1 ? "1 byte" : `${count} bytes`;
}
