const UNITS: Record<string, number> = { us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1 };

/** "50ms", "250us", "1.5s" -> seconds; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(us|\u00b5s|ms|s)\s*$/.exec(text);
  if (match === null) return null;
  return Number(match[1]) * (UNITS[match[2]!] ?? Number.NaN);
}
