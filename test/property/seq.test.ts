import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt, seqOffset } from "../../src/track/seq.js";

/**
 * Sequence arithmetic modulo 2^32 (RFC 9293 §3.4, RFC 1982), on any 32-bit numbers a capture
 * may carry. A fixed seed keeps runs repeatable; fast-check prints the one to replay a failure.
 */
const RUNS = { numRuns: 3000, seed: 0x5e9 };
const TWO_TO_31 = 2 ** 31;
const TWO_TO_32 = 2 ** 32;

const seq = fc.integer({ min: 0, max: TWO_TO_32 - 1 });
/** Sequence numbers near the wrap, where mistakes show. */
const nearWrap = fc.oneof(
  seq,
  fc.integer({ min: TWO_TO_32 - 64, max: TWO_TO_32 - 1 }),
  fc.integer({ min: 0, max: 64 }),
);
/** A distance a segment can move forward or back without reaching the ambiguous half-way point. */
const distance = fc.integer({ min: -(TWO_TO_31 - 1), max: TWO_TO_31 - 1 });
const offset = fc.integer({ min: 0, max: TWO_TO_32 - 1 });

describe("sequence arithmetic", () => {
  test("results are 32-bit: seqAdd and seqOffset unsigned, seqDiff in [-2^31, 2^31)", () => {
    fc.assert(
      fc.property(nearWrap, nearWrap, distance, (a, b, n) => {
        for (const value of [seqAdd(a, n), seqOffset(a, b)])
          expect(Number.isInteger(value) && value >= 0 && value < TWO_TO_32).toBe(true);
        const diff = seqDiff(a, b);
        expect(Number.isInteger(diff) && diff >= -TWO_TO_31 && diff < TWO_TO_31).toBe(true);
      }),
      RUNS,
    );
  });

  test("seqOffset undoes seqAdd, and seqAdd undoes seqOffset (Wireshark's relative numbers and back)", () => {
    fc.assert(
      fc.property(nearWrap, offset, (base, n) => {
        expect(seqOffset(seqAdd(base, n), base)).toBe(n);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(nearWrap, nearWrap, (a, base) => {
        expect(seqAdd(base, seqOffset(a, base))).toBe(a);
      }),
      RUNS,
    );
  });

  test("seqDiff measures what seqAdd moved, across the wrap", () => {
    fc.assert(
      fc.property(nearWrap, distance, (a, n) => {
        expect(seqDiff(seqAdd(a, n), a)).toBe(n);
      }),
      RUNS,
    );
  });

  test("seqDiff is antisymmetric, except exactly half-way round, where each number is before the other", () => {
    fc.assert(
      fc.property(nearWrap, nearWrap, (a, b) => {
        if (seqOffset(a, b) === TWO_TO_31) {
          // RFC 1982 §3.2 leaves this comparison undefined; here, like Wireshark's LT_SEQ, both are "less".
          expect([seqDiff(a, b), seqDiff(b, a)]).toEqual([-TWO_TO_31, -TWO_TO_31]);
          expect(seqLt(a, b) && seqLt(b, a)).toBe(true);
        } else {
          expect(seqDiff(a, b)).toBe(-seqDiff(b, a) || 0);
        }
      }),
      RUNS,
    );
    fc.assert(
      fc.property(nearWrap, (a) => {
        expect(seqDiff(seqAdd(a, TWO_TO_31), a)).toBe(-TWO_TO_31);
      }),
      RUNS,
    );
  });

  test("comparisons agree: exactly one of before, equal, after (away from half-way), and le/ge include equality", () => {
    fc.assert(
      fc.property(nearWrap, nearWrap, (a, b) => {
        fc.pre(seqOffset(a, b) !== TWO_TO_31);
        const equal = a === b;
        expect([seqLt(a, b), equal, seqGt(a, b)].filter(Boolean)).toHaveLength(1);
        expect(seqLt(a, b)).toBe(seqGt(b, a));
        expect(seqLe(a, b)).toBe(seqLt(a, b) || equal);
        expect(seqGe(a, b)).toBe(seqGt(a, b) || equal);
      }),
      RUNS,
    );
  });

  test("comparisons do not change when both numbers move by the same amount (only distances matter)", () => {
    fc.assert(
      fc.property(nearWrap, nearWrap, offset, (a, b, shift) => {
        expect(seqDiff(seqAdd(a, shift), seqAdd(b, shift))).toBe(seqDiff(a, b));
      }),
      RUNS,
    );
  });

  test("wrap-around: the next number after 2^32 - 1 is 0, and it is after it", () => {
    expect(seqAdd(TWO_TO_32 - 1, 1)).toBe(0);
    expect(seqGt(0, TWO_TO_32 - 1)).toBe(true);
    expect(seqLt(TWO_TO_32 - 1, 0)).toBe(true);
    fc.assert(
      fc.property(nearWrap, fc.integer({ min: 1, max: TWO_TO_31 - 1 }), (a, n) => {
        expect(seqGt(seqAdd(a, n), a)).toBe(true);
        expect(seqLt(seqAdd(a, -n), a)).toBe(true);
      }),
      RUNS,
    );
  });
});
