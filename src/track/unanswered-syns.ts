import type { Connection } from "./connection.js";
import { TimedFifo } from "./fifo.js";
import { secondsOf } from "../capture/timestamp.js";

/**
 * Capture seconds an unanswered SYN is held: longer than Linux's SYN retransmissions last
 * (tcp_syn_retries 6: 1+2+4+8+16+32+64 = 127 s), so that a repeat of the SYN still finds it.
 */
export const DEFAULT_UNANSWERED_SYN_SECONDS = 130;
/** At most this many unanswered SYNs are held at once; past it the oldest is let go of. */
export const DEFAULT_MAX_UNANSWERED = 4096;
/** Entries left behind by connections answered or let go of, past which the queue is swept once they are most of it. */
const SWEEP_AFTER = 1024;

/**
 * Connections opened by a SYN that nothing answered (docs/findings.md, Memory): a SYN flood's
 * million of them would otherwise each hold a connection until the capture ends. One is let go of
 * once the timeout passed since its last segment with still no word from the server, or when too
 * many are held. Each is held with when it is due (TimedFifo).
 *
 * Only the connections still awaiting their answer count toward the limit (Connection.awaitsAnswer):
 * one is forgotten when its server first speaks or it is let go of another way. Its entry stays in
 * the queue until it comes due or the queue is swept, which happens once such entries are most of
 * it: a busy capture's answered handshakes would otherwise push an unanswered SYN out within
 * seconds, before its retransmissions, and keep thousands of let-go connections reachable.
 */
export class UnansweredSyns {
  private readonly held = new TimedFifo<Connection>();
  /** Entries whose connection still awaits its answer. */
  private awaiting = 0;
  /** Entries whose connection no longer does. */
  private forgotten = 0;

  constructor(
    private readonly seconds: number,
    private readonly limit: number,
  ) {}

  add(connection: Connection, time: number): void {
    this.held.push(connection, time + this.seconds);
    connection.awaitsAnswer = true;
    this.awaiting++;
  }

  /** The connection's server spoke, or it was let go of: it no longer counts, and its entry is dropped when reached. */
  forget(connection: Connection): void {
    if (!connection.awaitsAnswer) return;
    connection.awaitsAnswer = false;
    this.awaiting--;
    this.forgotten++;
    if (this.forgotten > SWEEP_AFTER && 2 * this.forgotten > this.held.size) this.sweep();
  }

  /** The next connection whose SYN went unanswered for the timeout by `now` (or held longest, when too many are). */
  next(now: number): Connection | undefined {
    const held = this.held;
    for (let connection = held.peek(); connection !== undefined; connection = held.peek()) {
      if (held.firstDue > now && this.awaiting <= this.limit) return undefined;
      held.drop();
      if (!connection.awaitsAnswer) {
        this.forgotten--;
        continue;
      }
      const last = secondsOf(connection.lastTime);
      // The SYN was repeated since: held from the repeat on (unless too many are held).
      if (last + this.seconds > now && this.awaiting <= this.limit) held.push(connection, last + this.seconds);
      else {
        connection.awaitsAnswer = false;
        this.awaiting--;
        return connection;
      }
    }
    return undefined;
  }

  /** Drop the entries of connections no longer awaiting their answer. */
  private sweep(): void {
    this.held.retain((connection) => connection.awaitsAnswer);
    this.forgotten = 0;
  }
}
