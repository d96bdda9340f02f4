/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): the only place the tracker compares
 * or offsets sequence numbers, so wrap-around is handled once.
 */

/**
 * Signed distance a - b, in [-2^31, 2^31): positive when a is after b. Exactly half-way round it
 * is -2^31 both ways, so each number is before the other (RFC 1982 §3.2 leaves that undefined).
 */
export function seqDiff(a: number, b: number): number {
  return (a - b) | 0;
}

export function seqLt(a: number, b: number): boolean {
  return seqDiff(a, b) < 0;
}

export function seqLe(a: number, b: number): boolean {
  return seqDiff(a, b) <= 0;
}

export function seqGt(a: number, b: number): boolean {
  return seqDiff(a, b) > 0;
}

export function seqGe(a: number, b: number): boolean {
  return seqDiff(a, b) >= 0;
}

/** a + n as an unsigned 32-bit sequence number. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** Unsigned offset of a from base (Wireshark's relative numbers): (a - base) mod 2^32. */
export function seqOffset(a: number, base: number): number {
  return (a - base) >>> 0;
}

/**
 * packet-tcp.h's GT_SEQ(a, b), as Wireshark's analysis must compare to match it: it tests the
 * reverse difference, (int32)(b - a) < 0, so at exactly 2^31 apart a number is both after and
 * before the other (seqLt and seqLe already equal LT_SEQ and LE_SEQ).
 */
export function wiresharkSeqGt(a: number, b: number): boolean {
  return seqDiff(b, a) < 0;
}
