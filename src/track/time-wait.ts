import type { Connection } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import { Fifo } from "./fifo.js";
import type { StateChange } from "./transition.js";

interface TimeWaitEntry {
  /** Undefined once cancelled: the entry waits in the queue holding nothing. */
  connection: Connection | undefined;
  endpoint: Endpoint | undefined;
  deadline: number;
}

export interface TimeWaitExpiry {
  connection: Connection;
  change: StateChange;
  /** Capture time (seconds since the epoch) at which 2*MSL ran out. */
  time: number;
}

/** What the clock says on most segments: nothing (shared and frozen). */
const NO_EXPIRIES: readonly TimeWaitExpiry[] = Object.freeze([]);

/**
 * The TIME-WAIT timer (RFC 9293 §3.10.7.4 and §3.10.8): an endpoint stays in TIME_WAIT for 2*MSL,
 * restarted by a retransmitted FIN, then is CLOSED. The capture's own clock drives it.
 */
export class TimeWaitClock {
  private readonly queue = new Fifo<TimeWaitEntry>();
  /** Entries in the queue that were cancelled: when they are most of it, it is swept. */
  private cancelled = 0;
  /** Each endpoint's running timer: a restart leaves the earlier entry in the queue, no longer current. */
  private readonly running = new WeakMap<Endpoint, TimeWaitEntry>();

  constructor(private readonly durationSeconds: number) {}

  /** Start (or restart) the endpoint's timer at `time`. */
  start(connection: Connection, endpoint: Endpoint, time: number): void {
    const entry = { connection, endpoint, deadline: time + this.durationSeconds };
    this.running.set(endpoint, entry);
    this.queue.push(entry);
  }

  /** Stop the connection's timers and let go of it: it is forgotten before they run out. */
  cancel(connection: Connection): void {
    for (const endpoint of [connection.client, connection.server]) {
      const entry = this.running.get(endpoint);
      if (entry === undefined) continue;
      this.running.delete(endpoint);
      entry.connection = undefined;
      entry.endpoint = undefined;
      this.cancelled++;
    }
    // A connection let go of cancels its timers long before they run out (2*MSL): sweep the
    // queue when they are most of it, so that it holds about the running timers, not 2*MSL of them.
    if (this.cancelled > 1024 && this.cancelled * 2 > this.queue.size) this.sweep();
  }

  /** Close every endpoint whose 2*MSL ended at or before `now`; `frame` is the frame whose time passed it. */
  expire(now: number, frame: number): readonly TimeWaitExpiry[] {
    let expired: TimeWaitExpiry[] | undefined;
    for (let entry = this.queue.peek(); entry !== undefined && entry.deadline <= now; entry = this.queue.peek()) {
      this.queue.shift();
      const { connection, endpoint } = entry;
      if (connection === undefined || endpoint === undefined) {
        this.cancelled--;
        continue;
      }
      if (this.running.get(endpoint) !== entry) continue;
      this.running.delete(endpoint);
      if (endpoint.state !== "TIME_WAIT") continue;
      connection.setState(endpoint, "CLOSED", "time-wait-expired", frame);
      expired ??= [];
      for (const change of connection.takeChanges()) expired.push({ connection, change, time: entry.deadline });
    }
    return expired ?? NO_EXPIRIES;
  }

  /** Keep only the entries not cancelled, in order. */
  private sweep(): void {
    this.queue.retain((entry) => entry.connection !== undefined);
    this.cancelled = 0;
  }
}
