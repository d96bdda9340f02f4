import type { Timestamp } from "../../capture/timestamp.js";
import { seqGe, seqLt } from "../seq.js";

/**
 * Each endpoint's latest round trip as the capture point sees it: from a segment of its that
 * carries new sequence space to the peer's first ACK covering it, one segment timed at a time,
 * and a timing given up when what it times is sent again (Karn's rule, RFC 6298 §3). The
 * handshake gives the first of each: SYN to SYN+ACK, SYN+ACK to its ACK. It bounds how long after
 * a SYN or FIN a segment of the peer can still have crossed it (docs/tracking-model.md, Evidence).
 *
 * Kept as four small integers per endpoint in its owner's table (Evidence's), at `at`: the end of
 * the segment being timed (as a signed 32-bit number), when it was sent (its seconds modulo 2^30,
 * -1 while nothing is timed, and its nanoseconds), and the latest round trip in microseconds (-1
 * while none is known): in the table every connection has already, rather than in an object and a
 * typed array more for each.
 */
export const ROUND_TRIP_NUMBERS = 4;
/** An endpoint's numbers before anything is timed. */
export const NO_ROUND_TRIP: readonly number[] = [0, -1, 0, -1];

const TIMED_END = 0;
const TIMED_SECONDS = 1;
const TIMED_NANOS = 2;
const LATEST_MICROS = 3;

/** Seconds are kept modulo 2^30, a small integer on every platform; a round trip is far shorter. */
const SECONDS_MASK = 0x3fffffff;
/** The longest round trip kept, in whole seconds: its microseconds stay below 2^30, a small integer on every platform. */
const MAX_SECONDS = 1000;
const MICROS_PER_SECOND = 1_000_000;
const NANOS_PER_MICRO = 1000;

/**
 * The endpoint sent sequence space [seq, end) at `time` (nothing when end is seq); `advances`
 * when end is past all it had sent before (RowFact.ADVANCES).
 */
export function timeSent(
  table: number[],
  at: number,
  seq: number,
  end: number,
  advances: boolean,
  time: Timestamp,
): void {
  if (end === seq) return;
  if (table[at + TIMED_SECONDS]! >= 0) {
    // What is timed was sent again: which copy an ACK answers is unknown.
    if (seqLt(seq, table[at + TIMED_END]! >>> 0)) table[at + TIMED_SECONDS] = -1;
  } else if (advances) {
    table[at + TIMED_END] = end | 0;
    table[at + TIMED_SECONDS] = time.seconds & SECONDS_MASK;
    table[at + TIMED_NANOS] = time.nanos;
  }
}

/** The peer acknowledged up to `ack` at `time`: the endpoint's timed segment (its numbers at `at`), if covered, gives its round trip. */
export function timeAcknowledged(table: number[], at: number, ack: number, time: Timestamp): void {
  const timedSeconds = table[at + TIMED_SECONDS]!;
  if (timedSeconds < 0 || !seqGe(ack, table[at + TIMED_END]! >>> 0)) return;
  // A clock that stepped back reads as the longest round trip: no bound from it.
  const seconds = ((time.seconds & SECONDS_MASK) - timedSeconds) & SECONDS_MASK;
  const micros = seconds * MICROS_PER_SECOND + Math.trunc((time.nanos - table[at + TIMED_NANOS]!) / NANOS_PER_MICRO);
  table[at + LATEST_MICROS] = seconds >= MAX_SECONDS || micros < 0 ? MAX_SECONDS * MICROS_PER_SECOND : micros;
  table[at + TIMED_SECONDS] = -1;
}

/** The endpoint's latest round trip in seconds (its numbers at `at`); NaN until a segment of its was timed. */
export function latestRoundTrip(table: readonly number[], at: number): number {
  const micros = table[at + LATEST_MICROS]!;
  return micros < 0 ? Number.NaN : micros / MICROS_PER_SECOND;
}
