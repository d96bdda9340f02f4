import { describe, expect, it } from "vitest";
import { millis } from "../../src/explain/millis.js";

describe("millis", () => {
  /** The plain way: toFixed's digits, trailing zeros dropped. */
  const exact = (seconds: number) => String(Number((seconds * 1000).toFixed(3)));

  it("writes milliseconds to the microsecond without trailing zeros", () => {
    expect(millis(0.013)).toBe("13");
    expect(millis(0.041761)).toBe("41.761");
    expect(millis(0.0000005)).toBe("0.001");
    expect(millis(0)).toBe("0");
  });

  it("gives toFixed's digits for halves, nanoseconds, large and negative values", () => {
    const values = [
      0.0005, 0.0000015, 1.2345675, 4294.9672955, 5000.0000005, 1e12, -0.0015, -0.000_000_1, 123.456789123,
    ];
    for (let micros = 0; micros < 20000; micros++)
      values.push((micros + 0.5) / 1e9, micros / 1e6 + 1e-10, (micros * 7919) / 1e9);
    for (const seconds of values) expect([seconds, millis(seconds)]).toEqual([seconds, exact(seconds)]);
  });
});
