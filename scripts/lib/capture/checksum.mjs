// The Internet checksum (RFC 1071) that IPv4 headers and TCP segments carry.

/**
 * Adds the bytes from `start` to `end` to `sum` as 16-bit big-endian words, an odd last byte
 * padded with a zero (RFC 1071 §4.1); the sum is folded only at the end, by finishChecksum.
 * @param {Uint8Array} bytes
 * @param {number} start
 * @param {number} end
 * @param {number} [sum]
 */
export function sumWords(bytes, start, end, sum = 0) {
  let i = start;
  for (; i + 1 < end; i += 2) sum += ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  if (i < end) sum += (bytes[i] ?? 0) << 8;
  return sum;
}

/**
 * The checksum field for a sum of words: carries folded back in, then the ones' complement.
 * @param {number} sum
 */
export function finishChecksum(sum) {
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
