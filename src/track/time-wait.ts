import type { Connection } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import type { StateChange } from "./transition.js";

interface TimeWaitEntry {
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

/**
 * The TIME-WAIT timer (RFC 9293 §3.10.7.4 and §3.10.8): an endpoint stays in TIME_WAIT for 2*MSL,
 * restarted by a retransmitted FIN, then is CLOSED. The capture's own clock drives it.
 */
export class TimeWaitClock {
  private readonly queue: TimeWaitEntry[] = [];
  private head = 0;
  private readonly deadlines = new WeakMap<Endpoint, number>();

  constructor(private readonly durationSeconds: number) {}

  /** Start (or restart) the endpoint's timer at `time`. */
  start(connection: Connection, endpoint: Endpoint, time: number): void {
    const deadline = time + this.durationSeconds;
    this.deadlines.set(endpoint, deadline);
    this.queue.push({ connection, endpoint, deadline });
  }

  /** Close every endpoint whose 2*MSL ended at or before `now`; `frame` is the frame whose time passed it. */
  expire(now: number, frame: number): TimeWaitExpiry[] {
    const expired: TimeWaitExpiry[] = [];
    while (this.head < this.queue.length) {
      const entry = this.queue[this.head]!;
      if (entry.deadline > now) break;
      this.head++;
      const current = this.deadlines.get(entry.endpoint);
      if (entry.endpoint.state !== "TIME_WAIT" || current !== entry.deadline) continue;
      entry.connection.setState(entry.endpoint, "CLOSED", "time-wait-expired", frame);
      for (const change of entry.connection.takeChanges()) {
        expired.push({ connection: entry.connection, change, time: entry.deadline });
      }
    }
    this.compact();
    return expired;
  }

  /** Drop the consumed front of the queue now and then, so memory follows the open timers. */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
