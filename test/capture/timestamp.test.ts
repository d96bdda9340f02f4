import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Frame } from "../../src/capture/index.js";
import {
  TickConverter,
  nanosBetween,
  precisionOf,
  resolutionFromTsresol,
  roundToMicros,
  secondsBetween,
  secondsOf,
  type TimestampResolution,
} from "../../src/capture/timestamp.js";

/** The time of `high * 2^32 + low` ticks, computed with integers only. */
function reference(resolution: TimestampResolution, offsetSeconds: number, high: number, low: number) {
  const ticks = (BigInt(high) << 32n) | BigInt(low);
  const unitsPerSecond = BigInt(resolution.base) ** BigInt(resolution.exponent);
  return {
    seconds: Number(ticks / unitsPerSecond) + offsetSeconds,
    nanos: Number(((ticks % unitsPerSecond) * 1_000_000_000n) / unitsPerSecond),
  };
}

function convert(resolution: TimestampResolution, offsetSeconds: number, high: number, low: number) {
  const frame = { seconds: -1, nanos: -1 } as Frame;
  new TickConverter(resolution, offsetSeconds).setFrameTime(frame, high, low);
  return { seconds: frame.seconds, nanos: frame.nanos };
}

const word = fc.integer({ min: 0, max: 0xffffffff });
/** High words around 2^20, where the float path hands over to the BigInt one. */
const highWord = fc.oneof(word, fc.integer({ min: 0, max: 0x100001 }));
const resolution = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((exponent): TimestampResolution => ({ base: 10, exponent })),
  fc.integer({ min: 0, max: 64 }).map((exponent): TimestampResolution => ({ base: 2, exponent })),
);
const offset = fc.integer({ min: -1_000_000, max: 1_000_000 });

describe("TickConverter", () => {
  it("is exact to the nanosecond for any tick count and resolution", () => {
    fc.assert(
      fc.property(resolution, offset, highWord, word, (res, offsetSeconds, high, low) => {
        expect(convert(res, offsetSeconds, high, low)).toEqual(reference(res, offsetSeconds, high, low));
      }),
      { numRuns: 5000 },
    );
  });

  it("is exact for microsecond tick counts of real dates, the float path", () => {
    const micro: TimestampResolution = { base: 10, exponent: 6 };
    // Up to the 2^52 us boundary (year 2112), and just past it.
    const nearBoundary = fc.integer({ min: 0xf0000, max: 0x100001 });
    fc.assert(
      fc.property(nearBoundary, word, (high, low) => {
        expect(convert(micro, 0, high, low)).toEqual(reference(micro, 0, high, low));
      }),
      { numRuns: 5000 },
    );
  });

  it("is exact for nanosecond tick counts of any date, the long division", () => {
    const nano: TimestampResolution = { base: 10, exponent: 9 };
    // From just past the single division's reach (2^52 ticks) to the largest tick count.
    const high = fc.integer({ min: 0x100000, max: 0xffffffff });
    fc.assert(
      fc.property(high, word, offset, (highWord, low, offsetSeconds) => {
        expect(convert(nano, offsetSeconds, highWord, low)).toEqual(reference(nano, offsetSeconds, highWord, low));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [{ base: 10, exponent: 6 } as const, 0x0005543d, 0xf72d9090, { seconds: 1_500_000_000, nanos: 250_000_000 }],
    [{ base: 10, exponent: 9 } as const, 0x14d1120d, 0xb6b0ca07, { seconds: 1_500_000_001, nanos: 7 }],
    [{ base: 10, exponent: 12 } as const, 0, 1_999, { seconds: 0, nanos: 1 }], // picoseconds: floored
    [{ base: 2, exponent: 10 } as const, 0, 1, { seconds: 0, nanos: 976_562 }], // 976562.5 ns, floored
    [{ base: 10, exponent: 6 } as const, 0xffffffff, 0xffffffff, { seconds: 18_446_744_073_709, nanos: 551_615_000 }],
  ])("converts %o ticks %d:%d", (res, high, low, expected) => {
    expect(convert(res, 0, high, low)).toEqual(expected);
  });

  it("adds if_tsoffset seconds, negative ones too", () => {
    expect(convert({ base: 10, exponent: 6 }, -10, 0, 12_500_000)).toEqual({ seconds: 2, nanos: 500_000_000 });
  });
});

describe("resolutions", () => {
  it.each([
    [6, "us"],
    [9, "ns"],
    [3, "ms"],
    [0, "s"],
    [12, "10^-12"],
    [0x8a, "2^-10"],
    [0x80, "2^-0"],
  ])("if_tsresol %d is %s", (code, precision) => {
    expect(precisionOf(resolutionFromTsresol(code))).toBe(precision);
  });
});

describe("arithmetic on timestamps", () => {
  const time = fc.record({
    seconds: fc.integer({ min: 0, max: 4_000_000_000 }),
    nanos: fc.integer({ min: 0, max: 999_999_999 }),
  });
  const exactNanos = (from: { seconds: number; nanos: number }, to: { seconds: number; nanos: number }) =>
    (BigInt(to.seconds) - BigInt(from.seconds)) * 1_000_000_000n + BigInt(to.nanos - from.nanos);

  it("counts the nanoseconds between two times exactly, negative when the clock went back", () => {
    fc.assert(
      fc.property(
        time,
        fc.integer({ min: -8_000_000, max: 8_000_000 }),
        fc.integer({ min: -999_999_999, max: 999_999_999 }),
        (from, seconds, nanos) => {
          const to = { seconds: from.seconds + seconds, nanos: Math.min(999_999_999, Math.max(0, from.nanos + nanos)) };
          expect(nanosBetween(from, to)).toBe(Number(exactNanos(from, to)));
        },
      ),
    );
  });

  it("keeps a nanosecond between two real dates, which their differenced float seconds lose", () => {
    const from = { seconds: 1_700_000_000, nanos: 5 };
    const to = { seconds: 1_700_000_000, nanos: 6 };
    expect(secondsBetween(from, to)).toBeCloseTo(1e-9, 15);
    expect(secondsOf(to) - secondsOf(from)).not.toBeCloseTo(1e-9, 15);
  });

  it("rounds seconds to the microsecond", () => {
    expect([roundToMicros(0.0000004), roundToMicros(1.2345676), roundToMicros(0.0000006)]).toEqual([
      0, 1.234568, 0.000001,
    ]);
  });
});
