/** packet-tcp.c tests times with nstime_is_zero(): a zero time (and every time of a capture without timestamps) counts as "not set". */
export function isNoTime(seconds: number, nanos: number): boolean {
  return seconds === 0 && nanos === 0;
}

/**
 * Is an elapsed time below a limit, as packet-tcp.c decides it? It keeps the difference in an
 * unsigned 64-bit integer, so a negative one (the clock went back) is huge and never below.
 */
export function isBelow(elapsedNanos: number, limitNanos: number): boolean {
  return elapsedNanos >= 0 && elapsedNanos < limitNanos;
}
