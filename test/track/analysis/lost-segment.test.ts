import { describe, expect, it } from "vitest";
import { Conversation } from "../conversation.js";
import { findings, handshake } from "./scenario.js";

/** packet-tcp.c LOST PACKET and ACKED LOST PACKET: holes in what the capture saw. */
describe("lost segment (previous segment not captured)", () => {
  it("flags a segment beyond the next expected sequence number, with the gap", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    const ahead = c.send("client", "PA", { seq: c.next.client + 100, len: 100 });
    expect(findings(ahead)).toEqual(["lost_segment"]);
    expect(ahead.analysisDetails.nextSeq).toBe(101);
  });

  it("needs something sent before, and never flags a RST", () => {
    const c = new Conversation();
    expect(findings(c.send("client", "PA", { len: 100 }))).toEqual([]);
    expect(findings(c.send("client", "R", { seq: c.next.client + 500 }))).toEqual([]);
  });

  it("flags a pure ACK whose seq jumps (the sender's segments were missed)", () => {
    const c = handshake();
    expect(findings(c.send("server", "A", { seq: c.next.server + 100 }))).toEqual(["lost_segment"]);
  });
});

describe("ACKed segment that wasn't captured", () => {
  it("flags an ACK beyond what the peer was seen to send without a hole, once per hole", () => {
    const c = handshake();
    c.send("server", "PA", { len: 100 });
    c.send("server", "PA", { seq: c.next.server + 100, len: 100 });
    const ack = c.send("client", "A", { ack: c.next.server + 200 });
    expect(findings(ack)).toEqual(["ack_lost_segment"]);
    expect(ack.analysisDetails.peerSeenUpTo).toBe(101);
    expect(findings(c.send("client", "A", { ack: c.next.server + 200 }))).toEqual(["duplicate_ack"]);
  });

  it("flags an ACK of data never seen at all once, marking the peer's duplicate-ACK run", () => {
    const c = handshake();
    c.send("server", "PA", { len: 100 });
    expect(findings(c.send("client", "A", { ack: c.next.server + 100 }))).toEqual(["ack_lost_segment"]);
    expect(findings(c.send("client", "A", { ack: c.next.server + 200 }))).toEqual([]);
  });

  it("is not reported while the peer's duplicate-ACK run is under way", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A");
    c.send("server", "A");
    c.send("server", "PA", { len: 100 });
    const beyond = c.send("client", "A", { ack: c.next.server + 100 });
    expect(findings(beyond)).toEqual([]);
    // The finding is not there, but the record is: tshark shows the iRTT on this frame.
    expect(beyond.analysisDetails.initialRtt).toBe(0.01);
  });
});
