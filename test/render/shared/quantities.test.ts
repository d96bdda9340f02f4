import { describe, expect, it } from "vitest";
import { ByteWriter } from "../../../src/render/shared/byte-writer.js";
import {
  formatBytes,
  formatCount,
  formatDuration,
  writeBytes,
  writeCount,
  writeDuration,
  writeMillis,
} from "../../../src/render/shared/quantities.js";
import { millis } from "../../../src/explain/millis.js";

/** What a write function puts into a ByteWriter, as text. */
function written(write: (out: ByteWriter, value: number) => void, value: number): string {
  const out = new ByteWriter();
  write(out, value);
  return out.takeText();
}

describe("formatDuration", () => {
  it.each([
    [0, "0us"],
    [0.000013, "13us"],
    [0.0009994, "999us"],
    [0.0009996, "1.0ms"],
    [0.0015, "1.5ms"],
    [0.00994, "9.9ms"],
    [0.00995, "10ms"],
    [0.2, "200ms"],
    [0.9994, "999ms"],
    [0.9996, "1.0s"],
    [4.8, "4.8s"],
    [12.3, "12s"],
    [59.6, "1m00s"],
    [125, "2m05s"],
    [3599.6, "1h00m"],
    [12_000, "3h20m"],
  ])("%f s is %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
    expect(written(writeDuration, seconds)).toBe(text);
  });
});

describe("writeDuration", () => {
  it("writes what formatDuration says, at every step from a microsecond to hours", () => {
    for (let seconds = 1e-7; seconds < 20_000; seconds *= 1.0137) {
      expect(written(writeDuration, seconds)).toBe(formatDuration(seconds));
    }
  });
});

describe("writeMillis", () => {
  it("writes what millis says: digit by digit, or its exact way for halves, large and negative values", () => {
    const values = [0, 0.013, 0.041761, 0.0000005, 0.0005, 1.2345675, 4294.9672955, 1e12, -0.0015, Number.NaN];
    for (let micros = 0; micros < 5000; micros++) values.push((micros * 7919) / 1e9, (micros + 0.5) / 1e9);
    for (const seconds of values) expect([seconds, written(writeMillis, seconds)]).toEqual([seconds, millis(seconds)]);
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1000, "1.0 kB"],
    [28_303, "28.3 kB"],
    [999_960, "1.0 MB"],
    [1_234_567, "1.2 MB"],
    [5e12, "5.0 TB"],
  ])("%d bytes is %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
    expect(written(writeBytes, bytes)).toBe(text);
  });
});

describe("formatCount", () => {
  it("groups thousands with commas whatever the locale", () => {
    expect(formatCount(1204)).toBe("1,204");
    expect(formatCount(12)).toBe("12");
  });

  it("writes what it formats", () => {
    for (const count of [0, 12, 999, 1000, 1204, 2.5, -3]) expect(written(writeCount, count)).toBe(formatCount(count));
  });
});
