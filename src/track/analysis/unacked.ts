import { seqDiff, seqLe, wiresharkSeqGt } from "../seq.js";
import { asSmallInteger } from "./small-integer.js";

/** One segment sent in a direction and not yet acknowledged (packet-tcp.c tcp_unacked_t), as a search copies it out. */
export interface UnackedSegment {
  frame: number;
  /** First unacknowledged byte: moves forward when an ACK covers part of the segment. */
  seq: number;
  /** seq + len, plus one for SYN or FIN. */
  nextSeq: number;
  /** When it was sent: seconds and nanoseconds, as a Timestamp holds them. */
  seconds: number;
  nanos: number;
}

/** Wireshark's TCP_MAX_UNACKED_SEGMENTS: past this many, new segments are not remembered. */
export const MAX_UNACKED_SEGMENTS = 10000;

/**
 * Half the circle of sequence numbers: two numbers less than this apart compare modulo 2^32 (RFC
 * 9293 §3.4) as their distances from the base do.
 */
const HALF = 2 ** 31;
/**
 * The segments stay ordered while they span at most this, from the start furthest back to the end
 * furthest on (as distances from the base): any two of their numbers are then less than HALF
 * apart, and a number asked about is compared by distance when it is less than HALF from every
 * one of them (comparable). 2^17 short of HALF: a number that is not is more than 2^17 from every
 * segment, which are at most 2^16 long, so it lies in none of them, nor can an ACK there cut one.
 */
const MAX_SPAN = HALF - 2 ** 17;
/**
 * A list read segment by segment is put back in order, if it can be, once ACKs have read this
 * many times as many segments as wait: sorting them costs about what those reads did. An ACK
 * leaves only segments less than half the circle on from it, so segments sent gigabytes apart
 * over the whole circle are ordered again from an ACK, and the ACKs after it read only what they
 * cover.
 */
const REORDER_AFTER_READS = 16;

/**
 * A kept segment is seven numbers side by side: its seq and nextSeq, its frame, when it was kept
 * (of two that answer, the one kept first wins: the order is by sequence number), its time, and
 * how many later copies of it are counted with it (see add).
 */
const SEQ = 0;
const NEXT_SEQ = 1;
const FRAME = 2;
const ORDER = 3;
const SECONDS = 4;
const NANOS = 5;
const COPIES = 6;
const STRIDE = 7;

/**
 * The list's own numbers, before its first segments: the index (in segments) of the first waiting
 * one and one past the last; the number sequence numbers are ordered by their distance from (the
 * first kept segment's start); how many segments were kept since the list was last empty; the
 * longest of them (how far before a byte a segment holding it can start); whether they are ordered;
 * how many copies are counted with the segments they repeat; the ACK last applied, while no segment
 * came since (-1 once one did): the same ACK again changes nothing then; the distance of the
 * start furthest back and of the end furthest on, of the segments kept since the list was empty
 * or ordered again; how many segments ACKs read one by one since the list was last in order.
 */
const HEAD = 0;
const END = 1;
const BASE = 2;
const KEPT = 3;
const LONGEST = 4;
const ORDERED = 5;
const COPIES_COUNTED = 6;
const LAST_ACK = 7;
const LOWEST = 8;
const HIGHEST = 9;
const READ_ONE_BY_ONE = 10;
const HEADER = 11;

/**
 * A direction seldom has more than two segments waiting at once (a request and its last data, a
 * FIN behind its data): that many sit among its connection's numbers, and more move to an array
 * of the direction's own (its spill), twice as large each time it fills. Every connection carries
 * the room, and a flood connection lives long enough for it to be copied into the old generation:
 * room for four cost summary about 4% more time on a SYN flood and on the generated capture.
 */
export const INLINE_SEGMENTS = 2;
/**
 * How many of the segments that may hold a byte a search reads from each end of their run (the
 * earliest starting and the latest): every one while they are at most twice this many, as in any
 * real capture. A list of thousands of segments all starting near one byte (the same bytes sent
 * again and again in lengths that differ) would make every search read them all.
 */
const HOLDING_SCAN = 64;
/** A spill that grew past this many segments is dropped when the list empties (a burst is over); a smaller one is kept for the next. */
const KEEP_SPILL_UP_TO = 64;

/** How many numbers a list takes among its connection's (UnackedSegments.attach). */
export const UNACKED_NUMBERS = HEADER + INLINE_SEGMENTS * STRIDE;

/** The length of a list's first spill (twice the segments its connection's numbers hold): the one most lists ever need. */
const FIRST_SPILL_LENGTH = INLINE_SEGMENTS * 2 * STRIDE;
/** At most this many first spills let go of wait to be reused. */
const MAX_SPARE_SPILLS = 1024;

/**
 * First spills of lists let go of, for lists that fill later: a Float64Array of that size has its
 * memory outside the heap, slower to make and to free than to reuse (what it held is never read:
 * a list reads only the places it wrote). Shared by the lists one analysis points at its connections.
 */
export class SpareSpills {
  readonly #spills: Float64Array[] = [];

  /** A spill of `length` numbers: a spare one if any has that length. */
  take(length: number): Float64Array {
    return (length === FIRST_SPILL_LENGTH ? this.#spills.pop() : undefined) ?? new Float64Array(length);
  }

  /** A spill no list holds any more, kept if a first spill and there are few. */
  spare(spill: Float64Array | undefined): void {
    if (spill?.length === FIRST_SPILL_LENGTH && this.#spills.length < MAX_SPARE_SPILLS) this.#spills.push(spill);
  }
}

/**
 * The segments of one direction the peer has not acknowledged yet: what Wireshark keeps to measure
 * the ACK RTT (tcp.analysis.ack_rtt, acks_frame) and the bytes in flight. Bounded as Wireshark
 * bounds it; an ACK drops every segment it covers.
 *
 * Kept in order of sequence number, so that an ACK reads only the segments it
 * covers and a retransmission's original is found by binary search: scanning them all made 200,000
 * duplicate ACKs over 10,000 waiting segments, or 160,000 segments sent last byte first, take time
 * proportional to both numbers multiplied (docs/performance.md). A copy of the waiting segment
 * just before its place (the same first and last byte) is counted with it rather than kept: the
 * older copy answers every question first. Should the segments come to span more than half the
 * circle of sequence numbers (MAX_SPAN: 2 GB unacknowledged), every operation scans, until the
 * list is empty again or an ACK has left it within MAX_SPAN (REORDER_AFTER_READS).
 *
 * The list is a view of numbers its connection keeps (UNACKED_NUMBERS of them, all 0 to start
 * empty) and of its spill, if any: no object per direction. An ACK or a search answers by filling
 * the caller's record: none is made.
 */
export class UnackedSegments {
  readonly #spares: SpareSpills;
  /** The numbers holding the list's own numbers at `at`, and its first segments after them. */
  #numbers: Float64Array = new Float64Array(UNACKED_NUMBERS);
  #at = 0;
  #spill: Float64Array | undefined;
  /** Where the segments are (the spill if any, else the numbers), from index `origin`, room for `capacity`. */
  #slots: Float64Array = this.#numbers;
  #origin = HEADER;
  #capacity = INLINE_SEGMENTS;

  /** A list of its own (for a view, attach points it at a connection's), which takes its spills from `spares` and gives them back. */
  constructor(spares = new SpareSpills()) {
    this.#spares = spares;
  }

  /** Read and change the list at `at` in `numbers`, with its spill; what it spills to from then on is `spill` (read it after). */
  attach(numbers: Float64Array, at: number, spill: Float64Array | undefined): void {
    this.#numbers = numbers;
    this.#at = at;
    this.useSpill(spill);
  }

  /** The array the segments that did not fit went to, if any: its connection keeps it. */
  get spill(): Float64Array | undefined {
    return this.#spill;
  }

  /** The segments waiting, copies counted. */
  get size(): number {
    return this.end - this.head + this.copiesCounted;
  }

  /** Kept in order of sequence number (else every ACK and search reads every segment, until the list empties or is put back in order). */
  get inOrder(): boolean {
    return this.ordered;
  }

  /** Room for one more: fewer than MAX_UNACKED_SEGMENTS are waiting (else ACKs are not being seen). */
  get hasRoom(): boolean {
    return this.size < MAX_UNACKED_SEGMENTS;
  }

  /** Keep the segment of `frame` sent at `seconds` and `nanos`, from `seq` up to `nextSeq`. */
  add(frame: number, seq: number, nextSeq: number, seconds: number, nanos: number): void {
    if (this.size === 0) this.restartAt(seq);
    this.#numbers[this.#at + LAST_ACK] = -1;
    this.longest = Math.max(this.longest, seqDiff(nextSeq, seq));
    if (this.ordered) this.widen(seq, nextSeq);
    const ordered = this.ordered;
    let at = ordered ? this.placeFor(this.distance(seq)) : this.end;
    const kept = this.#numbers[this.#at + KEPT]!;
    this.#numbers[this.#at + KEPT] = kept + 1;
    // A copy of the one before (a retransmission of it): the older answers first for any byte or ACK, and both leave at once.
    if (ordered && at > this.head && this.seqOf(at - 1) === seq && this.nextSeqOf(at - 1) === nextSeq) {
      this.#slots[this.#origin + (at - 1) * STRIDE + COPIES]!++;
      this.copiesCounted++;
      return;
    }
    if (this.end === this.#capacity) {
      // The waiting segments move to the front, and `at` with them.
      at -= this.head;
      this.makeRoom();
    }
    this.place(at, frame, seq, nextSeq, seconds, nanos, kept);
  }

  /** Put a new segment at `at`, moving those after it. */
  private place(
    at: number,
    frame: number,
    seq: number,
    nextSeq: number,
    seconds: number,
    nanos: number,
    kept: number,
  ): void {
    let place = at;
    if (at === this.end) this.end = at + 1;
    else if (at === this.head && this.head > 0) place = --this.head;
    else {
      // Those starting after it move one place on, in one move of memory.
      const from = this.#origin + at * STRIDE;
      this.#slots.copyWithin(from + STRIDE, from, this.#origin + this.end * STRIDE);
      this.end++;
    }
    const slots = this.#slots;
    const i = this.#origin + place * STRIDE;
    slots[i + SEQ] = seq;
    slots[i + NEXT_SEQ] = nextSeq;
    slots[i + FRAME] = frame;
    slots[i + ORDER] = kept;
    slots[i + SECONDS] = seconds;
    slots[i + NANOS] = nanos;
    slots[i + COPIES] = 0;
  }

  /**
   * The oldest waiting segment that holds byte `seq`, if any (the likely original of a
   * retransmission), into `found`; when over 2 * HOLDING_SCAN segments may hold it, the oldest of
   * the first HOLDING_SCAN and the last HOLDING_SCAN of them in the list's order (by where they
   * start while it is ordered; as kept once it is not, when every segment may hold it).
   */
  holding(seq: number, found: UnackedSegment): boolean {
    if (this.size === 0) return false;
    let from = this.head;
    let to = this.end;
    if (this.ordered) {
      if (!this.comparable(seq)) return false;
      const byte = this.distance(seq);
      // Only segments starting at most `longest` before the byte can reach it.
      to = this.firstAfter(byte);
      from = this.firstAfter(byte - this.longest);
    }
    // The first and the last candidates: every one of them in all but a pathological list.
    const firstEnd = Math.min(to, from + HOLDING_SCAN);
    const lastStart = Math.max(firstEnd, to - HOLDING_SCAN);
    const oldest = this.olderHolding(this.oldestHolding(from, firstEnd, seq), this.oldestHolding(lastStart, to, seq));
    if (oldest >= 0) this.copy(oldest, found);
    return oldest >= 0;
  }

  /**
   * An ACK arrives (packet-tcp.c, "remove all segments this ACKs"): a segment ending exactly at
   * `ack` is the one acknowledged (the oldest such, when it was sent more than once); every segment
   * ending at or before `ack` is dropped; one that `ack` cuts keeps only its unacknowledged part.
   * Sequence numbers compare modulo 2^32, so an ack field far from the segments (a SYN's zero)
   * can drop them as Wireshark does. Whether one was acknowledged: it is copied into `acked`.
   */
  acknowledge(ack: number, acked: UnackedSegment): boolean {
    // The same ACK again, with no segment kept since, changes nothing: read segment by segment
    // (the list unordered), each of thousands of duplicate ACKs read every segment kept.
    if (this.size === 0 || this.#numbers[this.#at + LAST_ACK] === ack) return false;
    this.#numbers[this.#at + LAST_ACK] = ack;
    const acknowledged =
      this.ordered && this.comparable(ack) ? this.acknowledgeCovered(ack, acked) : this.acknowledgeEach(ack, acked);
    if (this.size === 0) this.empty();
    return acknowledged;
  }

  /** Forget everything and drop the spill (the connection can no longer be looked up). */
  clear(): void {
    this.head = 0;
    this.end = 0;
    this.copiesCounted = 0;
    this.useSpill(undefined);
  }

  /** Every segment was acknowledged: a large spill goes, a small one is kept for the next segments. */
  private empty(): void {
    this.head = 0;
    this.end = 0;
    if (this.#capacity > KEEP_SPILL_UP_TO) this.useSpill(undefined);
  }

  /**
   * The last place is taken: the waiting segments move to the front when that frees at least
   * half the places (so moves cost no more than the adds that need them), else to a spill twice
   * as large.
   */
  private makeRoom(): void {
    const size = this.end - this.head;
    const first = this.#origin + this.head * STRIDE;
    const last = this.#origin + this.end * STRIDE;
    if (size * 2 <= this.#capacity) this.#slots.copyWithin(this.#origin, first, last);
    else {
      const spill = this.#spares.take(this.#capacity * 2 * STRIDE);
      // Number by number: a subarray to copy from would be an object of its own.
      for (let i = first; i < last; i++) spill[i - first] = this.#slots[i]!;
      this.#spares.spare(this.#spill);
      this.useSpill(spill);
    }
    this.head = 0;
    this.end = size;
  }

  private useSpill(spill: Float64Array | undefined): void {
    this.#spill = spill;
    this.#slots = spill ?? this.#numbers;
    this.#origin = spill === undefined ? this.#at + HEADER : 0;
    this.#capacity = spill === undefined ? INLINE_SEGMENTS : spill.length / STRIDE;
  }

  /**
   * Only the segments starting before the ACK are touched (they come first): each is dropped or
   * cut. The cut ones start at the ACK now, not after any segment left: they go back in front, in
   * their order, into the places of the dropped ones.
   */
  private acknowledgeCovered(ack: number, acked: UnackedSegment): boolean {
    const covered = this.distance(ack);
    const head = this.head;
    const end = this.end;
    let acknowledged = -1;
    let at = head;
    for (; at < end && this.distance(this.seqOf(at)) < covered; at++) {
      if (this.nextSeqOf(at) === ack && (acknowledged < 0 || this.orderOf(at) < this.orderOf(acknowledged)))
        acknowledged = at;
    }
    if (acknowledged >= 0) this.copy(acknowledged, acked);
    let front = at;
    for (let from = at - 1; from >= head; from--) {
      const nextSeq = this.nextSeqOf(from);
      if (nextSeq === ack || this.distance(nextSeq) <= covered) {
        this.dropped(from);
        continue;
      }
      this.move(from, --front);
      this.#slots[this.#origin + front * STRIDE + SEQ] = ack;
    }
    this.head = front;
    return acknowledged >= 0;
  }

  /** Every segment on its own (the ACK or a segment is too far off to be ordered by distance); the order kept stays. */
  private acknowledgeEach(ack: number, acked: UnackedSegment): boolean {
    let acknowledgedOrder = -1;
    let kept = this.head;
    const end = this.end;
    for (let at = this.head; at < end; at++) {
      const seq = this.seqOf(at);
      const nextSeq = this.nextSeqOf(at);
      if (ack === nextSeq) {
        // Copied now: the segment is dropped, and its place may take another.
        if (acknowledgedOrder < 0 || this.orderOf(at) < acknowledgedOrder) {
          acknowledgedOrder = this.orderOf(at);
          this.copy(at, acked);
        }
        this.dropped(at);
        continue;
      }
      const cut = wiresharkSeqGt(ack, seq) && seqLe(ack, nextSeq);
      if (!cut && !wiresharkSeqGt(nextSeq, ack)) {
        this.dropped(at);
        continue;
      }
      this.move(at, kept);
      if (cut) this.#slots[this.#origin + kept * STRIDE + SEQ] = ack;
      kept++;
    }
    this.end = kept;
    if (!this.ordered && kept > this.head) this.countReads(end - this.head, ack);
    return acknowledgedOrder >= 0;
  }

  /** An ACK read `count` segments one by one: once they add up (REORDER_AFTER_READS), the list is put in order from it if it can be. */
  private countReads(count: number, ack: number): void {
    const numbers = this.#numbers;
    const at = this.#at;
    const read = numbers[at + READ_ONE_BY_ONE]! + count;
    if (read < REORDER_AFTER_READS * (this.end - this.head)) numbers[at + READ_ONE_BY_ONE] = read;
    else this.reorderFrom(ack);
  }

  /**
   * The waiting segments in order of their distance from `base` (those starting together in the
   * order they were kept), when they span at most MAX_SPAN from it with no end HALF or more on:
   * ordered from then on, as if kept so from the start.
   */
  private reorderFrom(base: number): void {
    const numbers = this.#numbers;
    const at = this.#at;
    const head = this.head;
    const count = this.end - head;
    numbers[at + READ_ONE_BY_ONE] = 0;
    let lowest = HALF;
    let highest = -HALF;
    for (let i = head; i < head + count; i++) {
      const start = seqDiff(this.seqOf(i), base);
      lowest = Math.min(lowest, start);
      highest = Math.max(highest, start + seqDiff(this.nextSeqOf(i), this.seqOf(i)));
    }
    if (highest >= HALF || highest - lowest > MAX_SPAN) return;
    const places = Array.from({ length: count }, (_, i) => head + i);
    places.sort(
      (a, b) => seqDiff(this.seqOf(a), base) - seqDiff(this.seqOf(b), base) || this.orderOf(a) - this.orderOf(b),
    );
    const slots = this.#slots;
    const origin = this.#origin;
    const waiting = slots.slice(origin + head * STRIDE, origin + (head + count) * STRIDE);
    for (let i = 0; i < count; i++) {
      const from = (places[i]! - head) * STRIDE;
      for (let field = 0; field < STRIDE; field++) slots[origin + i * STRIDE + field] = waiting[from + field]!;
    }
    this.head = 0;
    this.end = count;
    numbers[at + BASE] = base;
    numbers[at + LOWEST] = lowest;
    numbers[at + HIGHEST] = highest;
    this.ordered = true;
  }

  /** Of two indices of segments holding a byte (-1: none), the one kept first. */
  private olderHolding(one: number, other: number): number {
    if (one < 0) return other;
    return other < 0 || this.orderOf(one) < this.orderOf(other) ? one : other;
  }

  /** The first kept one in [from, to) that holds byte `seq`, or -1. */
  private oldestHolding(from: number, to: number, seq: number): number {
    const byte = this.distance(seq);
    const ordered = this.ordered;
    let found = -1;
    for (let at = from; at < to; at++) {
      if (found >= 0 && this.orderOf(at) > this.orderOf(found)) continue;
      // In order, a segment before `to` starts at or before the byte: it holds it if it ends after.
      const holds = ordered
        ? this.distance(this.nextSeqOf(at)) > byte
        : seqLe(this.seqOf(at), seq) && wiresharkSeqGt(this.nextSeqOf(at), seq);
      if (holds) found = at;
    }
    return found;
  }

  /**
   * Where a segment starting at `distance` goes in the ordered list: after the last one when it
   * starts no earlier (data sent in order, by far the most), else where firstAfter finds.
   */
  private placeFor(distance: number): number {
    const end = this.end;
    return end === this.head || this.distance(this.seqOf(end - 1)) <= distance ? end : this.firstAfter(distance);
  }

  /** The index of the first segment starting after `distance` (binary search over the ordered segments). */
  private firstAfter(distance: number): number {
    let low = this.head;
    let high = this.end;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.distance(this.seqOf(middle)) > distance) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private get head(): number {
    return this.#numbers[this.#at + HEAD]!;
  }
  private set head(index: number) {
    this.#numbers[this.#at + HEAD] = index;
  }

  private get end(): number {
    return this.#numbers[this.#at + END]!;
  }
  private set end(index: number) {
    this.#numbers[this.#at + END] = index;
  }

  private get longest(): number {
    return this.#numbers[this.#at + LONGEST]!;
  }
  private set longest(length: number) {
    this.#numbers[this.#at + LONGEST] = length;
  }

  private get copiesCounted(): number {
    return this.#numbers[this.#at + COPIES_COUNTED]!;
  }
  private set copiesCounted(count: number) {
    this.#numbers[this.#at + COPIES_COUNTED] = count;
  }

  /** The segment at `at` leaves (an ACK covered it): so do the copies counted with it. */
  private dropped(at: number): void {
    const copies = this.#slots[this.#origin + at * STRIDE + COPIES]!;
    if (copies > 0) this.copiesCounted -= copies;
  }

  private get ordered(): boolean {
    return this.#numbers[this.#at + ORDERED] !== 0;
  }
  private set ordered(ordered: boolean) {
    this.#numbers[this.#at + ORDERED] = ordered ? 1 : 0;
  }

  private seqOf(at: number): number {
    return this.#slots[this.#origin + at * STRIDE + SEQ]!;
  }

  private nextSeqOf(at: number): number {
    return this.#slots[this.#origin + at * STRIDE + NEXT_SEQ]!;
  }

  private orderOf(at: number): number {
    return this.#slots[this.#origin + at * STRIDE + ORDER]!;
  }

  private copy(at: number, into: UnackedSegment): void {
    const slots = this.#slots;
    const i = this.#origin + at * STRIDE;
    into.frame = asSmallInteger(slots[i + FRAME]!);
    into.seq = slots[i + SEQ]!;
    into.nextSeq = slots[i + NEXT_SEQ]!;
    into.seconds = slots[i + SECONDS]!;
    into.nanos = slots[i + NANOS]!;
  }

  private move(from: number, to: number): void {
    if (from === to) return;
    const origin = this.#origin;
    this.#slots.copyWithin(origin + to * STRIDE, origin + from * STRIDE, origin + (from + 1) * STRIDE);
  }

  private distance(seq: number): number {
    return seqDiff(seq, this.#numbers[this.#at + BASE]!);
  }

  /**
   * A new segment widens the span the ordered segments cover: past MAX_SPAN, or with an end that
   * is HALF or more on (its distance would wrap), they are read segment by segment from then on.
   */
  private widen(seq: number, nextSeq: number): void {
    const numbers = this.#numbers;
    const at = this.#at;
    const start = this.distance(seq);
    const end = start + seqDiff(nextSeq, seq);
    const lowest = Math.min(numbers[at + LOWEST]!, start);
    const highest = Math.max(numbers[at + HIGHEST]!, end);
    if (end >= HALF || highest - lowest > MAX_SPAN) {
      this.ordered = false;
      return;
    }
    numbers[at + LOWEST] = lowest;
    numbers[at + HIGHEST] = highest;
  }

  /** Less than HALF from every number of the ordered segments: compared with them by distance. */
  private comparable(seq: number): boolean {
    const distance = this.distance(seq);
    return distance > this.#numbers[this.#at + HIGHEST]! - HALF && distance < this.#numbers[this.#at + LOWEST]! + HALF;
  }

  private restartAt(seq: number): void {
    const numbers = this.#numbers;
    const at = this.#at;
    numbers[at + HEAD] = 0;
    numbers[at + END] = 0;
    numbers[at + BASE] = seq;
    numbers[at + KEPT] = 0;
    numbers[at + LONGEST] = 0;
    numbers[at + ORDERED] = 1;
    numbers[at + COPIES_COUNTED] = 0;
    numbers[at + LAST_ACK] = -1;
    numbers[at + LOWEST] = 0;
    numbers[at + HIGHEST] = 0;
    numbers[at + READ_ONE_BY_ONE] = 0;
  }
}
