import type { Connection } from "./connection.js";
import { TimedFifo } from "./fifo.js";

/**
 * Finished connections waiting out the close delay (Zeek's tcp_close_delay), oldest first, in
 * case a straggler comes. How many wait at once is bounded too: a finished connection is most of
 * what memory holds, and a capture of 5,000 connections a second would keep 25,000 of them for
 * 5 s (summary of such a capture peaks at 180 MB with 4096 waiting, 360 MB with all). An entry
 * is stale when its connection saw another segment since (a newer entry is made if it is
 * finished again) or was retired another way. Each entry is the connection, when it is due, and
 * its last frame when it was found finished (the queue's mark): a later segment makes it stale.
 */
export class CloseDelayQueue {
  private readonly entries = new TimedFifo<Connection>();

  constructor(
    private readonly delaySeconds: number,
    /** At most this many wait: past it, the one waiting longest is due at once. */
    private readonly limit: number,
  ) {}

  /** The connection is finished as of `time`: it is due after the close delay unless a segment comes. */
  add(connection: Connection, time: number): void {
    this.entries.push(connection, time + this.delaySeconds, connection.lastFrame);
  }

  /** The next connection whose delay ran out by `now` (or that waited longest, when too many wait) and is still finished, if any. */
  next(now: number): Connection | undefined {
    const entries = this.entries;
    for (let connection = entries.peek(); connection !== undefined; connection = entries.peek()) {
      if (entries.firstDue > now && entries.size <= this.limit) return undefined;
      const frame = entries.firstMark;
      entries.drop();
      if (!connection.retired && connection.finished && connection.lastFrame === frame) return connection;
    }
    return undefined;
  }
}
