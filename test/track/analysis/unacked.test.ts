import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_UNACKED_SEGMENTS, UnackedSegments, type UnackedSegment } from "../../../src/track/analysis/unacked.js";
import { seqLe, wiresharkSeqGt } from "../../../src/track/seq.js";

const at = { seconds: 1, nanos: 0 };

/** The bounded list of unacknowledged segments (packet-tcp.c tcp_unacked_t). */
describe("unacknowledged segments", () => {
  it("drops every segment an ACK covers and returns the oldest one it ends at", () => {
    const list = new UnackedSegments();
    list.add(1, 100, 200, at);
    list.add(2, 200, 300, at);
    list.add(3, 200, 300, at);
    list.add(4, 300, 400, at);
    expect(list.acknowledge(300)?.frame).toBe(2);
    expect(list.size).toBe(1);
  });

  it("keeps the unacknowledged part of a segment an ACK cuts", () => {
    const list = new UnackedSegments();
    list.add(1, 100, 200, at);
    expect(list.acknowledge(150)).toBeUndefined();
    expect(list.holding(149)).toBeUndefined();
    expect(list.holding(150)?.frame).toBe(1);
    expect(list.acknowledge(200)?.frame).toBe(1);
    expect(list.size).toBe(0);
  });

  it("compares modulo 2^32", () => {
    const list = new UnackedSegments();
    list.add(1, 0xffffff00, 0x10, at);
    expect(list.holding(0x5)?.frame).toBe(1);
    expect(list.acknowledge(0x10)?.frame).toBe(1);
  });

  it("stops remembering at Wireshark's bound, when ACKs are not being seen", () => {
    const list = new UnackedSegments();
    for (let i = 0; list.hasRoom; i++) list.add(i, i * 10, i * 10 + 10, at);
    expect(list.size).toBe(MAX_UNACKED_SEGMENTS);
    list.acknowledge(10);
    expect(list.hasRoom).toBe(true);
  });
});

/**
 * The list as packet-tcp.c keeps it, oldest first, every operation reading every segment: what
 * the ordered list must answer the same as, whatever comes.
 */
class EverySegment {
  private segments: UnackedSegment[] = [];

  get size(): number {
    return this.segments.length;
  }

  add(segment: UnackedSegment): void {
    this.segments.push(segment);
  }

  holding(seq: number): UnackedSegment | undefined {
    return this.segments.find((segment) => seqLe(segment.seq, seq) && wiresharkSeqGt(segment.nextSeq, seq));
  }

  acknowledge(ack: number): UnackedSegment | undefined {
    let acknowledged: UnackedSegment | undefined;
    const kept: UnackedSegment[] = [];
    for (const segment of this.segments) {
      if (ack === segment.nextSeq) acknowledged ??= segment;
      else if (wiresharkSeqGt(ack, segment.seq) && seqLe(ack, segment.nextSeq)) kept.push({ ...segment, seq: ack });
      else if (wiresharkSeqGt(segment.nextSeq, ack)) kept.push(segment);
    }
    this.segments = kept;
    return acknowledged;
  }
}

type Step = { kind: "add"; at: number; len: number } | { kind: "ack"; at: number } | { kind: "holding"; at: number };

/**
 * Sequence numbers near a start just below 2^32 (so that they wrap), sometimes anywhere at all
 * (a SYN's zero ack, a jump of gigabytes): small offsets make segments overlap, repeat and cut.
 */
const somewhere = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: -40, max: 200 }) },
  { weight: 1, arbitrary: fc.nat({ max: 0xffffffff }) },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("add" as const),
    at: somewhere,
    len: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(1)),
  }),
  fc.record({ kind: fc.constant("ack" as const), at: somewhere }),
  fc.record({ kind: fc.constant("holding" as const), at: somewhere }),
);

describe("unacknowledged segments, ordered by sequence number", () => {
  it("answers every ACK and every retransmission as the list read segment by segment does", () => {
    const start = 0xffffff80;
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const ordered = new UnackedSegments();
        const reference = new EverySegment();
        steps.forEach((next, frame) => {
          const seq = (start + next.at) >>> 0;
          if (next.kind === "add") {
            const nextSeq = (seq + next.len) >>> 0;
            ordered.add(frame, seq, nextSeq, at);
            reference.add({ frame, seq, nextSeq, time: at });
          } else if (next.kind === "ack") {
            expect(ordered.acknowledge(seq)?.frame).toBe(reference.acknowledge(seq)?.frame);
          } else {
            expect(ordered.holding(seq)?.frame).toBe(reference.holding(seq)?.frame);
            expect(ordered.holding(seq)?.seq).toBe(reference.holding(seq)?.seq);
          }
          expect(ordered.size).toBe(reference.size);
        });
      }),
      { numRuns: 3000, seed: 0x7cb },
    );
  });

  it("keeps the oldest copy first when an ACK cuts segments into one that starts where it ends", () => {
    const list = new UnackedSegments();
    list.add(1, 150, 250, at);
    list.add(2, 100, 250, at);
    list.add(3, 120, 250, at);
    expect(list.acknowledge(150)).toBeUndefined();
    expect(list.holding(150)?.frame).toBe(1);
    expect(list.holding(150)?.seq).toBe(150);
    expect(list.acknowledge(250)?.frame).toBe(1);
  });
});
