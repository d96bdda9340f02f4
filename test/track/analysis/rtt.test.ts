import { describe, expect, it } from "vitest";
import { Conversation } from "../conversation.js";
import { handshake } from "./scenario.js";

/** tcp.analysis.acks_frame, ack_rtt and initial_rtt as tshark shows them. */
describe("ACK RTT", () => {
  it("names the segment an ACK ends at and the time since it was sent", () => {
    const c = handshake();
    const data = c.send("client", "PA", { len: 100 });
    const ack = c.send("server", "A", { after: 0.025 });
    expect(ack.analysisDetails).toMatchObject({ ackedFrame: data.segment.frame, ackRtt: 0.025 });
  });

  it("measures from the first copy of a segment sent twice", () => {
    const c = handshake();
    const first = c.send("client", "PA", { len: 100 });
    c.send("client", "PA", { seq: c.next.client - 100, len: 100, after: 0.2 });
    expect(c.send("server", "A", { after: 0.01 }).analysisDetails).toMatchObject({
      ackedFrame: first.segment.frame,
      ackRtt: 0.21,
    });
  });

  it("matches only an ACK that ends exactly at a segment: one inside it keeps the rest waiting", () => {
    const c = handshake();
    const data = c.send("client", "PA", { len: 100 });
    expect(c.send("server", "A", { ack: c.next.client - 50 }).analysisDetails.ackedFrame).toBeUndefined();
    expect(c.send("server", "A", { after: 0.01 }).analysisDetails).toMatchObject({
      ackedFrame: data.segment.frame,
      ackRtt: 0.011,
    });
  });

  it("is not measured again for a duplicate ACK", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A");
    expect(c.send("server", "A").analysisDetails.ackedFrame).toBeUndefined();
  });
});

describe("initial RTT (iRTT)", () => {
  it("runs from the most recent SYN to the first ACK without SYN", () => {
    const c = new Conversation();
    c.send("client", "S");
    c.send("client", "S", { seq: c.next.client - 1, after: 1 });
    c.send("server", "SA", { after: 0.004 });
    expect(c.send("client", "A", { after: 0.006 }).analysisDetails.initialRtt).toBe(0.01);
    expect(c.connection.initialRtt).toBe(0.01);
  });

  it("is shown only on frames that have an analysis record, as tshark shows it", () => {
    const c = handshake();
    expect(c.send("client", "PA", { len: 100 }).analysisDetails.initialRtt).toBe(0.01);
    // A bare FIN acknowledging nothing new has none: no finding, nothing acked, no data.
    expect(c.send("server", "FA", { ack: c.next.client - 100 }).analysisDetails.initialRtt).toBeUndefined();
  });

  it("is unknown without a handshake, while ACKs still name the frame they acknowledge", () => {
    const midstream = new Conversation();
    midstream.send("client", "PA", { len: 10 });
    expect(midstream.send("server", "A").analysisDetails).toMatchObject({ ackedFrame: 1 });
    expect(midstream.connection.initialRtt).toBeUndefined();
  });
});
