/** Seconds as milliseconds to the microsecond, without trailing zeros ("0.013", "41.761"). */
export function millis(seconds: number): string {
  const milliseconds = seconds * 1000;
  const micros = milliseconds * 1000;
  // Below 2^32 µs the product is within 1e-6 of exact, so rounding it picks toFixed's digits unless
  // it sits that close to a half; those, and the rest, take the exact (and much slower) way.
  if (!(micros >= 0 && micros < 2 ** 32) || Math.abs((micros % 1) - 0.5) < 1e-6)
    return String(Number(milliseconds.toFixed(3)));
  const whole = Math.round(micros);
  const ms = Math.floor(whole / 1000);
  return String(ms) + MICROS_DECIMALS[whole - ms * 1000];
}

/** ".001" ... ".999" for the microseconds of a millisecond, without trailing zeros ("" for none). */
const MICROS_DECIMALS = Array.from({ length: 1000 }, (_, micros) =>
  micros === 0 ? "" : `.${String(micros).padStart(3, "0").replace(/0+$/, "")}`,
);
