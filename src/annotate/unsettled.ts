import type { Connection } from "../track/connection.js";
import { ConnectionSlot } from "../track/connection-slot.js";
import { withRoomFor } from "../track/truncate.js";
import type { TrackedSegment } from "../track/tracked-segment.js";
import type { AnnotatedSegment } from "./events.js";

/**
 * The segment events waiting to be explained, by connection, each connection's in order (they
 * settle in order), with each one's place in the output queue once it is held there (-1 before).
 * A connection has a few waiting at a time, and none now and then: its list keeps its store when
 * emptied, rather than being made again as a shortened array's would be. It is kept in the
 * connection (ConnectionSlot): a map from connection was looked up twice for every segment.
 */
export class UnsettledSegments {
  private readonly byConnection = new ConnectionSlot<WaitingList>();
  /** The place of the event `take` returned last (-1 when none was given). */
  takenPlace = -1;

  /** The event waits, last of its connection's: their list is handed back, to tell where the output queue holds it (placeLast). */
  add(event: AnnotatedSegment): WaitingList {
    const connection = event.tracked.connection;
    let waiting = this.byConnection.get(connection);
    if (waiting === undefined) this.byConnection.set(connection, (waiting = new WaitingList()));
    waiting.push(event);
    return waiting;
  }

  /** The event of a segment just settled: its connection's oldest waiting one (undefined when none waits); its place in takenPlace. */
  take(tracked: TrackedSegment): AnnotatedSegment | undefined {
    const waiting = this.byConnection.get(tracked.connection);
    const event = waiting?.shift();
    this.takenPlace = event === undefined ? -1 : waiting!.shiftedPlace;
    return event;
  }

  /** The connection was retired: none of its segments waits any more. */
  forget(connection: Connection): void {
    this.byConnection.take(connection);
  }
}

/**
 * Room a connection's list starts with: a few of its segments wait at a time, and a first push
 * into an empty array makes room for seventeen, which every connection followed kept.
 */
const ROOM = 4;

/** A first-in first-out list of events and their places that goes back to its start when emptied, keeping its store. */
export class WaitingList {
  private readonly items: Array<AnnotatedSegment | undefined> = withRoomFor(ROOM);
  private readonly places: number[] = withRoomFor(ROOM);
  private head = 0;
  private tail = 0;
  /** The place of the event shift returned last. */
  shiftedPlace = -1;

  push(event: AnnotatedSegment): void {
    this.places[this.tail] = -1;
    this.items[this.tail++] = event;
  }

  /** The event added last, still waiting, is held in the output queue at `place` (once taken, nothing changes). */
  placeLast(place: number): void {
    if (this.tail > this.head) this.places[this.tail - 1] = place;
  }

  shift(): AnnotatedSegment | undefined {
    if (this.head === this.tail) return undefined;
    const event = this.items[this.head];
    this.shiftedPlace = this.places[this.head]!;
    // Cleared at once: an event emitted must be freed, not held here.
    this.items[this.head++] = undefined;
    if (this.head === this.tail) this.head = this.tail = 0;
    return event;
  }
}
