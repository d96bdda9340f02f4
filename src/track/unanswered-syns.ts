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

/**
 * Connections opened by a SYN that nothing answered (docs/findings.md, Memory): a SYN flood's
 * million of them would otherwise each hold a connection until the capture ends. One is let go of
 * once the timeout passed since its last segment with still no word from the server, or when too
 * many are held. Each is held with when it is due (TimedFifo).
 */
export class UnansweredSyns {
  private readonly held = new TimedFifo<Connection>();

  constructor(
    private readonly seconds: number,
    private readonly limit: number,
  ) {}

  add(connection: Connection, time: number): void {
    this.held.push(connection, time + this.seconds);
  }

  /** The next connection whose SYN went unanswered for the timeout by `now` (or held longest, when too many are). */
  next(now: number): Connection | undefined {
    const held = this.held;
    for (let connection = held.peek(); connection !== undefined; connection = held.peek()) {
      if (held.firstDue > now && held.size <= this.limit) return undefined;
      held.drop();
      if (connection.retired || connection.server.packets > 0) continue;
      const last = secondsOf(connection.lastTime);
      // The SYN was repeated since: held from the repeat on (unless too many are held).
      if (last + this.seconds > now && held.size < this.limit) held.push(connection, last + this.seconds);
      else return connection;
    }
    return undefined;
  }
}
