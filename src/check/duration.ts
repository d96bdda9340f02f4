const UNITS: Record<string, number> = { us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1 };

/** "50ms", "250us", "1.5s" -> seconds; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(us|µs|ms|s)\s*$/.exec(text);
  if (match === null) return null;
  return Number(match[1]) * (UNITS[match[2]!] ?? Number.NaN);
}

/** Seconds as the shortest readable unit: "0.42 ms", "1.2 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 1e-3) return `${round(seconds * 1e6)} us`;
  if (seconds < 1) return `${round(seconds * 1e3)} ms`;
  return `${round(seconds)} s`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
