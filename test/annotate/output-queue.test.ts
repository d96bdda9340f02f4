import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventBytes } from "../../src/annotate/event-bytes.js";
import { AWAITING_EVIDENCE, type AnnotatedSegment, type AnnotationEvent } from "../../src/annotate/events.js";
import { OutputQueue, type LookaheadLimits, type QueuedItem } from "../../src/annotate/output-queue.js";
import type { Connection } from "../../src/track/connection.js";
import type { TrackedSegment } from "../../src/track/tracked-segment.js";

/** The queue as a plain array of {event, time}: the simple version the ring must agree with. */
class SimpleQueue implements Queue {
  private readonly held: Array<{ event: QueuedItem; time: number }> = [];

  constructor(
    private readonly emit: (event: QueuedItem) => void,
    private readonly settle: (connection: Connection) => void,
    private readonly limits: LookaheadLimits,
  ) {}

  push(event: QueuedItem, time: number): undefined {
    if (this.held.length === 0 && !waiting(event)) {
      this.emit(event);
      return;
    }
    this.held.push({ event, time });
    this.drain(time, false);
  }

  release(now: number): void {
    this.drain(now, false);
  }

  flush(): void {
    this.drain(Number.POSITIVE_INFINITY, true);
  }

  private drain(now: number, force: boolean): void {
    while (this.held.length > 0) {
      const oldest = this.held[0]!;
      if (waiting(oldest.event)) {
        const overdue = this.held.length > this.limits.maxEvents || now - oldest.time > this.limits.maxSeconds;
        if (!force && !overdue) break;
        if (oldest.event.kind === "segment") this.settle(oldest.event.tracked.connection);
      }
      this.held.shift();
      this.emit(oldest.event);
    }
  }
}

const waiting = (event: QueuedItem) => event.kind === "segment" && event.explanation === AWAITING_EVIDENCE;

type Step =
  | { op: "segment"; connection: number; after: number }
  | { op: "warning"; after: number }
  | { op: "settle"; connection: number; after: number };

const CONNECTIONS = 4;

/** Runs the steps through a queue made by `make`, returning the events in the order emitted, as labels. */
function run(
  steps: readonly Step[],
  limits: LookaheadLimits,
  make: (
    emit: (event: QueuedItem) => void,
    settle: (connection: Connection) => void,
    limits: LookaheadLimits,
    record: (text: string) => void,
  ) => Queue,
): string[] {
  const connections = Array.from({ length: CONNECTIONS }, (_, stream) => ({ stream }) as Connection);
  const unsettled = connections.map(() => [] as Array<{ event: AnnotatedSegment; place: number }>);
  // Explained as the annotator does, and each held one told to the queue.
  const settle = (connection: Connection) => {
    for (const { event, place } of unsettled[connection.stream]!.splice(0)) {
      event.explanation = { step: null, messages: [] };
      queue.finished?.(place, event);
    }
  };
  const emitted: string[] = [];
  const queue: Queue = make(
    (event) => emitted.push(label(event)),
    settle,
    limits,
    (text) => emitted.push(text),
  );
  let time = 0;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    time += step.after;
    if (step.op === "warning") {
      queue.push({ kind: "warning", problem: `${i}`, message: "" }, time);
      continue;
    }
    const connection = connections[step.connection]!;
    if (step.op === "settle") {
      settle(connection);
      queue.release(time);
      continue;
    }
    const tracked = { connection, segment: { frame: i } } as unknown as TrackedSegment;
    const event: AnnotatedSegment = { kind: "segment", tracked, explanation: AWAITING_EVIDENCE };
    const waiting = { event, place: -1 };
    unsettled[step.connection]!.push(waiting);
    waiting.place = queue.push(event, time) ?? -1;
  }
  queue.flush();
  return emitted;
}

type Queue = Pick<OutputQueue, "release" | "flush"> & {
  push(event: QueuedItem, time: number): number | undefined;
  finished?(place: number, event: QueuedItem): void;
};

/**
 * Writes each event ahead as its label (a waiting one's as "start of" it, and its "rest of" it
 * once final, but for every third segment, which waits for its turn), each a position, written
 * out as "bytes: ..."; every position is written out once.
 */
class LabelBytes implements EventBytes {
  private readonly written: Array<string | undefined> = [];

  constructor(private readonly record: (text: string) => void) {}

  ahead(event: AnnotationEvent, final: boolean): boolean {
    this.written.push(final ? label(event) : `start of ${label(event)}`);
    return final;
  }

  rest(event: AnnotationEvent): boolean {
    if (event.kind === "segment" && event.tracked.segment.frame % 3 === 0) return false;
    this.written.push(`rest of ${label(event)}`);
    return true;
  }

  get end(): number {
    return this.written.length;
  }

  release(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      expect(this.written[i]).toBeDefined();
      this.record(`bytes: ${this.written[i]}`);
      this.written[i] = undefined;
    }
  }
}

function label(event: QueuedItem): string {
  if (event.kind === "segment") return `segment ${event.tracked.segment.frame}`;
  if (event.kind === "warning") return `warning ${event.problem}`;
  return event.kind;
}

/** What the property tests push and settle, and the limits they run under. */
const STEP: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant("segment" as const), connection: fc.nat(CONNECTIONS - 1), after: fc.nat(3) }),
  fc.record({ op: fc.constant("warning" as const), after: fc.nat(3) }),
  fc.record({ op: fc.constant("settle" as const), connection: fc.nat(CONNECTIONS - 1), after: fc.nat(3) }),
);
const LIMITS = fc.record({
  maxEvents: fc.integer({ min: 1, max: 40 }),
  maxSeconds: fc.integer({ min: 0, max: 20 }),
});

describe("OutputQueue", () => {
  it("emits what the simple queue emits, in its order, settling where it settles", () => {
    fc.assert(
      fc.property(fc.array(STEP, { maxLength: 300 }), LIMITS, (steps, limits) => {
        const expected = run(steps, limits, (emit, settle, l) => new SimpleQueue(emit, settle, l));
        expect(run(steps, limits, (emit, settle, l) => new OutputQueue(emit, settle, l))).toEqual(expected);
      }),
    );
  });

  it("with bytes, writes each event as it comes or once final, and keeps for its turn only what waits, in the same order", () => {
    fc.assert(
      fc.property(fc.array(STEP, { maxLength: 300 }), LIMITS, (steps, limits) => {
        // Every segment waits when pushed: its start is written ahead, the rest once settled (or, settled as it
        // is emitted, and every third one, at its turn), in the place the event has without bytes.
        const expected = run(steps, limits, (emit, settle, l) => new SimpleQueue(emit, settle, l)).flatMap((text) =>
          text.startsWith("segment") ? [`bytes: start of ${text}`, `end of ${text}`] : [`bytes: ${text}`],
        );
        const withBytes = run(
          steps,
          limits,
          (emit, settle, l, record) => new OutputQueue(emit, settle, l, new LabelBytes(record)),
        );
        const restAhead = withBytes.filter((text) => text.startsWith("bytes: rest of segment"));
        expect(restAhead.filter((text) => Number(text.split(" ").at(-1)) % 3 === 0)).toEqual([]);
        expect(withBytes.map((text) => text.replace(/^(bytes: rest of )?(segment \d+)$/, "end of $2"))).toEqual(
          expected,
        );
      }),
    );
  });

  it("holds thousands of events in order while one waits", () => {
    const steps: Step[] = [{ op: "segment", connection: 0, after: 0 }];
    for (let i = 0; i < 5000; i++) steps.push({ op: "warning", after: 0 });
    steps.push({ op: "settle", connection: 0, after: 0 });
    const limits = { maxEvents: 10_000, maxSeconds: 5 };
    const emitted = run(steps, limits, (emit, settle, l) => new OutputQueue(emit, settle, l));
    expect(emitted).toEqual(["segment 0", ...Array.from({ length: 5000 }, (_, i) => `warning ${i + 1}`)]);
  });
});
