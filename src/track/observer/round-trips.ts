import { secondsOf, type Timestamp } from "../../capture/timestamp.js";
import { seqGe, seqGt, seqLt } from "../seq.js";
import type { Role } from "../states.js";

/**
 * Per endpoint, four numbers: the end of the segment being timed, when it was sent (seconds since
 * the epoch, to a tenth of a microsecond, far finer than the bound needs), the highest end sent,
 * and the latest round trip in seconds. Eight in all: V8 keeps a typed array of up to 64 bytes
 * on its heap, and gives a larger one a buffer of its own, which made `check` 8% slower on the
 * bench's loopback capture.
 */
const TIMED_END = 0;
const TIMED_AT = 1;
const HIGHEST_END = 2;
const LATEST = 3;
const NUMBERS = 4;

function offsetOf(role: Role): number {
  return role === "client" ? 0 : NUMBERS;
}

/**
 * Each endpoint's latest round trip as the capture point sees it: from a segment of its that
 * carries new sequence space to the peer's first ACK covering it, one segment timed at a time,
 * and a timing given up when what it times is sent again (Karn's rule, RFC 6298 §3). The
 * handshake gives the first of each: SYN to SYN+ACK, SYN+ACK to its ACK. It bounds how long after
 * a SYN or FIN a segment of the peer can still have crossed it (docs/tracking-model.md, Evidence).
 * NaN where nothing is known yet.
 */
export class RoundTrips {
  private readonly numbers = new Float64Array(2 * NUMBERS).fill(Number.NaN);

  /** The endpoint's latest round trip in seconds; NaN until a segment of its was timed. */
  latest(role: Role): number {
    return this.numbers[offsetOf(role) + LATEST]!;
  }

  /** The endpoint sent sequence space [seq, end) at `time` (nothing when end is seq). */
  sent(role: Role, seq: number, end: number, time: Timestamp): void {
    if (end === seq) return;
    const numbers = this.numbers;
    const at = offsetOf(role);
    const highest = numbers[at + HIGHEST_END]!;
    const isNew = Number.isNaN(highest) || seqGt(end, highest);
    if (isNew) numbers[at + HIGHEST_END] = end;
    const timedEnd = numbers[at + TIMED_END]!;
    if (!Number.isNaN(timedEnd)) {
      // What is timed was sent again: which copy an ACK answers is unknown.
      if (seqLt(seq, timedEnd)) numbers[at + TIMED_END] = Number.NaN;
    } else if (isNew) {
      numbers[at + TIMED_END] = end;
      numbers[at + TIMED_AT] = secondsOf(time);
    }
  }

  /** The endpoint acknowledged up to `ack` at `time`: the peer's timed segment, if covered, gives its round trip. */
  acknowledged(role: Role, ack: number, time: Timestamp): void {
    const numbers = this.numbers;
    const peer = NUMBERS - offsetOf(role);
    const timedEnd = numbers[peer + TIMED_END]!;
    if (Number.isNaN(timedEnd) || !seqGe(ack, timedEnd)) return;
    numbers[peer + LATEST] = secondsOf(time) - numbers[peer + TIMED_AT]!;
    numbers[peer + TIMED_END] = Number.NaN;
  }
}
