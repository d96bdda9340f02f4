import type { Connection } from "./connection.js";
import { Fifo } from "./fifo.js";
import { secondsOf } from "../capture/timestamp.js";

/**
 * Capture seconds an unanswered SYN is held: longer than Linux's SYN retransmissions last
 * (tcp_syn_retries 6: 1+2+4+8+16+32+64 = 127 s), so that a repeat of the SYN still finds it.
 */
export const DEFAULT_UNANSWERED_SYN_SECONDS = 130;
/** At most this many unanswered SYNs are held at once; past it the oldest is let go of. */
export const DEFAULT_MAX_UNANSWERED = 4096;

interface Held {
  connection: Connection;
  due: number;
}

/**
 * Connections opened by a SYN that nothing answered (docs/findings.md, Memory): a SYN flood's
 * million of them would otherwise each hold a connection until the capture ends. One is let go of
 * once the timeout passed since its last segment with still no word from the server, or when too
 * many are held.
 */
export class UnansweredSyns {
  private readonly held = new Fifo<Held>();

  constructor(
    private readonly seconds: number,
    private readonly limit: number,
  ) {}

  add(connection: Connection, time: number): void {
    this.held.push({ connection, due: time + this.seconds });
  }

  /** The next connection whose SYN went unanswered for the timeout by `now` (or held longest, when too many are). */
  next(now: number): Connection | undefined {
    for (let entry = this.held.peek(); entry !== undefined; entry = this.held.peek()) {
      if (entry.due > now && this.held.size <= this.limit) return undefined;
      this.held.shift();
      const { connection } = entry;
      if (connection.retired || connection.server.packets > 0) continue;
      const last = secondsOf(connection.lastTime);
      // The SYN was repeated since: held from the repeat on (unless too many are held).
      if (last + this.seconds > now && this.held.size < this.limit)
        this.held.push({ connection, due: last + this.seconds });
      else return connection;
    }
    return undefined;
  }
}
