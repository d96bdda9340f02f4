import type { AnnotatedSegment, TimerEvent } from "../../annotate/events.js";
import type { Connection } from "../../track/connection.js";
import type { Role } from "../../track/states.js";
import { UNCONFIRMED_MARK } from "../shared/unconfirmed-mark.js";
import { secondsOf } from "../../capture/timestamp.js";

/** What a picture of one connection is drawn from: its segments and TIME_WAIT expiries, in capture order. */
export type ConnectionEvent = AnnotatedSegment | TimerEvent;

/** One arrow: a segment from one lifeline to the other. */
export interface SegmentRow {
  kind: "segment";
  event: AnnotatedSegment;
  /** Seconds since the previous row (null for the first). */
  gap: number | null;
}

/** A TIME_WAIT timer ran out: a state change on one lifeline with no segment. */
export interface TimerRow {
  kind: "timer";
  event: TimerEvent;
  sinceStart: number;
  gap: number | null;
}

/** Segments left out of the picture (the data phase of a long connection), summed up. */
export interface FoldRow {
  kind: "fold";
  segments: number;
  /** Payload bytes each side sent in the folded segments. */
  bytes: Record<Role, number>;
  firstFrame: number;
  lastFrame: number;
  /** From the first folded segment to the last. */
  seconds: number;
}

export type LadderRow = SegmentRow | TimerRow | FoldRow;

/** A connection as a ladder diagram: two lifelines, their states before the first segment, and the rows between them. */
export interface Ladder {
  stream: number;
  /** "address:port" of each side. */
  labels: Record<Role, string>;
  /** Each side's state before its first change, marked ? when nothing confirms it. */
  initialStates: Record<Role, string>;
  rows: LadderRow[];
}

/** Where a ladder's rows go as they are made: a list of them all, or a RowFolder (fold.ts). */
export interface RowSink {
  add(row: LadderRow): void;
  rows(): LadderRow[];
}

class AllRows implements RowSink {
  private readonly list: LadderRow[] = [];

  add(row: LadderRow): void {
    this.list.push(row);
  }

  rows(): LadderRow[] {
    return this.list;
  }
}

/** A connection's ladder made as its events come, in capture order, its rows going to `sink`. */
export class LadderBuilder {
  /** The previous event's time, since the connection's start: each row's gap is from it. */
  private previous: number | undefined;

  constructor(private readonly sink: RowSink = new AllRows()) {}

  add(event: ConnectionEvent): void {
    const time =
      event.kind === "segment"
        ? event.tracked.sinceStart
        : secondsSinceStart(event.expiry.connection, event.expiry.time);
    const gap = this.previous === undefined ? null : time - this.previous;
    this.previous = time;
    this.sink.add(
      event.kind === "segment" ? { kind: "segment", event, gap } : { kind: "timer", event, sinceStart: time, gap },
    );
  }

  /** The ladder, once the connection is done: its lifelines start in the states before its first changes. */
  ladder(connection: Connection): Ladder {
    return {
      stream: connection.stream,
      labels: { client: connection.client.label, server: connection.server.label },
      initialStates: { client: initialState(connection, "client"), server: initialState(connection, "server") },
      rows: this.sink.rows(),
    };
  }
}

export function ladderOf(connection: Connection, events: readonly ConnectionEvent[]): Ladder {
  const builder = new LadderBuilder();
  for (const event of events) builder.add(event);
  return builder.ladder(connection);
}

/**
 * The state before the first recorded change (an endpoint that never changed was always in its
 * final state), marked ? when the endpoint sent nothing: then nothing confirms it.
 */
function initialState(connection: Connection, role: Role): string {
  const first = connection.stateChanges.find((change) => change.endpoint === role);
  const endpoint = connection.endpoint(role);
  const state = first === undefined ? endpoint.state : first.from;
  return endpoint.packets === 0 ? state + UNCONFIRMED_MARK : state;
}

/** Does the ladder show a state its endpoint's own segments do not confirm (then a legend says what ? means)? */
export function showsUnconfirmed(ladder: Ladder): boolean {
  const { client, server } = ladder.initialStates;
  if (client.endsWith(UNCONFIRMED_MARK) || server.endsWith(UNCONFIRMED_MARK)) return true;
  return ladder.rows.some(
    (row) =>
      row.kind === "segment" &&
      (row.event.tracked.confidence.client !== "confirmed" || row.event.tracked.confidence.server !== "confirmed"),
  );
}

function secondsSinceStart(connection: Connection, time: number): number {
  return time - secondsOf(connection.firstTime);
}
