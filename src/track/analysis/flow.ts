import { SpareSpills, UNACKED_NUMBERS, UnackedSegments } from "./unacked.js";
import { WINDOW_SCALE_UNKNOWN, type WindowScale } from "./window-scale.js";

/**
 * Wireshark's -1 in its unsigned duplicate-ACK counter, written after an ACK of data the capture
 * did not see (so that the next duplicate ACK counts as the first). Being 2^32 - 1, it also
 * passes the ">= 2 duplicate ACKs" test of a fast retransmission, as it does in tshark.
 */
export const DUPLICATE_ACKS_AFTER_UNSEEN = 0xffffffff;

/** How many frames of a run of duplicate ACKs are kept to name in explanations. */
const KEPT_DUPLICATE_ACK_FRAMES = 3;

/**
 * Where each number of a flow sits in its connection's array of numbers: a flow's numbers are
 * not an object with a heap box for each sequence number and time, and times are two numbers
 * (seconds, nanoseconds) rather than a Timestamp kept alive.
 */
const WINDOW_SCALE = 0;
const WINDOW = 1;
const FIRST_ACK_PENDING = 2;
const NEXT_SEQ = 3;
const NEXT_SEQ_SECONDS = 4;
const NEXT_SEQ_NANOS = 5;
const MAX_SEQ_TO_BE_ACKED = 6;
const LAST_ACK = 7;
const LAST_ACK_SECONDS = 8;
const LAST_ACK_NANOS = 9;
const LAST_NON_DUPLICATE_ACK_FRAME = 10;
const DUPLICATE_ACKS = 11;
/** How many of the last duplicate ACKs' frames are kept (at most KEPT_DUPLICATE_ACK_FRAMES), then the frames, oldest first. */
const DUPLICATE_ACK_FRAMES_KEPT = 12;
const DUPLICATE_ACK_FRAMES = 13;
const LAST_SEGMENT_FINDINGS = DUPLICATE_ACK_FRAMES + KEPT_DUPLICATE_ACK_FRAMES;
const BYTES_IN_FLIGHT_VALID = LAST_SEGMENT_FINDINGS + 1;
/** The flow's own numbers; its unacknowledged segments' follow them. */
const OWN_NUMBERS = BYTES_IN_FLIGHT_VALID + 1;

/** How many numbers one direction takes in its connection's array: its flow's, then its unacknowledged segments'. */
export const FLOW_NUMBERS = OWN_NUMBERS + UNACKED_NUMBERS;

/** A flow as it starts, at `at` in `numbers` (every other number starts at 0). */
export function initFlow(numbers: Float64Array, at: number): void {
  numbers[at + WINDOW_SCALE] = WINDOW_SCALE_UNKNOWN;
  // G_MAXUINT32, which no 16-bit window equals.
  numbers[at + WINDOW] = 0xffffffff;
  numbers[at + BYTES_IN_FLIGHT_VALID] = 1;
}

/**
 * What Wireshark's sequence analysis knows about one direction of a connection (packet-tcp.c
 * tcp_flow_t and tcp_analyze_seq_flow_info_t). Its numbers are raw, and 0 means "not known yet"
 * for nextSeq, maxSeqToBeAcked and lastAck, as in packet-tcp.c. This is not the observer's
 * Endpoint: Wireshark's nextseq, lastack and window follow its own rules (lastack is the last
 * ack field sent, not the highest; a zero-window probe does not move nextseq).
 *
 * A flow is a view of the numbers its connection keeps (initFlow, FLOW_NUMBERS): the analysis
 * points one at a connection's direction for the segment being analyzed.
 */
export class WiresharkFlow {
  #numbers: Float64Array = new Float64Array(FLOW_NUMBERS);
  #at = 0;
  /** The segments this direction sent and the peer has not acknowledged yet. */
  readonly unacked: UnackedSegments;

  /** A flow of its own, as a direction starts (for a view, attach points it at a connection's); its list's spills come from `spares`. */
  constructor(spares = new SpareSpills()) {
    initFlow(this.#numbers, 0);
    this.unacked = new UnackedSegments(spares);
  }

  /** Read and write the flow at `at` in `numbers`, whose unacknowledged segments beyond what fits there are in `spill`. */
  attach(numbers: Float64Array, at: number, spill: Float64Array | undefined): void {
    this.#numbers = numbers;
    this.#at = at;
    this.unacked.attach(numbers, at + OWN_NUMBERS, spill);
  }

  /** win_scale: the shift for this direction's windows, or unknown / none. */
  get windowScale(): WindowScale {
    return this.#numbers[this.#at + WINDOW_SCALE]!;
  }
  set windowScale(scale: WindowScale) {
    this.#numbers[this.#at + WINDOW_SCALE] = scale;
  }

  /** Raw window of the last segment; starts at G_MAXUINT32, which no 16-bit window equals. */
  get window(): number {
    return this.#numbers[this.#at + WINDOW]!;
  }
  set window(window: number) {
    this.#numbers[this.#at + WINDOW] = window;
  }

  /** is_first_ack: a SYN was sent and no ACK without SYN since (its window is not scaled yet for window_full). */
  get firstAckPending(): boolean {
    return this.#numbers[this.#at + FIRST_ACK_PENDING] !== 0;
  }
  set firstAckPending(pending: boolean) {
    this.#numbers[this.#at + FIRST_ACK_PENDING] = pending ? 1 : 0;
  }

  /** Highest seq + len (+1 for SYN/FIN) sent ... */
  get nextSeq(): number {
    return this.#numbers[this.#at + NEXT_SEQ]!;
  }
  set nextSeq(seq: number) {
    this.#numbers[this.#at + NEXT_SEQ] = seq;
  }

  /** ... and when (seconds and nanoseconds; both 0 for no time, as packet-tcp.c's nstime zero). */
  get nextSeqSeconds(): number {
    return this.#numbers[this.#at + NEXT_SEQ_SECONDS]!;
  }
  get nextSeqNanos(): number {
    return this.#numbers[this.#at + NEXT_SEQ_NANOS]!;
  }

  /** nextSeq moves to `seq`, sent at `seconds` and `nanos`. */
  advanceNextSeq(seq: number, seconds: number, nanos: number): void {
    const numbers = this.#numbers;
    const at = this.#at;
    numbers[at + NEXT_SEQ] = seq;
    numbers[at + NEXT_SEQ_SECONDS] = seconds;
    numbers[at + NEXT_SEQ_NANOS] = nanos;
  }

  /** Highest sequence number sent without a hole before it: what the peer may acknowledge. */
  get maxSeqToBeAcked(): number {
    return this.#numbers[this.#at + MAX_SEQ_TO_BE_ACKED]!;
  }
  set maxSeqToBeAcked(seq: number) {
    this.#numbers[this.#at + MAX_SEQ_TO_BE_ACKED] = seq;
  }

  /** The ack field of the last segment sent (whatever its flags) ... */
  get lastAck(): number {
    return this.#numbers[this.#at + LAST_ACK]!;
  }

  /** ... and when. */
  get lastAckSeconds(): number {
    return this.#numbers[this.#at + LAST_ACK_SECONDS]!;
  }
  get lastAckNanos(): number {
    return this.#numbers[this.#at + LAST_ACK_NANOS]!;
  }

  /** The last segment sent carried `ack` in its ack field, at `seconds` and `nanos`. */
  sentAck(ack: number, seconds: number, nanos: number): void {
    const numbers = this.#numbers;
    const at = this.#at;
    numbers[at + LAST_ACK] = ack;
    numbers[at + LAST_ACK_SECONDS] = seconds;
    numbers[at + LAST_ACK_NANOS] = nanos;
  }

  /** Frame of the last segment whose ack differed from the one before (the ACK duplicates repeat). */
  get lastNonDuplicateAckFrame(): number {
    return this.#numbers[this.#at + LAST_NON_DUPLICATE_ACK_FRAME]!;
  }

  /** Duplicate ACKs in the current run (DUPLICATE_ACKS_AFTER_UNSEEN after an unseen segment was acked). */
  get duplicateAcks(): number {
    return this.#numbers[this.#at + DUPLICATE_ACKS]!;
  }

  /** The last few frames of the current run of duplicate ACKs, oldest first, in a new array. */
  duplicateAckFrames(): number[] {
    const at = this.#at + DUPLICATE_ACK_FRAMES;
    return Array.from(this.#numbers.subarray(at, at + this.#numbers[this.#at + DUPLICATE_ACK_FRAMES_KEPT]!));
  }

  /** Findings of the last segment sent, as AnalysisFlags bits (keep-alive and zero-window-probe answers look at them: hasFinding). */
  get lastSegmentFindings(): number {
    return this.#numbers[this.#at + LAST_SEGMENT_FINDINGS]!;
  }
  set lastSegmentFindings(bits: number) {
    this.#numbers[this.#at + LAST_SEGMENT_FINDINGS] = bits;
  }

  /** valid_bif: off after a segment was missed, until the peer sends an ACK. */
  get bytesInFlightValid(): boolean {
    return this.#numbers[this.#at + BYTES_IN_FLIGHT_VALID] !== 0;
  }
  set bytesInFlightValid(valid: boolean) {
    this.#numbers[this.#at + BYTES_IN_FLIGHT_VALID] = valid ? 1 : 0;
  }

  countDuplicateAck(frame: number): void {
    const numbers = this.#numbers;
    const at = this.#at;
    const duplicateAcks = numbers[at + DUPLICATE_ACKS]!;
    numbers[at + DUPLICATE_ACKS] = duplicateAcks === DUPLICATE_ACKS_AFTER_UNSEEN ? 1 : duplicateAcks + 1;
    const kept = numbers[at + DUPLICATE_ACK_FRAMES_KEPT]!;
    const frames = at + DUPLICATE_ACK_FRAMES;
    if (kept < KEPT_DUPLICATE_ACK_FRAMES) {
      numbers[frames + kept] = frame;
      numbers[at + DUPLICATE_ACK_FRAMES_KEPT] = kept + 1;
      return;
    }
    numbers.copyWithin(frames, frames + 1, frames + KEPT_DUPLICATE_ACK_FRAMES);
    numbers[frames + KEPT_DUPLICATE_ACK_FRAMES - 1] = frame;
  }

  /** The peer acknowledged data the capture never saw this direction send (see DUPLICATE_ACKS_AFTER_UNSEEN). */
  markUnseenDataAcked(): void {
    this.#numbers[this.#at + DUPLICATE_ACKS] = DUPLICATE_ACKS_AFTER_UNSEEN;
    this.#numbers[this.#at + DUPLICATE_ACK_FRAMES_KEPT] = 0;
  }

  /** A new ack value: the run of duplicates, if any, is over. */
  startAckRun(frame: number): void {
    const numbers = this.#numbers;
    const at = this.#at;
    numbers[at + LAST_NON_DUPLICATE_ACK_FRAME] = frame;
    numbers[at + DUPLICATE_ACKS] = 0;
    numbers[at + DUPLICATE_ACK_FRAMES_KEPT] = 0;
  }
}
