import type { Connection } from "../connection.js";
import type { ConnectionModel } from "../connection-model.js";
import type { TrackedSegment } from "../tracked-segment.js";
import { ZeekSession, type ZeekSegment, type ZeekVerdict } from "./session.js";

/**
 * Zeek's view of every connection (conn_state, history) as a model: each connection's session is
 * fed its segments in capture order. What Zeek reads of a segment is one object, filled anew for
 * every segment: a session keeps none of it and sees one segment at a time.
 */
export class ZeekModel implements ConnectionModel {
  private readonly segment: ZeekSegment = {
    from: "client",
    srcPort: 0,
    dstPort: 0,
    flags: 0,
    seq: 0,
    ack: 0,
    window: 0,
    len: 0,
    captured: 0,
  };

  /** Nothing yet: Zeek decides the originator by the first segment, which makes the session. */
  opened(): void {}

  read(tracked: TrackedSegment): void {
    const segment = this.zeekSegmentOf(tracked);
    const connection = tracked.connection;
    connection.zeek ??= new ZeekSession(segment);
    connection.zeek.process(segment);
  }

  /** Nothing to free: the session is the verdict its connection's readers ask for. */
  retired(): void {}

  private zeekSegmentOf(tracked: TrackedSegment): ZeekSegment {
    const s = tracked.segment;
    const segment = this.segment;
    segment.from = tracked.from;
    segment.srcPort = s.srcPort;
    segment.dstPort = s.dstPort;
    segment.flags = s.flags;
    // As int32: a small integer whatever its value, where an unsigned one past 2^31 is boxed as it is handed on.
    segment.seq = s.seq | 0;
    segment.ack = s.ack | 0;
    segment.window = s.window;
    segment.len = s.payloadLength;
    // Whole unless the snap length cut it: the payload view is made only then.
    segment.captured = s.truncated ? s.payload.length : s.payloadLength;
    return segment;
  }
}

/** conn_state and history as Zeek would log them for this connection now; null if it was never observed. */
export function zeekVerdictOf(connection: Connection): ZeekVerdict | null {
  return connection.zeek?.verdict ?? null;
}
