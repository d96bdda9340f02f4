import type { Connection } from "../connection.js";
import type { TrackedSegment } from "../tracker.js";
import { ZeekSession, type ZeekSegment, type ZeekVerdict } from "./session.js";

/** Feed one tracked segment, in capture order, to its connection's Zeek session (Zeek's view, beside the tracker's). */
export function observeForZeek(tracked: TrackedSegment): void {
  const segment = zeekSegmentOf(tracked);
  const connection = tracked.connection;
  connection.zeek ??= new ZeekSession(segment);
  connection.zeek.process(segment);
}

/** conn_state and history as Zeek would log them for this connection now; null if it was never observed. */
export function zeekVerdictOf(connection: Connection): ZeekVerdict | null {
  return connection.zeek?.verdict ?? null;
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
