import type { Connection } from "../track/connection.js";
import { Fifo } from "../track/fifo.js";
import type { TrackedSegment } from "../track/tracked-segment.js";
import { secondsOf } from "../capture/timestamp.js";
import { AWAITING_EVIDENCE, type AnnotationEvent } from "./events.js";

/** How long output may wait for a teardown or handshake to show how many steps it takes. */
export interface LookaheadLimits {
  /** Events held at most (default 4096). */
  maxEvents: number;
  /** Capture seconds the oldest held event may wait (default 5). */
  maxSeconds: number;
}

export const DEFAULT_LOOKAHEAD: LookaheadLimits = { maxEvents: 4096, maxSeconds: 5 };

/** A connection retired by the tracker: told after its last event, so it travels in the same queue. */
export interface Retirement {
  kind: "retired";
  connection: Connection;
}

export type QueuedItem = AnnotationEvent | Retirement;

interface Held {
  event: QueuedItem;
  time: number;
}

/**
 * Keeps events in capture order while a segment waits for the evidence that settles it (the
 * peer's answer: docs/tracking-model.md, Hindsight), and the first step of a handshake or teardown
 * for the answer that says whether it is "1/3" or "1/4". Output waits at most a bounded number of
 * events or capture seconds; then the segment is settled as the evidence reads it so far (settle).
 */
export class OutputQueue {
  private readonly held = new Fifo<Held>();

  constructor(
    private readonly emit: (event: QueuedItem) => void,
    private readonly settle: (connection: Connection) => void,
    private readonly limits: LookaheadLimits = DEFAULT_LOOKAHEAD,
  ) {}

  push(event: QueuedItem, time: number): void {
    // Nothing held and nothing to wait for (most events, and all without explanations): straight out.
    if (this.held.size === 0 && !isWaiting(event)) return this.emit(event);
    this.held.push({ event, time });
    this.drain(time);
  }

  /** Emit what no longer waits (segments settled since their push). */
  release(now: number): void {
    if (this.held.size > 0) this.drain(now);
  }

  /** Emit everything, settling whatever still waits (end of input, or an idle live capture). */
  flush(): void {
    this.drain(Number.POSITIVE_INFINITY, true);
  }

  private drain(now: number, force = false): void {
    for (let oldest = this.held.peek(); oldest !== undefined; oldest = this.held.peek()) {
      if (isWaiting(oldest.event)) {
        if (!force && !isOverdue(this.limits, this.held.size, now - oldest.time)) break;
        if (oldest.event.kind === "segment") this.settle(oldest.event.tracked.connection);
      }
      this.held.shift();
      this.emit(oldest.event);
    }
  }
}

/**
 * The output queue's lookahead counted rather than held, for a reader that takes each segment as
 * it is settled (check's evidence) rather than in capture order: nothing is held, but each
 * segment still waiting for its evidence is settled when the OutputQueue would settle it (the
 * same events counted, the same capture seconds), so it reads as the timeline tells it. It keeps
 * no object per segment: with evidence slow to come, every segment of a busy capture waits.
 */
export class LookaheadCount {
  /** The segments that waited when counted, oldest first, with where each stood among the events. */
  private readonly queued = new Fifo<TrackedSegment>();
  private readonly positions = new Fifo<number>();
  /** Those of them not settled since. */
  private readonly waiting = new Set<TrackedSegment>();
  /** Events counted so far: the ones after a waiting segment are those the queue would hold behind it. */
  private counted = 0;

  constructor(
    private readonly settle: (connection: Connection) => void,
    private readonly limits: LookaheadLimits = DEFAULT_LOOKAHEAD,
  ) {}

  /** An event the queue would take at `time`; `waiting` when it is a segment waiting for its evidence. */
  push(time: number, waiting?: TrackedSegment): void {
    if (waiting !== undefined) {
      this.queued.push(waiting);
      this.positions.push(this.counted);
      this.waiting.add(waiting);
    }
    this.counted++;
    if (this.queued.size > 0) this.drain(time, false);
  }

  /** The segment was settled: it holds nothing back any more. */
  arrived(tracked: TrackedSegment): void {
    this.waiting.delete(tracked);
  }

  /** Settle whatever still waits (end of input, or an idle live capture). */
  flush(): void {
    this.drain(Number.POSITIVE_INFINITY, true);
  }

  /** As OutputQueue.drain: the oldest segment still waiting holds back everything counted since it. */
  private drain(now: number, force: boolean): void {
    for (let oldest = this.queued.peek(); oldest !== undefined; oldest = this.queued.peek()) {
      if (this.waiting.has(oldest)) {
        // A segment is counted at its own capture time (Annotator.segment).
        const held = this.counted - this.positions.peek()!;
        if (!force && !isOverdue(this.limits, held, now - secondsOf(oldest.segment))) break;
        this.settle(oldest.connection);
      }
      this.queued.shift();
      this.positions.shift();
    }
  }
}

/** Output waited long enough: more events held than the limit, or the oldest held too many capture seconds. */
function isOverdue(limits: LookaheadLimits, held: number, waited: number): boolean {
  return held > limits.maxEvents || waited > limits.maxSeconds;
}

function isWaiting(event: QueuedItem): boolean {
  if (event.kind !== "segment") return false;
  const explanation = event.explanation;
  return explanation === AWAITING_EVIDENCE || (explanation.step !== null && explanation.step.of === 0);
}
