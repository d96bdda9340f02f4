import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  INLINE_SEGMENTS,
  MAX_UNACKED_SEGMENTS,
  UNACKED_NUMBERS,
  UnackedSegments,
  type UnackedSegment,
} from "../../../src/track/analysis/unacked.js";
import { seqLe, wiresharkSeqGt } from "../../../src/track/seq.js";

const SECONDS = 1;

/** What the list answers, in a record of its own (undefined when it answers nothing). */
function acknowledge(list: UnackedSegments, ack: number): UnackedSegment | undefined {
  const found = { frame: 0, seq: 0, nextSeq: 0, seconds: 0, nanos: 0 };
  return list.acknowledge(ack, found) ? found : undefined;
}

function holding(list: UnackedSegments, seq: number): UnackedSegment | undefined {
  const found = { frame: 0, seq: 0, nextSeq: 0, seconds: 0, nanos: 0 };
  return list.holding(seq, found) ? found : undefined;
}

/** The bounded list of unacknowledged segments (packet-tcp.c tcp_unacked_t). */
describe("unacknowledged segments", () => {
  it("drops every segment an ACK covers and returns the oldest one it ends at", () => {
    const list = new UnackedSegments();
    list.add(1, 100, 200, SECONDS, 0);
    list.add(2, 200, 300, SECONDS, 0);
    list.add(3, 200, 300, SECONDS, 0);
    list.add(4, 300, 400, SECONDS, 0);
    expect(acknowledge(list, 300)?.frame).toBe(2);
    expect(list.size).toBe(1);
  });

  it("keeps the unacknowledged part of a segment an ACK cuts", () => {
    const list = new UnackedSegments();
    list.add(1, 100, 200, SECONDS, 0);
    expect(acknowledge(list, 150)).toBeUndefined();
    expect(holding(list, 149)).toBeUndefined();
    expect(holding(list, 150)?.frame).toBe(1);
    expect(acknowledge(list, 200)?.frame).toBe(1);
    expect(list.size).toBe(0);
  });

  it("compares modulo 2^32", () => {
    const list = new UnackedSegments();
    list.add(1, 0xffffff00, 0x10, SECONDS, 0);
    expect(holding(list, 0x5)?.frame).toBe(1);
    expect(acknowledge(list, 0x10)?.frame).toBe(1);
  });

  it("stops remembering at Wireshark's bound, when ACKs are not being seen", () => {
    const list = new UnackedSegments();
    for (let i = 0; list.hasRoom; i++) list.add(i, i * 10, i * 10 + 10, SECONDS, 0);
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

type Step =
  | { kind: "add"; at: number; len: number }
  | { kind: "again" }
  | { kind: "ack"; at: number }
  | { kind: "holding"; at: number };

/**
 * Sequence numbers near a start just below 2^32 (so that they wrap), sometimes anywhere at all
 * (a SYN's zero ack, a jump of gigabytes): small offsets make segments overlap, repeat and cut.
 */
const somewhere = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: -40, max: 200 }) },
  { weight: 1, arbitrary: fc.nat({ max: 0xffffffff }) },
);
/**
 * Sequence numbers gigabytes apart, near where the order by distance must give way to reading
 * segment by segment: around a quarter and half the circle either way, with small offsets so
 * that they still overlap, repeat and cut.
 */
const farApart = fc
  .tuple(fc.constantFrom(0, 2 ** 30, -(2 ** 30), 2 ** 31 - 2 ** 17, 2 ** 31, -(2 ** 31) + 2 ** 17), somewhere)
  .map(([far, near]) => far + near);

function stepsAt(at: fc.Arbitrary<number>, len: fc.Arbitrary<number>): fc.Arbitrary<Step> {
  return fc.oneof(
    fc.record({ kind: fc.constant("add" as const), at, len }),
    // The last segment added, sent again: copies that must count, and answer as the first does.
    fc.record({ kind: fc.constant("again" as const) }),
    fc.record({ kind: fc.constant("ack" as const), at }),
    fc.record({ kind: fc.constant("holding" as const), at }),
  );
}

const step = stepsAt(somewhere, fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(1)));
/** Far apart, up to Wireshark's longest segments (a 64 KB segment, and a SYN or FIN besides). */
const farStep = stepsAt(farApart, fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(2 ** 16 + 1)));
/**
 * Segments all round the circle, then mostly ACKs and searches near its start, with now and then
 * a segment anywhere: the list is read one by one by ACK after ACK, put back in order
 * (REORDER_AFTER_READS in unacked.ts), and spread again.
 */
const anywhere = fc.nat({ max: 2 ** 32 - 1 });
const nearStart = fc.integer({ min: -20, max: 300 });
const shortLength = fc.integer({ min: 1, max: 40 });
const roundTheCircle: fc.Arbitrary<Step[]> = fc
  .tuple(
    fc.array(fc.record({ kind: fc.constant("add" as const), at: anywhere, len: shortLength }), {
      minLength: 1,
      maxLength: 30,
    }),
    fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.record({ kind: fc.constant("ack" as const), at: nearStart }) },
        {
          weight: 2,
          arbitrary: fc.record({ kind: fc.constant("holding" as const), at: fc.oneof(nearStart, anywhere) }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant("add" as const),
            at: fc.oneof(nearStart, anywhere),
            len: shortLength,
          }),
        },
      ),
      { minLength: 40, maxLength: 200, size: "max" },
    ),
  )
  .map(([spread, then]) => [...spread, ...then]);

/** Numbers on either side of a held list, which it must leave as they are. */
const AROUND = 7;
const UNTOUCHED = -12345.5;

/**
 * A list as a connection holds it: among other numbers, with its spill kept from one segment to
 * the next, read through whichever of two views is pointed at it (a view keeps nothing of its own).
 */
class HeldList {
  readonly numbers = new Float64Array(AROUND + UNACKED_NUMBERS + AROUND)
    .fill(UNTOUCHED)
    .fill(0, AROUND, AROUND + UNACKED_NUMBERS);
  spill: Float64Array | undefined;
  private readonly views = [new UnackedSegments(), new UnackedSegments()];
  private turn = 0;

  use<T>(operation: (list: UnackedSegments) => T): T {
    const view = this.views[this.turn++ % this.views.length]!;
    view.attach(this.numbers, AROUND, this.spill);
    const result = operation(view);
    this.spill = view.spill;
    return result;
  }

  get aroundUntouched(): boolean {
    const before = this.numbers.subarray(0, AROUND);
    const after = this.numbers.subarray(AROUND + UNACKED_NUMBERS);
    return [...before, ...after].every((number) => number === UNTOUCHED);
  }
}

/** Every step applied to a held list and to the list read segment by segment: each answer, and the size after it, the same. */
function expectSameAnswers(steps: readonly Step[]): void {
  const start = 0xffffff80;
  const held = new HeldList();
  const reference = new EverySegment();
  let last = { at: 0, len: 1 };
  steps.forEach((step, frame) => {
    const next = step.kind === "again" ? { kind: "add" as const, ...last } : step;
    const seq = (start + next.at) >>> 0;
    if (next.kind === "add") {
      last = { at: next.at, len: next.len };
      const nextSeq = (seq + next.len) >>> 0;
      const seconds = 1_700_000_000 + frame;
      const nanos = frame * 7;
      held.use((list) => list.add(frame, seq, nextSeq, seconds, nanos));
      reference.add({ frame, seq, nextSeq, seconds, nanos });
    } else if (next.kind === "ack") {
      const expected = reference.acknowledge(seq);
      expect(held.use((list) => acknowledge(list, seq))).toEqual(expected);
    } else {
      expect(held.use((list) => holding(list, seq))).toEqual(reference.holding(seq));
    }
    expect(held.use((list) => list.size)).toBe(reference.size);
    expect(held.aroundUntouched).toBe(true);
  });
}

describe("unacknowledged segments, ordered by sequence number", () => {
  it("answers every ACK and every retransmission as the list read segment by segment does", () => {
    fc.assert(fc.property(fc.array(step, { maxLength: 120 }), expectSameAnswers), { numRuns: 3000, seed: 0x7cb });
  });

  it("answers so with segments gigabytes apart, ordered or read one by one", () => {
    fc.assert(fc.property(fc.array(farStep, { maxLength: 120 }), expectSameAnswers), { numRuns: 3000, seed: 0x5e9 });
  });

  it("answers so with segments all round the circle, read one by one and put back in order", () => {
    fc.assert(fc.property(roundTheCircle, expectSameAnswers), { numRuns: 600, seed: 0x3a1 });
  });

  it("keeps segments gigabytes apart in order while they span less than half the circle", () => {
    const list = new UnackedSegments();
    const ahead = [7e8, 2e9, 3e6, 1.2e9, 4e8];
    for (let i = 0; i < ahead.length; i++) list.add(i + 1, 1000 + ahead[i]!, 1001 + ahead[i]!, SECONDS, 0);
    for (let byte = 0; byte < 3; byte++) list.add(10 + byte, 1000 + byte, 1001 + byte, SECONDS, 0);
    expect(list.inOrder).toBe(true);
    expect(acknowledge(list, 1002)?.frame).toBe(11);
    expect(list.size).toBe(6);
    expect(holding(list, 1000 + 1.2e9)?.frame).toBe(4);
    // From the start furthest back to the end furthest on, past 2^31 - 2^17: distances and modulo 2^32 could disagree.
    list.add(20, 1000 - 2 ** 30, 1001 - 2 ** 30, SECONDS, 0);
    expect(list.inOrder).toBe(false);
  });

  it("orders a list spread over the whole circle again from an ACK, once ACKs have read it over and over", () => {
    const list = new UnackedSegments();
    for (let i = 0; i < 8; i++) list.add(i + 1, i * 2 ** 29, i * 2 ** 29 + 1, SECONDS, 0);
    expect(list.inOrder).toBe(false);
    // The ACK drops the half circle behind it: the four segments left are less than half the circle on from it.
    expect(acknowledge(list, 1)?.frame).toBe(1);
    expect(list.size).toBe(4);
    let acks = 1;
    for (let ack = 2; !list.inOrder && ack < 100; ack++) {
      expect(acknowledge(list, ack)).toBeUndefined();
      acks++;
    }
    // Sixteen times as many reads as segments waiting: 8 by the first ACK, then 4 by each.
    expect(acks).toBe(15);
    expect(list.size).toBe(4);
    expect(holding(list, 2 ** 30)?.frame).toBe(3);
    expect(acknowledge(list, 2 ** 31 + 1)?.frame).toBe(5);
    expect(list.size).toBe(0);
  });

  it("reads every segment once its ends lie half the circle apart, until the list empties", () => {
    const list = new UnackedSegments();
    list.add(1, 0, 10, SECONDS, 0);
    list.add(2, 2 ** 31 - 2 ** 17 - 10, 2 ** 31 - 2 ** 17, SECONDS, 0);
    expect(list.inOrder).toBe(true);
    list.add(3, 2 ** 31 - 2 ** 17, 2 ** 31 - 2 ** 17 + 1, SECONDS, 0);
    expect(list.inOrder).toBe(false);
    expect(acknowledge(list, 10)?.frame).toBe(1);
    acknowledge(list, 2 ** 31 - 2 ** 17 + 1);
    expect(list.size).toBe(0);
    list.add(4, 2 ** 31, 2 ** 31 + 1, SECONDS, 0);
    expect(list.inOrder).toBe(true);
  });

  it("keeps the oldest copy first when an ACK cuts segments into one that starts where it ends", () => {
    const list = new UnackedSegments();
    list.add(1, 150, 250, SECONDS, 0);
    list.add(2, 100, 250, SECONDS, 0);
    list.add(3, 120, 250, SECONDS, 0);
    expect(acknowledge(list, 150)).toBeUndefined();
    expect(holding(list, 150)?.frame).toBe(1);
    expect(holding(list, 150)?.seq).toBe(150);
    expect(acknowledge(list, 250)?.frame).toBe(1);
  });

  it("counts the copies of a segment sent again with it, and lets them go with it", () => {
    const list = new UnackedSegments();
    list.add(1, 100, 110, SECONDS, 0);
    list.add(2, 110, 120, SECONDS, 0);
    for (let frame = 3; frame < 1003; frame++) list.add(frame, 110, 120, SECONDS, 0);
    expect(list.size).toBe(1002);
    expect(holding(list, 115)?.frame).toBe(2);
    expect(acknowledge(list, 110)?.frame).toBe(1);
    expect(list.size).toBe(1001);
    expect(acknowledge(list, 120)?.frame).toBe(2);
    expect(list.size).toBe(0);
  });
});

describe("the search for a retransmission's original among many that may hold its byte", () => {
  /** Segments all starting at byte 1000, in lengths that differ: the first `count` lengths from 1 up. */
  function sameStart(count: number): UnackedSegments {
    const list = new UnackedSegments();
    for (let frame = 1; frame <= count; frame++) list.add(frame, 1000, 1000 + frame, SECONDS, 0);
    return list;
  }

  it("finds the oldest of up to 128 candidates, each read", () => {
    const list = sameStart(128);
    expect(holding(list, 1000)?.frame).toBe(1);
    expect(holding(list, 1100)?.frame).toBe(101);
    expect(holding(list, 1127)?.frame).toBe(128);
  });

  it("reads the 64 starting first and the 64 starting last of more: the oldest holding the byte among them", () => {
    const list = sameStart(1000);
    expect(holding(list, 1000)?.frame).toBe(1);
    expect(holding(list, 1063)?.frame).toBe(64);
    // Frames 65 to 936 go unread: of those read, frame 937 is the oldest that holds byte 1100.
    expect(holding(list, 1100)?.frame).toBe(937);
    expect(holding(list, 1999)?.frame).toBe(1000);
    expect(holding(list, 2000)).toBeUndefined();
  });

  it("reads the segments starting nearest before the byte, whatever starts earlier", () => {
    const list = new UnackedSegments();
    // 1,000 one-byte segments, then one of 1,000 bytes over them all: each search may reach back 1,000 bytes.
    for (let frame = 0; frame < 1000; frame++) list.add(frame, frame, frame + 1, SECONDS, 0);
    list.add(1000, 0, 1000, SECONDS, 0);
    expect(holding(list, 500)?.frame).toBe(500);
    expect(holding(list, 999)?.frame).toBe(999);
  });
});

describe("where unacknowledged segments are kept", () => {
  it("keeps the first few among the connection's numbers, and makes a spill only for more", () => {
    const held = new HeldList();
    const inline = INLINE_SEGMENTS;
    for (let i = 0; i < inline; i++) held.use((list) => list.add(i, i * 10, i * 10 + 10, SECONDS, 0));
    expect(held.spill).toBeUndefined();
    held.use((list) => list.add(inline, inline * 10, inline * 10 + 10, SECONDS, 0));
    expect(held.spill).toBeDefined();
    expect(held.use((list) => acknowledge(list, inline * 10 + 10))?.frame).toBe(inline);
    expect(held.aroundUntouched).toBe(true);
  });

  it("drops a spill that grew for a burst once everything is acknowledged, and keeps a small one", () => {
    const held = new HeldList();
    for (let i = 0; i < 10; i++) held.use((list) => list.add(i, i * 10, i * 10 + 10, SECONDS, 0));
    held.use((list) => acknowledge(list, 100));
    expect(held.spill).toBeDefined();
    for (let i = 0; i < 200; i++) held.use((list) => list.add(i, i * 10, i * 10 + 10, SECONDS, 0));
    expect(held.use((list) => acknowledge(list, 1990))?.frame).toBe(198);
    expect(held.spill).toBeDefined();
    expect(held.use((list) => acknowledge(list, 2000))?.frame).toBe(199);
    expect(held.spill).toBeUndefined();
    expect(held.use((list) => list.size)).toBe(0);
  });

  it("moves the waiting segments to the front rather than growing when half the places are free", () => {
    // Each new segment fills the places the connection's numbers hold, and then the oldest is acknowledged.
    const behind = INLINE_SEGMENTS - 1;
    const held = new HeldList();
    for (let frame = 0; frame < 1000; frame++) {
      held.use((list) => list.add(frame, frame * 10, frame * 10 + 10, SECONDS, 0));
      if (frame >= behind)
        expect(held.use((list) => acknowledge(list, (frame - behind + 1) * 10))?.frame).toBe(frame - behind);
    }
    expect(held.use((list) => list.size)).toBe(behind);
    expect(held.spill).toBeUndefined();
  });
});
