/** Seconds as milliseconds to the microsecond, without trailing zeros ("0.013", "41.761"). */
export function millis(seconds: number): string {
  const micros = millisMicros(seconds);
  if (micros < 0) return String(Number((seconds * 1000).toFixed(3)));
  const ms = Math.floor(micros / 1000);
  return String(ms) + MICROS_DECIMALS[micros - ms * 1000];
}

/**
 * The duration in whole microseconds, when millis says it from them (its milliseconds, then
 * MICROS_DECIMALS of the rest); -1 when it takes toFixed's way. Below 2^32 µs the product is
 * within 1e-6 of exact, so rounding it picks toFixed's digits unless it sits that close to a
 * half; those, and the rest, take the exact (and much slower) way.
 */
export function millisMicros(seconds: number): number {
  const micros = seconds * 1000 * 1000;
  if (!(micros >= 0 && micros < 2 ** 32) || Math.abs((micros % 1) - 0.5) < 1e-6) return -1;
  return Math.round(micros);
}

/** ".001" ... ".999" for the microseconds of a millisecond, without trailing zeros ("" for none). */
export const MICROS_DECIMALS: readonly string[] = Array.from({ length: 1000 }, (_, micros) =>
  micros === 0 ? "" : `.${String(micros).padStart(3, "0").replace(/0+$/, "")}`,
);
