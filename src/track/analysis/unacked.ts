import type { Timestamp } from "../../capture/timestamp.js";
import { seqDiff, seqLe, wiresharkSeqGt } from "../seq.js";
import { truncate } from "../truncate.js";
import { asSmallInteger } from "./small-integer.js";

/** One segment sent in a direction and not yet acknowledged (packet-tcp.c tcp_unacked_t). */
export interface UnackedSegment {
  frame: number;
  /** First unacknowledged byte: moves forward when an ACK covers part of the segment. */
  seq: number;
  /** seq + len, plus one for SYN or FIN. */
  nextSeq: number;
  time: Timestamp;
}

/** Wireshark's TCP_MAX_UNACKED_SEGMENTS: past this many, new segments are not remembered. */
export const MAX_UNACKED_SEGMENTS = 10000;

/**
 * Kept segments start within this distance of the base, and a number asked about within twice it
 * is compared by plain distance from the base: any two such numbers are less than 2^31 apart, where
 * comparing modulo 2^32 (RFC 9293 §3.4) and comparing distances agree. A segment is at most 2^16
 * long, so a number further off can be in none of them.
 */
const NEAR = 2 ** 29;
const NEAR_ASKED = 2 ** 30;
/** Taken slots at the front are dropped once there are this many and they are half the array. */
const COMPACT_AFTER = 1024;

/**
 * A kept segment is six numbers side by side in one array: its seq and nextSeq, its frame, when
 * it was kept (of two that answer, the one kept first wins: the order is by sequence number), and
 * its time. Numbers in an array of numbers need no object each, as a segment kept as one did.
 */
const SEQ = 0;
const NEXT_SEQ = 1;
const FRAME = 2;
const ORDER = 3;
const SECONDS = 4;
const NANOS = 5;
const STRIDE = 6;

/**
 * The segments of one direction the peer has not acknowledged yet: what Wireshark keeps to measure
 * the ACK RTT (tcp.analysis.ack_rtt, acks_frame) and the bytes in flight. Bounded as Wireshark
 * bounds it; an ACK drops every segment it covers.
 *
 * Kept in order of sequence number, so that an ACK reads only the segments it
 * covers and a retransmission's original is found by binary search: scanning them all made 200,000
 * duplicate ACKs over 10,000 waiting segments, or 160,000 segments sent last byte first, take time
 * proportional to both numbers multiplied (docs/performance.md). Should a segment lie too far from
 * the others for that order (half a gigabyte unacknowledged), every operation scans, until the
 * list is empty again.
 *
 * An ACK or a search answers by filling the caller's record (its time too): none is made.
 */
export class UnackedSegments {
  /** The kept segments, STRIDE numbers each; those from `head` to `end` are waiting, by distance of seq from `base`. */
  private readonly slots: number[] = [];
  /** Index (in segments) of the first waiting one, and one past the last. */
  private head = 0;
  private end = 0;
  /** Sequence numbers are ordered by their distance from this one (the first kept segment's start). */
  private base = 0;
  /** How many segments were kept since the list was last empty. */
  private kept = 0;
  /** The longest segment kept since: how far before a byte a segment holding it can start. */
  private longest = 0;
  private ordered = true;

  get size(): number {
    return this.end - this.head;
  }

  /** Room for one more: fewer than MAX_UNACKED_SEGMENTS are waiting (else ACKs are not being seen). */
  get hasRoom(): boolean {
    return this.size < MAX_UNACKED_SEGMENTS;
  }

  /** Keep the segment of `frame` sent at `time`, from `seq` up to `nextSeq`. */
  add(frame: number, seq: number, nextSeq: number, time: Timestamp): void {
    if (this.size === 0) this.restartAt(seq);
    this.longest = Math.max(this.longest, seqDiff(nextSeq, seq));
    if (this.ordered && !this.isNear(seq, NEAR)) this.ordered = false;
    const at = this.ordered ? this.firstAfter(this.distance(seq)) : this.end;
    let place = at;
    if (at === this.end) this.grow();
    else if (at === this.head && this.head > 0) place = --this.head;
    else {
      // Those starting after it move one place on, in one move of memory: copyWithin on an array
      // of numbers moves them one by one, quadratic for segments sent in descending order.
      this.slots.splice(at * STRIDE, 0, 0, 0, 0, 0, 0, 0);
      this.end++;
    }
    const i = place * STRIDE;
    const slots = this.slots;
    slots[i + SEQ] = seq;
    slots[i + NEXT_SEQ] = nextSeq;
    slots[i + FRAME] = frame;
    slots[i + ORDER] = this.kept++;
    slots[i + SECONDS] = time.seconds;
    slots[i + NANOS] = time.nanos;
  }

  /** The oldest waiting segment that holds byte `seq`, if any (the likely original of a retransmission), into `found`. */
  holding(seq: number, found: UnackedSegment): boolean {
    if (this.size === 0) return false;
    let from = this.head;
    let to = this.end;
    if (this.ordered) {
      if (!this.isNear(seq, NEAR_ASKED)) return false;
      const byte = this.distance(seq);
      // Only segments starting at most `longest` before the byte can reach it.
      to = this.firstAfter(byte);
      from = to;
      while (from > this.head && this.distance(this.seqOf(from - 1)) > byte - this.longest) from--;
    }
    const oldest = this.oldestHolding(from, to, seq);
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
    if (this.size === 0) return false;
    const acknowledged =
      this.ordered && this.isNear(ack, NEAR_ASKED)
        ? this.acknowledgeCovered(ack, acked)
        : this.acknowledgeEach(ack, acked);
    if (this.size === 0) this.empty();
    else if (this.head > COMPACT_AFTER && this.head * 2 > this.end) this.dropTaken();
    return acknowledged;
  }

  /** Forget everything and free the list (the connection can no longer be looked up). */
  clear(): void {
    // Setting the length costs a call into the runtime even when there is nothing to drop.
    if (this.slots.length > 0) this.slots.length = 0;
    this.head = 0;
    this.end = 0;
  }

  /** Every segment was acknowledged: the list is kept for the next ones (truncate.ts). */
  private empty(): void {
    truncate(this.slots, 0);
    this.head = 0;
    this.end = 0;
  }

  /**
   * Only the segments starting before the ACK are touched (they come first): each is dropped or
   * cut. The cut ones start at the ACK now, not after any segment left: they go back in front, in
   * their order, into the places of the dropped ones.
   */
  private acknowledgeCovered(ack: number, acked: UnackedSegment): boolean {
    const covered = this.distance(ack);
    let acknowledged = -1;
    let at = this.head;
    for (; at < this.end && this.distance(this.seqOf(at)) < covered; at++) {
      if (this.nextSeqOf(at) === ack && (acknowledged < 0 || this.orderOf(at) < this.orderOf(acknowledged)))
        acknowledged = at;
    }
    if (acknowledged >= 0) this.copy(acknowledged, acked);
    let front = at;
    for (let from = at - 1; from >= this.head; from--) {
      const nextSeq = this.nextSeqOf(from);
      if (nextSeq === ack || this.distance(nextSeq) <= covered) continue;
      this.move(from, --front);
      this.slots[front * STRIDE + SEQ] = ack;
    }
    this.head = front;
    return acknowledged >= 0;
  }

  /** Every segment on its own (the ACK or a segment is too far off to be ordered by distance); the order kept stays. */
  private acknowledgeEach(ack: number, acked: UnackedSegment): boolean {
    let acknowledgedOrder = -1;
    let kept = this.head;
    for (let at = this.head; at < this.end; at++) {
      const seq = this.seqOf(at);
      const nextSeq = this.nextSeqOf(at);
      if (ack === nextSeq) {
        // Copied now: the segment is dropped, and its place may take another.
        if (acknowledgedOrder < 0 || this.orderOf(at) < acknowledgedOrder) {
          acknowledgedOrder = this.orderOf(at);
          this.copy(at, acked);
        }
        continue;
      }
      const cut = wiresharkSeqGt(ack, seq) && seqLe(ack, nextSeq);
      if (!cut && !wiresharkSeqGt(nextSeq, ack)) continue;
      this.move(at, kept);
      if (cut) this.slots[kept * STRIDE + SEQ] = ack;
      kept++;
    }
    this.end = kept;
    truncate(this.slots, kept * STRIDE);
    return acknowledgedOrder >= 0;
  }

  /** The first kept one in [from, to) that holds byte `seq`, or -1. */
  private oldestHolding(from: number, to: number, seq: number): number {
    const byte = this.distance(seq);
    let found = -1;
    for (let at = from; at < to; at++) {
      if (found >= 0 && this.orderOf(at) > this.orderOf(found)) continue;
      // In order, a segment before `to` starts at or before the byte: it holds it if it ends after.
      const holds = this.ordered
        ? this.distance(this.nextSeqOf(at)) > byte
        : seqLe(this.seqOf(at), seq) && wiresharkSeqGt(this.nextSeqOf(at), seq);
      if (holds) found = at;
    }
    return found;
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

  private seqOf(at: number): number {
    return this.slots[at * STRIDE + SEQ]!;
  }

  private nextSeqOf(at: number): number {
    return this.slots[at * STRIDE + NEXT_SEQ]!;
  }

  private orderOf(at: number): number {
    return this.slots[at * STRIDE + ORDER]!;
  }

  private copy(at: number, into: UnackedSegment): void {
    const slots = this.slots;
    const i = at * STRIDE;
    into.frame = asSmallInteger(slots[i + FRAME]!);
    into.seq = slots[i + SEQ]!;
    into.nextSeq = slots[i + NEXT_SEQ]!;
    into.time.seconds = slots[i + SECONDS]!;
    into.time.nanos = slots[i + NANOS]!;
  }

  /** One place more at the end. */
  private grow(): void {
    for (let i = 0; i < STRIDE; i++) this.slots.push(0);
    this.end++;
  }

  private move(from: number, to: number): void {
    if (from === to) return;
    this.slots.copyWithin(to * STRIDE, from * STRIDE, (from + 1) * STRIDE);
  }

  private distance(seq: number): number {
    return seqDiff(seq, this.base);
  }

  private isNear(seq: number, limit: number): boolean {
    return Math.abs(this.distance(seq)) < limit;
  }

  private restartAt(seq: number): void {
    this.empty();
    this.base = seq;
    this.kept = 0;
    this.longest = 0;
    this.ordered = true;
  }

  private dropTaken(): void {
    this.slots.copyWithin(0, this.head * STRIDE, this.end * STRIDE);
    this.end -= this.head;
    this.head = 0;
    truncate(this.slots, this.end * STRIDE);
  }
}
