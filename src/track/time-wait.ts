import type { Connection } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import { Fifo } from "./fifo.js";
import type { StateChange } from "./transition.js";

/** One run of an endpoint's timer; the endpoint holds the one running (Endpoint.timeWaitTimer). */
export interface TimeWaitTimer {
  /** Undefined once cancelled: the entry waits in the queue holding nothing. */
  connection: Connection | undefined;
  endpoint: Endpoint | undefined;
  /** When the endpoint entered TIME_WAIT, or a repeated FIN restarted it: 2*MSL after it the timer runs out. */
  since: number;
}

/** A timer that ran out: its endpoint's 2*MSL is over. */
export interface DueTimer {
  connection: Connection;
  endpoint: Endpoint;
  deadline: number;
}

export interface TimeWaitExpiry {
  connection: Connection;
  change: StateChange;
  /** Capture time (seconds since the epoch) at which 2*MSL ran out. */
  time: number;
}

/** What the clock says on most segments: nothing (shared and frozen). */
const NOTHING_DUE: readonly DueTimer[] = Object.freeze([]);

/**
 * The TIME-WAIT timer (RFC 9293 §3.10.7.4 and §3.10.8): an endpoint stays in TIME_WAIT for 2*MSL,
 * restarted by a retransmitted FIN, then is CLOSED. The capture's own clock drives it.
 */
export class TimeWaitClock {
  private readonly queue = new Fifo<TimeWaitTimer>();
  /** Entries in the queue that were cancelled: when they are most of it, it is swept. */
  private cancelled = 0;

  constructor(private readonly durationSeconds: number) {}

  /** Start (or restart) the endpoint's timer at `time`. */
  start(connection: Connection, endpoint: Endpoint, time: number): void {
    // A restart leaves the earlier timer in the queue, no longer the endpoint's.
    const timer = { connection, endpoint, since: time };
    endpoint.timeWaitTimer = timer;
    this.queue.push(timer);
  }

  /** Stop the connection's timers and let go of it: it is forgotten before they run out. */
  cancel(connection: Connection): void {
    this.stop(connection.client);
    this.stop(connection.server);
    // A connection let go of cancels its timers long before they run out (2*MSL): sweep the
    // queue when they are most of it, so that it holds about the running timers, not 2*MSL of them.
    if (this.cancelled > 1024 && this.cancelled * 2 > this.queue.size) this.sweep();
  }

  /** The timers whose 2*MSL ended at or before `now`, taken out; the caller closes their endpoints. */
  expire(now: number): readonly DueTimer[] {
    let expired: DueTimer[] | undefined;
    for (
      let entry = this.queue.peek();
      entry !== undefined && entry.since + this.durationSeconds <= now;
      entry = this.queue.peek()
    ) {
      this.queue.shift();
      const { connection, endpoint } = entry;
      if (connection === undefined || endpoint === undefined) {
        this.cancelled--;
        continue;
      }
      if (endpoint.timeWaitTimer !== entry) continue;
      endpoint.timeWaitTimer = undefined;
      (expired ??= []).push({ connection, endpoint, deadline: entry.since + this.durationSeconds });
    }
    return expired ?? NOTHING_DUE;
  }

  /** Stop the endpoint's timer: it left TIME_WAIT as the evidence now reads it. */
  stop(endpoint: Endpoint): void {
    const timer = endpoint.timeWaitTimer;
    if (timer === undefined) return;
    endpoint.timeWaitTimer = undefined;
    timer.connection = undefined;
    timer.endpoint = undefined;
    this.cancelled++;
  }

  /** Keep only the entries not cancelled, in order. */
  private sweep(): void {
    this.queue.retain((entry) => entry.connection !== undefined);
    this.cancelled = 0;
  }
}
