import { describe, expect, it } from "vitest";
import { Conversation } from "../conversation.js";
import { findings, handshake } from "./scenario.js";

/** The retransmission family (packet-tcp.c RETRANSMISSION/FAST RETRANSMISSION/OUT-OF-ORDER). */
describe("retransmission", () => {
  it("flags data below the next expected sequence number, sent again after the timer", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    const again = c.send("client", "PA", { seq: c.next.client - 100, len: 100, after: 0.2 });
    expect(findings(again)).toEqual(["retransmission"]);
    expect(again.analysisDetails).toMatchObject({ nextSeq: 101, originalFrame: 4, sinceOriginal: 0.2 });
  });

  it("flags a repeated SYN and a repeated FIN", () => {
    const c = handshake();
    expect(findings(c.send("client", "S", { seq: c.next.client - 1, after: 1 }))).toEqual(["retransmission"]);
    c.send("client", "FA");
    expect(findings(c.send("client", "FA", { seq: c.next.client - 1, after: 0.2 }))).toEqual(["retransmission"]);
  });

  it("counts more than one byte starting one below the next sequence number as new data (after a one-byte probe)", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    expect(findings(c.send("client", "PA", { seq: c.next.client - 1, len: 50, after: 0.2 }))).toEqual([]);
  });

  it("never calls a keep-alive a retransmission", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A");
    expect(findings(c.send("client", "A", { seq: c.next.client - 1, len: 1, after: 60 }))).toEqual(["keep_alive"]);
  });
});

describe("spurious retransmission", () => {
  it("flags data the receiver already acknowledged, tested before the others", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A");
    const again = c.send("client", "PA", { seq: c.next.client - 100, len: 100, after: 0.0001 });
    expect(findings(again)).toEqual(["retransmission", "spurious_retransmission"]);
    expect(again.analysis).toEqual(["spurious_retransmission", "retransmission"]);
    expect(again.analysisDetails.peerAck).toBe(101);
  });
});

describe("fast retransmission", () => {
  it("flags the byte the receiver asks for after two or more duplicate ACKs, within 20 ms of its last ACK", () => {
    const c = handshake();
    for (let i = 0; i < 4; i++) c.send("client", "PA", { len: 100 });
    const first = c.send("server", "A", { ack: c.next.client - 300 });
    c.send("server", "A", { ack: c.next.client - 300 });
    const last = c.send("server", "A", { ack: c.next.client - 300 });
    const again = c.send("client", "PA", { seq: c.next.client - 300, len: 100, after: 0.019 });
    expect(again.analysis).toEqual(["fast_retransmission", "retransmission"]);
    expect(again.analysisDetails).toMatchObject({
      peerDuplicateAcks: 2,
      peerDuplicateAckFrames: [first.segment.frame + 1, last.segment.frame],
      peerAck: 101,
    });
  });

  it("is a plain retransmission from 20 ms after the receiver's last ACK", () => {
    const c = handshake();
    for (let i = 0; i < 3; i++) c.send("client", "PA", { len: 100 });
    for (let i = 0; i < 3; i++) c.send("server", "A", { ack: c.next.client - 200 });
    expect(findings(c.send("client", "PA", { seq: c.next.client - 200, len: 100, after: 0.02 }))).toEqual([
      "retransmission",
    ]);
  });

  it("follows an ACK of data the capture missed as if there were duplicate ACKs (tshark 4.0.17 quirk)", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "PA", { len: 100, ack: c.next.client - 100 });
    expect(findings(c.send("client", "A", { ack: c.next.server + 100 }))).toEqual(["ack_lost_segment"]);
    const again = c.send("client", "PA", { seq: c.next.client - 100, len: 100 });
    expect(findings(again)).toEqual(["fast_retransmission", "retransmission"]);
    expect(again.analysisDetails.peerDuplicateAcks).toBe(-1);
  });
});

describe("out of order", () => {
  it("flags a segment below the highest one that came within the iRTT of it", () => {
    const c = handshake(0.01);
    c.send("client", "PA", { len: 100 });
    const ahead = c.send("client", "PA", { seq: c.next.client + 100, len: 100 });
    expect(findings(ahead)).toEqual(["lost_segment"]);
    // The conversation's next sequence number stayed at the hole.
    const late = c.send("client", "PA", { seq: c.next.client, len: 100, after: 0.009 });
    expect(findings(late)).toEqual(["out_of_order"]);
    expect(late.analysisDetails).toMatchObject({ nextSeq: 301, outOfOrderLimit: 0.01, sinceHighest: 0.009 });
  });

  it("uses 3 ms when there was no handshake", () => {
    const midstream = new Conversation();
    midstream.send("client", "PA", { len: 100 });
    midstream.send("client", "PA", { seq: midstream.next.client + 100, len: 100 });
    expect(findings(midstream.send("client", "PA", { seq: midstream.next.client, len: 100, after: 0.0029 }))).toEqual([
      "out_of_order",
    ]);
    expect(findings(midstream.send("client", "PA", { seq: midstream.next.client, len: 100, after: 0.0031 }))).toEqual([
      "retransmission",
    ]);
  });

  it("is not out-of-order when it ends where the next expected sequence number is (a repeated FIN)", () => {
    const c = handshake();
    c.send("client", "FA");
    expect(findings(c.send("client", "FA", { seq: c.next.client - 1, after: 0.0001 }))).toEqual(["retransmission"]);
  });
});
