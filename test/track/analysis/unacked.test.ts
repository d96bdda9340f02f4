import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_UNACKED_SEGMENTS, UnackedSegments, type UnackedSegment } from "../../../src/track/analysis/unacked.js";
import { seqLe, wiresharkSeqGt } from "../../../src/track/seq.js";

const at = { seconds: 1, nanos: 0 };

/** What the list answers, in a record of its own (undefined when it answers nothing). */
function acknowledge(list: UnackedSegments, ack: number): UnackedSegment | undefined {
  const found = { frame: 0, seq: 0, nextSeq: 0, time: { seconds: 0, nanos: 0 } };
  return list.acknowledge(ack, found) ? found : undefined;
}

function holding(list: UnackedSegments, seq: number): UnackedSegment | undefined {
  const found = { frame: 0, seq: 0, nextSeq: 0, time: { seconds: 0, nanos: 0 } };
  return list.holding(seq, found) ? found : undefined;
}

/** The bounded list of unacknowledged segments (packet-tcp.c tcp_unacked_t). */
describe("unacknowledged segments", () => {
  it("drops every segment an ACK covers and returns the oldest one it ends at", () => {
    const list = new UnackedSegments();
    list.add(1, 100, 200, at);
    list.add(2, 200, 300, at);
    list.add(3, 200, 300, at);
    list.add(4, 300, 400, at);
    expect(acknowledge(list, 300)?.frame).toBe(2);
    expect(list.size).toBe(1);
  });

  it("keeps the unacknowledged part of a segment an ACK cuts", () => {
    const list = new UnackedSegments();
    list.add(1, 100, 200, at);
    expect(acknowledge(list, 150)).toBeUndefined();
    expect(holding(list, 149)).toBeUndefined();
    expect(holding(list, 150)?.frame).toBe(1);
    expect(acknowledge(list, 200)?.frame).toBe(1);
    expect(list.size).toBe(0);
  });

  it("compares modulo 2^32", () => {
    const list = new UnackedSegments();
    list.add(1, 0xffffff00, 0x10, at);
    expect(holding(list, 0x5)?.frame).toBe(1);
    expect(acknowledge(list, 0x10)?.frame).toBe(1);
  });

  it("stops remembering at Wireshark's bound, when ACKs are not being seen", () => {
    const list = new UnackedSegments();
    for (let i = 0; list.hasRoom; i++) list.add(i, i * 10, i * 10 + 10, at);
    expect(list.size).toBe(MAX_UNACKED_SEGMENTS);
    acknowledge(list, 10);
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
            const time = { seconds: 1_700_000_000 + frame, nanos: frame * 7 };
            ordered.add(frame, seq, nextSeq, time);
            reference.add({ frame, seq, nextSeq, time });
          } else if (next.kind === "ack") {
            const expected = reference.acknowledge(seq);
            expect(acknowledge(ordered, seq)).toEqual(expected);
          } else {
            expect(holding(ordered, seq)).toEqual(reference.holding(seq));
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
    expect(acknowledge(list, 150)).toBeUndefined();
    expect(holding(list, 150)?.frame).toBe(1);
    expect(holding(list, 150)?.seq).toBe(150);
    expect(acknowledge(list, 250)?.frame).toBe(1);
  });
});
