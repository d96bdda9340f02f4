import type { Connection } from "../track/connection.js";
import type { TrackedSegment } from "../track/tracked-segment.js";
import type { EventBytes } from "./event-bytes.js";
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

/**
 * Keeps events in capture order while a segment waits for the evidence that settles it (the
 * peer's answer: docs/tracking-model.md, Hindsight), and the first step of a handshake or teardown
 * for the answer that says whether it is "1/3" or "1/4". Output waits at most a bounded number of
 * events or capture seconds; then the segment is settled as the evidence reads it so far (settle).
 *
 * With `bytes` (a timeline's), each event is written as it is pushed, as far as its output is
 * known then, and a waiting segment's rest once it is final (EventBytes): the queue holds where
 * an event's bytes lie, and the event itself only while part of its output waits (a segment
 * waiting for its evidence or its step count), or for a retirement.
 */
export class OutputQueue {
  /** The held events and their times, oldest first: with evidence slow to come, thousands wait at once. */
  private readonly held = new HeldEvents();
  private readonly due: DueBytes;

  constructor(
    private readonly emit: (event: QueuedItem) => void,
    private readonly settle: (connection: Connection) => void,
    private readonly limits: LookaheadLimits = DEFAULT_LOOKAHEAD,
    private readonly bytes?: EventBytes,
  ) {
    this.due = new DueBytes(bytes);
  }

  /** With `bytes`, the event's place among those held, for `finished` (-1 when it is not held); else -1. */
  push(event: QueuedItem, time: number): number {
    const bytes = this.bytes;
    if (bytes !== undefined) return this.pushAhead(event, time, bytes);
    // Nothing held and nothing to wait for (most events, and all without explanations): straight out.
    if (this.held.size === 0 && !isWaiting(event)) {
      this.emit(event);
      return -1;
    }
    this.held.push(event, time, 0, 0);
    this.drain(time);
    return -1;
  }

  /** The event written ahead as far as it can be; held as where its bytes lie when that is all of it. */
  private pushAhead(event: QueuedItem, time: number, bytes: EventBytes): number {
    const waiting = isWaiting(event);
    const from = bytes.end;
    // A waiting event is held for its turn, whatever was written of it: it holds back those after it.
    const written = event.kind !== "retired" && bytes.ahead(event, !waiting) && !waiting;
    const to = bytes.end;
    if (this.held.size === 0 && !waiting) {
      if (to > from) bytes.release(from, to);
      if (!written) this.emit(event);
      return -1;
    }
    const place = this.held.push(written ? WRITTEN : event, time, from, to);
    this.drain(time);
    // Settled while the queue drained (its connection was overdue): written in its place now.
    if (waiting) this.finished(place, event);
    return place;
  }

  /**
   * A held event (at `place`, from `push`) was explained: once final, the rest of it is written
   * (EventBytes.rest) and it is held as its bytes alone. Else, or once emitted, nothing changes.
   */
  finished(place: number, event: QueuedItem): void {
    const bytes = this.bytes;
    if (bytes === undefined || isWaiting(event)) return;
    const slot = this.held.slotOf(place);
    if (slot < 0 || this.held.eventAt(slot) !== event) return;
    const from = bytes.end;
    if (bytes.rest(event as AnnotationEvent)) this.held.written(slot, from, bytes.end);
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
    const held = this.held;
    const out = this.due;
    while (held.size > 0) {
      let oldest = held.oldest;
      if (oldest !== WRITTEN && isWaiting(oldest)) {
        if (!force && !isOverdue(this.limits, held.size, now - held.oldestTime)) break;
        if (oldest.kind === "segment") {
          this.settle(oldest.tracked.connection);
          // Settled, it may have been written whole (finished).
          oldest = held.oldest;
        }
      }
      out.add(held.oldestFrom, held.oldestTo);
      out.add(held.oldestRestFrom, held.oldestRestTo);
      held.shift();
      if (oldest === WRITTEN) continue;
      // What was written of it goes out before it.
      out.release();
      this.emit(oldest);
    }
    out.release();
  }
}

/**
 * The bytes due for release while draining, gathered while they follow each other (as the bytes
 * of events written whole as they came do) and released together.
 */
class DueBytes {
  private from = 0;
  private to = 0;

  constructor(private readonly bytes: EventBytes | undefined) {}

  add(from: number, to: number): void {
    if (from === to) return;
    if (from !== this.to) this.release();
    if (this.from === this.to) this.from = from;
    this.to = to;
  }

  release(): void {
    if (this.from === this.to) return;
    this.bytes!.release(this.from, this.to);
    this.from = this.to = 0;
  }
}

/** A held event all of whose output was written: its slot keeps only where its bytes lie. */
const WRITTEN = null;

/**
 * A first-in first-out ring of events, their times and where their bytes lie (written when
 * pushed, and the rest once final; WRITTEN for the event when that is all of it), in arrays: no
 * wrapper object per event, which, held behind a waiting segment, would live long enough to
 * burden the collector. Each event pushed has a place, counted from the first, by which it is
 * found again while held.
 */
class HeldEvents {
  private events: Array<QueuedItem | null | undefined> = new Array<QueuedItem | null | undefined>(INITIAL_RING).fill(
    undefined,
  );
  private times = new Float64Array(INITIAL_RING);
  /** Per slot: from and to of the bytes written when pushed, then of the rest. */
  private ranges = new Float64Array(RANGE_NUMBERS * INITIAL_RING);
  /** The ring's capacity less one (a power of two less one). */
  private mask = INITIAL_RING - 1;
  private head = 0;
  /** The place of the event at the head. */
  private headPlace = 0;
  size = 0;

  /** The event's place. */
  push(event: QueuedItem | null, time: number, from: number, to: number): number {
    if (this.size > this.mask) this.grow();
    const slot = (this.head + this.size) & this.mask;
    this.events[slot] = event;
    this.times[slot] = time;
    const at = RANGE_NUMBERS * slot;
    this.ranges[at] = from;
    this.ranges[at + 1] = to;
    this.ranges[at + 2] = 0;
    this.ranges[at + 3] = 0;
    this.size++;
    return this.headPlace + this.size - 1;
  }

  /** The slot of the event at `place` (-1 when it is not held any more). */
  slotOf(place: number): number {
    const index = place - this.headPlace;
    return index >= 0 && index < this.size ? (this.head + index) & this.mask : -1;
  }

  eventAt(slot: number): QueuedItem | null {
    return this.events[slot] as QueuedItem | null;
  }

  /** The rest of the slot's event was written between these positions: all of it is written. */
  written(slot: number, from: number, to: number): void {
    this.events[slot] = WRITTEN;
    this.ranges[RANGE_NUMBERS * slot + 2] = from;
    this.ranges[RANGE_NUMBERS * slot + 3] = to;
  }

  /** The oldest event (WRITTEN when all of it was), its time and its bytes (while size > 0). */
  get oldest(): QueuedItem | null {
    return this.events[this.head] as QueuedItem | null;
  }

  get oldestTime(): number {
    return this.times[this.head]!;
  }

  get oldestFrom(): number {
    return this.ranges[RANGE_NUMBERS * this.head]!;
  }

  get oldestTo(): number {
    return this.ranges[RANGE_NUMBERS * this.head + 1]!;
  }

  get oldestRestFrom(): number {
    return this.ranges[RANGE_NUMBERS * this.head + 2]!;
  }

  get oldestRestTo(): number {
    return this.ranges[RANGE_NUMBERS * this.head + 3]!;
  }

  shift(): void {
    // Cleared at once: an event emitted must be freed, not held here.
    this.events[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.headPlace++;
    this.size--;
  }

  private grow(): void {
    const capacity = this.mask + 1;
    const events = new Array<QueuedItem | null | undefined>(2 * capacity).fill(undefined);
    const times = new Float64Array(2 * capacity);
    const ranges = new Float64Array(RANGE_NUMBERS * 2 * capacity);
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head + i) & this.mask;
      events[i] = this.events[slot];
      times[i] = this.times[slot]!;
      ranges.set(this.ranges.subarray(RANGE_NUMBERS * slot, RANGE_NUMBERS * slot + RANGE_NUMBERS), RANGE_NUMBERS * i);
    }
    this.events = events;
    this.times = times;
    this.ranges = ranges;
    this.mask = 2 * capacity - 1;
    this.head = 0;
  }
}

/** Numbers per slot in HeldEvents.ranges. */
const RANGE_NUMBERS = 4;

/** Slots a ring starts with; it doubles when full (the default lookahead holds 4,097 events at most). */
const INITIAL_RING = 1024;

/**
 * The output queue's lookahead counted rather than held, for a reader that takes each segment as
 * it is settled (check's evidence) rather than in capture order: nothing is held, but each
 * segment still waiting for its evidence is settled when the OutputQueue would settle it (the
 * same events counted, the same capture seconds), so it reads as the timeline tells it. It keeps
 * no segment, and no object per segment: with evidence slow to come, every segment of a busy
 * capture waits, and what the queue holds behind it lived long enough to burden the collector.
 */
export class LookaheadCount {
  /** The segments that waited when counted, oldest first: by connection and place in it (its row index), with where each stood among the events and its time. */
  private readonly queued = new WaitingSegments();
  /** Events counted so far: the ones after a waiting segment are those the queue would hold behind it. */
  private counted = 0;

  constructor(
    private readonly settle: (connection: Connection) => void,
    private readonly limits: LookaheadLimits = DEFAULT_LOOKAHEAD,
  ) {}

  /** An event the queue would take at `time`; `waiting` when it is a segment waiting for its evidence, the last one tracked. */
  push(time: number, waiting?: TrackedSegment): void {
    if (waiting !== undefined) {
      const connection = waiting.connection;
      this.queued.push(connection, connection.hindsight.nextIndex - 1, this.counted, time);
    }
    this.counted++;
    if (this.queued.size > 0) this.drain(time, false);
  }

  /** Settle whatever still waits (end of input, or an idle live capture). */
  flush(): void {
    this.drain(Number.POSITIVE_INFINITY, true);
  }

  /** As OutputQueue.drain: the oldest segment still waiting holds back everything counted since it. */
  private drain(now: number, force: boolean): void {
    const queued = this.queued;
    while (queued.size > 0) {
      const connection = queued.connection;
      const waiting = !connection.retired && queued.index >= connection.hindsight.toldCount;
      if (waiting) {
        if (!force && !isOverdue(this.limits, this.counted - queued.position, now - queued.time)) break;
        this.settle(connection);
      }
      queued.shift();
    }
  }
}

/** A first-in first-out ring of waiting segments' numbers, in typed arrays: no object per segment. */
class WaitingSegments {
  private connections: Array<Connection | undefined> = new Array<Connection | undefined>(1024).fill(undefined);
  /** Per slot: the row index, the position among the events, the time. */
  private numbers = new Float64Array(3 * 1024);
  private head = 0;
  size = 0;

  push(connection: Connection, index: number, position: number, time: number): void {
    if (this.size === this.connections.length) this.grow();
    const slot = (this.head + this.size) % this.connections.length;
    this.connections[slot] = connection;
    this.numbers[3 * slot] = index;
    this.numbers[3 * slot + 1] = position;
    this.numbers[3 * slot + 2] = time;
    this.size++;
  }

  /** The oldest one's connection, row index, position and time (while size > 0). */
  get connection(): Connection {
    return this.connections[this.head]!;
  }

  get index(): number {
    return this.numbers[3 * this.head]!;
  }

  get position(): number {
    return this.numbers[3 * this.head + 1]!;
  }

  get time(): number {
    return this.numbers[3 * this.head + 2]!;
  }

  shift(): void {
    // Cleared at once: a connection let go of must be freed, not held here.
    this.connections[this.head] = undefined;
    this.head = (this.head + 1) % this.connections.length;
    this.size--;
  }

  private grow(): void {
    const capacity = this.connections.length;
    const connections = new Array<Connection | undefined>(2 * capacity).fill(undefined);
    const numbers = new Float64Array(6 * capacity);
    for (let i = 0; i < this.size; i++) {
      const slot = (this.head + i) % capacity;
      connections[i] = this.connections[slot];
      numbers.set(this.numbers.subarray(3 * slot, 3 * slot + 3), 3 * i);
    }
    this.connections = connections;
    this.numbers = numbers;
    this.head = 0;
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
