import type { Connection } from "../connection.js";
import type { TrackedSegment } from "../tracked-segment.js";
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

/**
 * What Zeek reads of the segment: one object, filled anew for every segment, as a session keeps
 * none of it and sees one segment at a time.
 */
const ZEEK_SEGMENT: ZeekSegment = {
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

function zeekSegmentOf(tracked: TrackedSegment): ZeekSegment {
  const s = tracked.segment;
  const segment = ZEEK_SEGMENT;
  segment.from = tracked.from;
  segment.srcPort = s.srcPort;
  segment.dstPort = s.dstPort;
  segment.flags = s.flags;
  segment.seq = s.seq;
  segment.ack = s.ack;
  segment.window = s.window;
  segment.len = s.payloadLength;
  segment.captured = s.payload.length;
  return segment;
}
