import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sixPlaceMicros, TimeColumn } from "../../../src/render/text/time-column.js";

/** Three segments: at 100.5 s, 100.75 s and 102.000001 s since the epoch; the connection began at 99.5 s. */
const SEGMENTS = [
  { time: { seconds: 100, nanos: 500_000_000 }, sinceStart: 1 },
  { time: { seconds: 100, nanos: 750_000_000 }, sinceStart: 1.25 },
  { time: { seconds: 102, nanos: 1_999 }, sinceStart: 2.500001999 },
];

const cells = (column: TimeColumn) => SEGMENTS.map(({ time, sinceStart }) => column.cell(time, sinceStart));

describe("TimeColumn", () => {
  it("connection: seconds since the connection's first segment (the default)", () => {
    expect(cells(new TimeColumn("connection"))).toEqual(["1.000000", "1.250000", "2.500002"]);
  });

  it("since-first: seconds since the first segment shown, as tcpdump -ttttt", () => {
    expect(cells(new TimeColumn("since-first"))).toEqual(["0.000000", "0.250000", "1.500002"]);
  });

  it("delta: seconds since the previous segment shown, as tcpdump -ttt", () => {
    expect(cells(new TimeColumn("delta"))).toEqual(["0.000000", "0.250000", "1.250002"]);
  });

  it("epoch: seconds since 1970, microseconds cut rather than rounded, as tcpdump -tt", () => {
    expect(cells(new TimeColumn("epoch"))).toEqual(["100.500000", "100.750000", "102.000001"]);
  });

  it("none: nothing", () => {
    expect(cells(new TimeColumn("none"))).toEqual(["", "", ""]);
  });

  it("clock and date: the local time of day, and the date before it (tcpdump's default and -tttt)", () => {
    const time = { seconds: 1795313773, nanos: 610_735_000 };
    const local = new Date(time.seconds * 1000);
    const two = (n: number) => String(n).padStart(2, "0");
    const clock = `${two(local.getHours())}:${two(local.getMinutes())}:${two(local.getSeconds())}.610735`;
    expect(new TimeColumn("clock").cell(time, 0)).toBe(clock);
    expect(new TimeColumn("date").cell(time, 0)).toBe(
      `${local.getFullYear()}-${two(local.getMonth() + 1)}-${two(local.getDate())} ${clock}`,
    );
  });
});

describe("sixPlaceMicros", () => {
  it("gives the microseconds whose six places toFixed(6) writes, or -1", () => {
    const seconds = fc.oneof(
      fc.double({ min: 0, max: 2e6, noNaN: true }),
      fc.integer({ min: 0, max: 1e12 }).map((micros) => micros / 1e6),
      fc.integer({ min: 0, max: 1e15 }).map((nanos) => nanos / 1e9),
      // Halves of a microsecond, where toFixed's rounding is decided by the exact double.
      fc.integer({ min: 0, max: 1e9 }).map((micros) => (micros + 0.5) / 1e6),
      fc.constantFrom(-0.000001, -1, 1.0000005, 2 ** 40 / 1e6, 2e6, Number.POSITIVE_INFINITY, Number.NaN),
    );
    fc.assert(
      fc.property(seconds, (value) => {
        const micros = sixPlaceMicros(value);
        if (micros === -1) return;
        const whole = Math.floor(micros / 1e6);
        expect(`${whole}.${String(micros - whole * 1e6).padStart(6, "0")}`).toBe(value.toFixed(6));
      }),
    );
  });

  it("leaves negative, huge and half-way times to toFixed", () => {
    expect(sixPlaceMicros(-0.5)).toBe(-1);
    expect(sixPlaceMicros(2e6)).toBe(-1);
    expect(sixPlaceMicros(0.0000005)).toBe(-1);
    expect(sixPlaceMicros(2.500002)).toBe(2_500_002);
  });
});
