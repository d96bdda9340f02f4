import type { Connection } from "../connection.js";
import type { TrackedSegment } from "../tracker.js";
import { ZeekSession, type ZeekSegment, type ZeekVerdict } from "./session.js";

/**
 * Zeek's view of each connection, beside the tracker's: kept by Connection object, so it lives
 * and dies with the connection and two captures read at once share nothing.
 */
const sessions = new WeakMap<Connection, ZeekSession>();

/** Feed one tracked segment, in capture order, to its connection's Zeek session. */
export function observeForZeek(tracked: TrackedSegment): void {
  const segment = zeekSegmentOf(tracked);
  let session = sessions.get(tracked.connection);
  if (session === undefined) {
    session = new ZeekSession(segment);
    sessions.set(tracked.connection, session);
  }
  session.process(segment);
}

/** conn_state and history as Zeek would log them for this connection now; null if it was never observed. */
export function zeekVerdictOf(connection: Connection): ZeekVerdict | null {
  return sessions.get(connection)?.verdict ?? null;
}

function zeekSegmentOf(tracked: TrackedSegment): ZeekSegment {
  const s = tracked.segment;
  return {
    from: tracked.from,
    srcPort: s.srcPort,
    dstPort: s.dstPort,
    flags: s.flags,
    seq: s.seq,
    ack: s.ack,
    window: s.window,
    len: s.payloadLength,
    captured: s.payload.length,
  };
}
