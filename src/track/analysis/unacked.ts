import type { Timestamp } from "../../capture/timestamp.js";
import { seqDiff, seqLe, wiresharkSeqGt } from "../seq.js";
import { truncate } from "../truncate.js";

/** One segment sent in a direction and not yet acknowledged (packet-tcp.c tcp_unacked_t). */
export interface UnackedSegment {
  frame: number;
  /** First unacknowledged byte: moves forward when an ACK covers part of the segment. */
  seq: number;
  /** seq + len, plus one for SYN or FIN. */
  nextSeq: number;
  time: Timestamp;
}

/** A kept segment and when it was kept: of two that answer, the one kept first wins (the list's order is by sequence number). */
interface Kept extends UnackedSegment {
  order: number;
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
 */
export class UnackedSegments {
  /** The kept segments from `head` on, by distance of seq from `base`. */
  private segments: Kept[] = [];
  private head = 0;
  /** Sequence numbers are ordered by their distance from this one (the first kept segment's start). */
  private base = 0;
  /** How many segments were kept since the list was last empty. */
  private kept = 0;
  /** The longest segment kept since: how far before a byte a segment holding it can start. */
  private longest = 0;
  private ordered = true;

  get size(): number {
    return this.segments.length - this.head;
  }

  /** Room for one more: fewer than MAX_UNACKED_SEGMENTS are waiting (else ACKs are not being seen). */
  get hasRoom(): boolean {
    return this.size < MAX_UNACKED_SEGMENTS;
  }

  /** Keep the segment of `frame` sent at `time`, from `seq` up to `nextSeq`. */
  add(frame: number, seq: number, nextSeq: number, time: Timestamp): void {
    if (this.size === 0) this.restartAt(seq);
    const kept: Kept = { frame, seq, nextSeq, time, order: this.kept++ };
    this.longest = Math.max(this.longest, seqDiff(kept.nextSeq, kept.seq));
    if (this.ordered && !this.isNear(kept.seq, NEAR)) this.ordered = false;
    if (!this.ordered) {
      this.segments.push(kept);
      return;
    }
    const at = this.firstAfter(this.distance(kept.seq));
    if (at === this.segments.length) this.segments.push(kept);
    else if (at === this.head && this.head > 0) this.segments[--this.head] = kept;
    else this.segments.splice(at, 0, kept);
  }

  /** The oldest waiting segment that holds byte `seq`, if any (the likely original of a retransmission). */
  holding(seq: number): UnackedSegment | undefined {
    if (this.size === 0) return undefined;
    if (!this.ordered)
      return this.oldest(
        this.head,
        this.segments.length,
        (segment) => seqLe(segment.seq, seq) && wiresharkSeqGt(segment.nextSeq, seq),
      );
    if (!this.isNear(seq, NEAR_ASKED)) return undefined;
    const byte = this.distance(seq);
    // Only segments starting at most `longest` before the byte can reach it.
    let from = this.firstAfter(byte);
    while (from > this.head && this.distance(this.segments[from - 1]!.seq) > byte - this.longest) from--;
    return this.oldest(from, this.firstAfter(byte), (segment) => this.distance(segment.nextSeq) > byte);
  }

  /**
   * An ACK arrives (packet-tcp.c, "remove all segments this ACKs"): a segment ending exactly at
   * `ack` is the one acknowledged (the oldest such, when it was sent more than once); every segment
   * ending at or before `ack` is dropped; one that `ack` cuts keeps only its unacknowledged part.
   * Sequence numbers compare modulo 2^32, so an ack field far from the segments (a SYN's zero)
   * can drop them as Wireshark does.
   */
  acknowledge(ack: number): UnackedSegment | undefined {
    if (this.size === 0) return undefined;
    const acknowledged =
      this.ordered && this.isNear(ack, NEAR_ASKED) ? this.acknowledgeCovered(ack) : this.acknowledgeEach(ack);
    if (this.size === 0) this.empty();
    else if (this.head > COMPACT_AFTER && this.head * 2 > this.segments.length) this.dropTaken();
    return acknowledged;
  }

  /** Forget everything and free the list (the connection can no longer be looked up). */
  clear(): void {
    // Setting the length costs a call into the runtime even when there is nothing to drop.
    if (this.segments.length > 0) this.segments.length = 0;
    this.head = 0;
  }

  /** Every segment was acknowledged: the list is kept for the next ones (truncate.ts). */
  private empty(): void {
    truncate(this.segments, 0);
    this.head = 0;
  }

  /** Only the segments starting before the ACK are touched (they come first): each is dropped or cut. */
  private acknowledgeCovered(ack: number): UnackedSegment | undefined {
    const covered = this.distance(ack);
    const segments = this.segments;
    let acknowledged: Kept | undefined;
    let cut: Kept[] | undefined;
    let at = this.head;
    for (; at < segments.length && this.distance(segments[at]!.seq) < covered; at++) {
      const segment = segments[at]!;
      if (segment.nextSeq === ack) {
        if (acknowledged === undefined || segment.order < acknowledged.order) acknowledged = segment;
      } else if (this.distance(segment.nextSeq) > covered) {
        (cut ??= []).push({ ...segment, seq: ack });
      }
    }
    // The cut ones start at the ACK now, not after any segment left: they go back in front.
    this.head = at - (cut?.length ?? 0);
    cut?.forEach((segment, i) => {
      segments[this.head + i] = segment;
    });
    return acknowledged;
  }

  /** Every segment on its own (the ACK or a segment is too far off to be ordered by distance); the order kept stays. */
  private acknowledgeEach(ack: number): UnackedSegment | undefined {
    const segments = this.segments;
    let acknowledged: Kept | undefined;
    let kept = this.head;
    for (let at = this.head; at < segments.length; at++) {
      const segment = segments[at]!;
      if (ack === segment.nextSeq) {
        if (acknowledged === undefined || segment.order < acknowledged.order) acknowledged = segment;
      } else if (wiresharkSeqGt(ack, segment.seq) && seqLe(ack, segment.nextSeq))
        segments[kept++] = { ...segment, seq: ack };
      else if (wiresharkSeqGt(segment.nextSeq, ack)) segments[kept++] = segment;
    }
    truncate(segments, kept);
    return acknowledged;
  }

  /** The first kept one in [from, to) that passes `test`. */
  private oldest(from: number, to: number, test: (segment: Kept) => boolean): UnackedSegment | undefined {
    let found: Kept | undefined;
    for (let at = from; at < to; at++) {
      const segment = this.segments[at]!;
      if ((found === undefined || segment.order < found.order) && test(segment)) found = segment;
    }
    return found;
  }

  /** The index of the first segment starting after `distance` (binary search over the ordered segments). */
  private firstAfter(distance: number): number {
    let low = this.head;
    let high = this.segments.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.distance(this.segments[middle]!.seq) > distance) high = middle;
      else low = middle + 1;
    }
    return low;
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
    this.segments.splice(0, this.head);
    this.head = 0;
  }
}
