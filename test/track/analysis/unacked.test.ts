import { describe, expect, it } from "vitest";
import { MAX_UNACKED_SEGMENTS, UnackedSegments } from "../../../src/track/analysis/unacked.js";

const at = { seconds: 1, nanos: 0 };

/** The bounded list of unacknowledged segments (packet-tcp.c tcp_unacked_t). */
describe("unacknowledged segments", () => {
  it("drops every segment an ACK covers and returns the oldest one it ends at", () => {
    const list = new UnackedSegments();
    list.add({ frame: 1, seq: 100, nextSeq: 200, time: at });
    list.add({ frame: 2, seq: 200, nextSeq: 300, time: at });
    list.add({ frame: 3, seq: 200, nextSeq: 300, time: at });
    list.add({ frame: 4, seq: 300, nextSeq: 400, time: at });
    expect(list.acknowledge(300)?.frame).toBe(2);
    expect(list.size).toBe(1);
  });

  it("keeps the unacknowledged part of a segment an ACK cuts", () => {
    const list = new UnackedSegments();
    list.add({ frame: 1, seq: 100, nextSeq: 200, time: at });
    expect(list.acknowledge(150)).toBeUndefined();
    expect(list.holding(149)).toBeUndefined();
    expect(list.holding(150)?.frame).toBe(1);
    expect(list.acknowledge(200)?.frame).toBe(1);
    expect(list.size).toBe(0);
  });

  it("compares modulo 2^32", () => {
    const list = new UnackedSegments();
    list.add({ frame: 1, seq: 0xffffff00, nextSeq: 0x10, time: at });
    expect(list.holding(0x5)?.frame).toBe(1);
    expect(list.acknowledge(0x10)?.frame).toBe(1);
  });

  it("stops remembering at Wireshark's bound, when ACKs are not being seen", () => {
    const list = new UnackedSegments();
    for (let i = 0; list.hasRoom; i++) list.add({ frame: i, seq: i * 10, nextSeq: i * 10 + 10, time: at });
    expect(list.size).toBe(MAX_UNACKED_SEGMENTS);
    list.acknowledge(10);
    expect(list.hasRoom).toBe(true);
  });
});
