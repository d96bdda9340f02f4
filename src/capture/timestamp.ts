import type { Frame } from "./frame.js";

/**
 * A capture time: whole seconds since the epoch and nanoseconds within the second
 * (0..999_999_999), exact whatever the capture's resolution. Frames carry one; what is computed
 * from two goes through the functions below, so that every layer does the arithmetic alike.
 */
export interface Timestamp {
  seconds: number;
  nanos: number;
}

/**
 * A timestamp kept for long (a connection's first and last times). A class of its own: an object
 * literal of this shape shares its hidden class with every other timestamp, some of which hold
 * fractions, and each of its fields would then be a heap number of its own.
 */
export class CaptureTime implements Timestamp {
  constructor(
    readonly seconds: number,
    readonly nanos: number,
  ) {}
}

export const NANOS_PER_SECOND = 1_000_000_000;

/** The time as one number of seconds since the epoch: a float, exact to well below a microsecond for real dates. */
export function secondsOf(time: Timestamp): number {
  return secondsOfParts(time.seconds, time.nanos);
}

/** secondsOf a time kept as its two numbers (seconds, nanos) rather than as a Timestamp. */
export function secondsOfParts(seconds: number, nanos: number): number {
  return seconds + nanos / NANOS_PER_SECOND;
}

/** Seconds from `from` to `to`, negative when the capture's clock went back; whole seconds are subtracted first, keeping the fraction's precision. */
export function secondsBetween(from: Timestamp, to: Timestamp): number {
  return secondsSince(from.seconds, from.nanos, to);
}

/** secondsBetween from a time kept as its two numbers (seconds, nanos) rather than as a Timestamp. */
export function secondsSince(seconds: number, nanos: number, later: Timestamp): number {
  return later.seconds - seconds + (later.nanos - nanos) / NANOS_PER_SECOND;
}

/** Nanoseconds from `earlier` to `later`, negative when the capture's clock went back (exact below ~104 days). */
export function nanosBetween(earlier: Timestamp, later: Timestamp): number {
  return nanosSince(earlier.seconds, earlier.nanos, later);
}

/** nanosBetween from a time kept as its two numbers (seconds, nanos) rather than as a Timestamp. */
export function nanosSince(seconds: number, nanos: number, later: Timestamp): number {
  return (later.seconds - seconds) * NANOS_PER_SECOND + (later.nanos - nanos);
}

export function nanosToSeconds(nanos: number): number {
  return nanos / NANOS_PER_SECOND;
}

/** Seconds rounded to the microsecond, as the records give times and durations (tcpdump's and tshark's default precision). */
export function roundToMicros(seconds: number): number {
  return microsOf(seconds) / 1e6;
}

/** Seconds as a whole number of microseconds, rounded (roundToMicros is this over 1e6). */
export function microsOf(seconds: number): number {
  return Math.round(seconds * 1e6);
}

/**
 * A timestamp unit: 10^-exponent or 2^-exponent seconds. This is how pcapng's if_tsresol option
 * encodes it (draft-ietf-opsawg-pcapng §4.2); classic pcap uses 10^-6 or 10^-9.
 */
export interface TimestampResolution {
  readonly base: 10 | 2;
  readonly exponent: number;
}

export const MICROSECONDS: TimestampResolution = { base: 10, exponent: 6 };
export const NANOSECONDS: TimestampResolution = { base: 10, exponent: 9 };

/** A resolution for display: "s", "ms", "us", "ns", or "10^-n" / "2^-n" (seconds) for the rest. */
export type TimestampPrecision = "s" | "ms" | "us" | "ns" | `10^-${number}` | `2^-${number}`;

const DECIMAL_NAMES: ReadonlyMap<number, TimestampPrecision> = new Map([
  [0, "s"],
  [3, "ms"],
  [6, "us"],
  [9, "ns"],
] as const);

export function precisionOf(resolution: TimestampResolution): TimestampPrecision {
  if (resolution.base === 2) return `2^-${resolution.exponent}`;
  return DECIMAL_NAMES.get(resolution.exponent) ?? `10^-${resolution.exponent}`;
}

/** Decodes if_tsresol: the high bit picks base 2, the other 7 bits are the exponent (§4.2). */
export function resolutionFromTsresol(code: number): TimestampResolution {
  return (code & 0x80) === 0 ? { base: 10, exponent: code } : { base: 2, exponent: code & 0x7f };
}

/** How many bits of a second one unit splits off: a larger number is a finer resolution. */
export function resolutionBits(resolution: TimestampResolution): number {
  return resolution.base === 2 ? resolution.exponent : resolution.exponent * Math.log2(10);
}

/**
 * Ticks below 2^52 (a high word below 2^20) keep floor(ticks / unitsPerSecond) exact: a true
 * quotient k - r/u (0 < r < u) stays at least 1/u below k, while half a float step at k is
 * k * 2^-53 < 1/(2u), so rounding never lifts it to k.
 */
const FLOAT_SAFE_HIGH_WORD = 0x100000;
const TWO_TO_32 = 4294967296;
/** Long division takes the low word in two 16-bit digits. */
const TWO_TO_16 = 65536;
/** Whole seconds below 2^53 are exact floats: with a high word below unitsPerSecond * 2^21 they are. */
const EXACT_SECONDS_HIGH_FACTOR = 2 ** 21;
const BIG_NANOS_PER_SECOND = 1_000_000_000n;

/**
 * Turns a 64-bit tick count (two 32-bit words, as pcapng stores it) into whole seconds and
 * nanoseconds, exactly; finer units than nanoseconds are cut (floored), as Wireshark does.
 *
 * Float arithmetic is exact while every value stays an integer below 2^53: that holds for
 * microsecond ticks of any real date (2^52 us is the year 2112), which take one division.
 * Nanosecond ticks of real dates exceed 2^53: they are divided a 16-bit digit at a time (long
 * division), each partial value below 2^49, rather than as BigInts, which made several heap
 * objects a frame and took as long as reading the frame. What neither can hold exactly (units
 * finer than a nanosecond, more seconds than 2^53) takes the BigInt path.
 */
export class TickConverter {
  private readonly unitsPerSecond: number;
  /** 1e9 / unitsPerSecond: an integer for 10^-k (k <= 9); 1953125 * 2^(9-k) for 2^-k, exact too. */
  private readonly nanosPerUnit: number;
  /** Whether rest * nanosPerUnit stays an exact float integer for any rest < unitsPerSecond. */
  private readonly floatExact: boolean;
  /** High words below it give whole seconds below 2^53 (0 when rest * nanosPerUnit is not exact). */
  private readonly floatHighLimit: number;
  private readonly bigUnitsPerSecond: bigint;

  /** @param offsetSeconds if_tsoffset (§4.2): seconds added to every timestamp. */
  constructor(
    resolution: TimestampResolution,
    private readonly offsetSeconds: number,
  ) {
    this.unitsPerSecond = resolution.base ** resolution.exponent;
    this.nanosPerUnit = NANOS_PER_SECOND / this.unitsPerSecond;
    // 10^-k: rest * 10^(9-k) < 1e9. 2^-k: rest * 1953125 < 2^(k+21), below 2^53 for k <= 32.
    this.floatExact = resolution.base === 10 ? resolution.exponent <= 9 : resolution.exponent <= 32;
    this.floatHighLimit = this.floatExact ? this.unitsPerSecond * EXACT_SECONDS_HIGH_FACTOR : 0;
    this.bigUnitsPerSecond = BigInt(resolution.base) ** BigInt(resolution.exponent);
  }

  /** Writes the time of `high * 2^32 + low` ticks into frame.seconds and frame.nanos. */
  setFrameTime(frame: Frame, high: number, low: number): void {
    const units = this.unitsPerSecond;
    if (this.floatExact && high < FLOAT_SAFE_HIGH_WORD) {
      const ticks = high * TWO_TO_32 + low;
      const seconds = Math.floor(ticks / units);
      frame.seconds = seconds + this.offsetSeconds;
      frame.nanos = Math.floor((ticks - seconds * units) * this.nanosPerUnit);
    } else if (high < this.floatHighLimit) {
      // Each step divides a remainder below `units` (at most 2^32) joined to the next digit: below 2^49, exact.
      const highSeconds = Math.floor(high / units);
      const middle = (high - highSeconds * units) * TWO_TO_16 + (low >>> 16);
      const middleSeconds = Math.floor(middle / units);
      const bottom = (middle - middleSeconds * units) * TWO_TO_16 + (low & 0xffff);
      const bottomSeconds = Math.floor(bottom / units);
      frame.seconds = highSeconds * TWO_TO_32 + middleSeconds * TWO_TO_16 + bottomSeconds + this.offsetSeconds;
      frame.nanos = Math.floor((bottom - bottomSeconds * units) * this.nanosPerUnit);
    } else {
      this.setFrameTimeExactly(frame, high, low);
    }
  }

  private setFrameTimeExactly(frame: Frame, high: number, low: number): void {
    const ticks = (BigInt(high) << 32n) | BigInt(low);
    frame.seconds = Number(ticks / this.bigUnitsPerSecond) + this.offsetSeconds;
    frame.nanos = Number(((ticks % this.bigUnitsPerSecond) * BIG_NANOS_PER_SECOND) / this.bigUnitsPerSecond);
  }
}
