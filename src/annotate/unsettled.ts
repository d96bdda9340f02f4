import type { Connection } from "../track/connection.js";
import type { TrackedSegment } from "../track/tracked-segment.js";
import type { AnnotatedSegment } from "./events.js";

/**
 * The segment events waiting to be explained, by connection, each connection's in order (they
 * settle in order). A connection has a few waiting at a time, and none now and then: its list
 * keeps its store when emptied, rather than being made again as a shortened array's would be.
 */
export class UnsettledSegments {
  private readonly byConnection = new Map<Connection, WaitingList>();

  add(event: AnnotatedSegment): void {
    const connection = event.tracked.connection;
    let waiting = this.byConnection.get(connection);
    if (waiting === undefined) this.byConnection.set(connection, (waiting = new WaitingList()));
    waiting.push(event);
  }

  /** The event of a segment just settled: its connection's oldest waiting one (undefined when none waits). */
  take(tracked: TrackedSegment): AnnotatedSegment | undefined {
    return this.byConnection.get(tracked.connection)?.shift();
  }

  /** The connection was retired: none of its segments waits any more. */
  forget(connection: Connection): void {
    this.byConnection.delete(connection);
  }
}

/** A first-in first-out list that goes back to its start when emptied, keeping its store. */
class WaitingList {
  private readonly items: Array<AnnotatedSegment | undefined> = [];
  private head = 0;
  private tail = 0;

  push(event: AnnotatedSegment): void {
    this.items[this.tail++] = event;
  }

  shift(): AnnotatedSegment | undefined {
    if (this.head === this.tail) return undefined;
    const event = this.items[this.head];
    // Cleared at once: an event emitted must be freed, not held here.
    this.items[this.head++] = undefined;
    if (this.head === this.tail) this.head = this.tail = 0;
    return event;
  }
}
