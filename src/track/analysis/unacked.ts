import type { Timestamp } from "../../capture/timestamp.js";
import { seqLe, wiresharkSeqGt } from "../seq.js";

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
 * The segments of one direction the peer has not acknowledged yet, oldest first: what Wireshark
 * keeps to measure the ACK RTT (tcp.analysis.ack_rtt, acks_frame) and the bytes in flight.
 * Bounded as Wireshark bounds it; an ACK drops every segment it covers.
 */
export class UnackedSegments {
  private readonly segments: UnackedSegment[] = [];

  get size(): number {
    return this.segments.length;
  }

  /** Room for one more: fewer than MAX_UNACKED_SEGMENTS are waiting (else ACKs are not being seen). */
  get hasRoom(): boolean {
    return this.segments.length < MAX_UNACKED_SEGMENTS;
  }

  add(segment: UnackedSegment): void {
    this.segments.push(segment);
  }

  /** The oldest waiting segment that holds byte `seq`, if any (the likely original of a retransmission). */
  holding(seq: number): UnackedSegment | undefined {
    return this.segments.find((segment) => seqLe(segment.seq, seq) && wiresharkSeqGt(segment.nextSeq, seq));
  }

  /**
   * An ACK arrives (packet-tcp.c, "remove all segments this ACKs"): a segment ending exactly at
   * `ack` is the one acknowledged (the oldest such, when it was sent more than once); every segment
   * ending at or before `ack` is dropped; one that `ack` cuts keeps only its unacknowledged part.
   * Sequence numbers compare modulo 2^32, so an ack field far from the segments (a SYN's zero)
   * can drop them as Wireshark does.
   */
  acknowledge(ack: number): UnackedSegment | undefined {
    const segments = this.segments;
    if (segments.length === 0) return undefined;
    let acknowledged: UnackedSegment | undefined;
    // Those still waiting are moved down in place: an ACK comes with nearly every segment.
    let kept = 0;
    for (const segment of segments) {
      if (ack === segment.nextSeq) acknowledged ??= segment;
      else if (wiresharkSeqGt(ack, segment.seq) && seqLe(ack, segment.nextSeq)) segments[kept++] = { ...segment, seq: ack };
      else if (wiresharkSeqGt(segment.nextSeq, ack)) segments[kept++] = segment;
    }
    segments.length = kept;
    return acknowledged;
  }

  /** Forget everything (the connection can no longer be looked up). */
  clear(): void {
    // Setting the length costs a call into the runtime even when there is nothing to drop.
    if (this.segments.length > 0) this.segments.length = 0;
  }
}
