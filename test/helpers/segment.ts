import type { Segment } from "../../src/decode/segment.js";

/**
 * A decoded segment from the client (10.0.0.1:40000) to the server (10.0.0.2:80): by default a
 * bare ACK, seq 1 and ack 1, window 1000, at 1,700,000,000 s, frame 1; `fields` replace any of it.
 */
export function clientSegment(fields: Partial<Segment> = {}): Segment {
  return {
    frame: 1,
    seconds: 1_700_000_000,
    nanos: 0,
    ipVersion: 4,
    src: "10.0.0.1",
    dst: "10.0.0.2",
    srcPort: 40000,
    dstPort: 80,
    seq: 1,
    ack: 1,
    flags: 0x10,
    window: 1000,
    urgentPointer: 0,
    headerLength: 20,
    payloadLength: 0,
    payload: new Uint8Array(0),
    options: {},
    windowScaleOption: undefined,
    truncated: false,
    ...fields,
  };
}
