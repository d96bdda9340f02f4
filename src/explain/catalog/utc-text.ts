/** A capture time (seconds since the epoch) as UTC date and time to the microsecond, as every language writes it. */
export function utcText(seconds: number): string {
  const whole = Math.floor(seconds);
  const micros = String(Math.round((seconds - whole) * 1e6)).padStart(6, "0");
  return `${new Date(whole * 1000).toISOString().slice(0, 19).replace("T", " ")}.${micros} UTC`;
}
