import { describe, expect, it } from "vitest";
import { Explainer } from "../../src/explain/explainer.js";
import { formatMessage } from "../../src/explain/format.js";
import type { Role } from "../../src/track/states.js";
import { CLIENT_ISN, Conversation, SERVER_ISN, type SendOptions } from "../track/conversation.js";

/** A conversation whose segments are explained as they are sent; text() gives the last one's English. */
class Explained {
  readonly conversation = new Conversation();
  private readonly explainer = new Explainer({ timeWaitSeconds: 60 });
  private lastText: string[] = [];

  send(from: Role, flags: string, options: SendOptions = {}): this {
    const explanation = this.explainer.explain(this.conversation.send(from, flags, options));
    this.lastText = explanation.messages.map((message) => formatMessage(message, "en"));
    return this;
  }

  handshake(): this {
    return this.send("client", "S").send("server", "SA", { after: 0.005 }).send("client", "A", { after: 0.005 });
  }

  get next() {
    return this.conversation.next;
  }

  text(): string[] {
    return this.lastText;
  }
}

describe("explanations of Wireshark's findings", () => {
  it("says why a fast retransmission was flagged, with the duplicate ACKs' frames", () => {
    const e = new Explained().handshake();
    for (let i = 0; i < 4; i++) e.send("client", "PA", { len: 100 });
    for (let i = 0; i < 4; i++) e.send("server", "A", { ack: e.next.client - 300 });
    e.send("client", "PA", { seq: e.next.client - 300, len: 100 });
    expect(e.text()).toContain(
      "Suspected fast retransmission (Wireshark): seq 101 is below the next expected 401: this data was sent before; the server's 3 duplicate ACKs for 101 (frames 9, 10, 11) triggered it at once, without waiting for the timer (fast retransmit, RFC 5681 §3.2). It was first sent at frame 5, 7 ms earlier, and is not acknowledged yet.",
    );
  });

  it("gives the duplicate-ACK lecture once per connection", () => {
    const e = new Explained().handshake();
    e.send("client", "PA", { len: 100 }).send("server", "A").send("server", "A");
    expect(e.text().join(" ")).toContain("three duplicates make the sender retransmit");
    e.send("server", "A");
    expect(e.text()).toContain("Duplicate ACK #2 of frame 5 (Wireshark): the server is still waiting for byte 101.");
  });

  it("says a keep-alive into a zero window is more likely a Linux zero-window probe", () => {
    const e = new Explained().handshake();
    e.send("client", "PA", { len: 100 })
      .send("server", "A", { window: 0 })
      .send("client", "A", { seq: e.next.client - 1, after: 0.2 });
    expect(e.text().join(" ")).toContain("more likely this is a zero-window probe as Linux sends them");
  });

  it("names the keep-alive defaults", () => {
    const e = new Explained().handshake();
    e.send("client", "PA", { len: 100 })
      .send("server", "A")
      .send("client", "A", { seq: e.next.client - 1, after: 7200 });
    expect(e.text().join(" ")).toContain(
      "after 2 hours without traffic, then a probe every 75 s, and after 10 unanswered probes",
    );
  });

  it("says which frame an ACK acknowledges and after how long", () => {
    const e = new Explained().handshake();
    e.send("client", "PA", { len: 100 }).send("server", "A", { after: 0.0125 });
    expect(e.text()).toContain(
      "It acknowledges the segment of frame 4, 12.5 ms after it was sent (the round-trip time seen from the capture point).",
    );
  });
});

describe("the handshake's options and checks", () => {
  const synOptions = { mss: 1460, windowScale: 7, sackPermitted: true, timestamp: { value: 1, echo: 0 } };

  it("says once, on the SYN-ACK, what both SYNs negotiated", () => {
    const synAck = new Explained()
      .send("client", "S", { options: synOptions })
      .send("server", "SA", { options: { mss: 1400, windowScale: 3 } });
    expect(synAck.text()).toContain(
      "What the SYNs negotiated: MSS: client 1460, server 1400 (the largest segment, in bytes, each is willing to receive); window scaling in use (RFC 7323): the client's windows count in units of 128 bytes (shift 7), the server's in units of 8 (shift 3); no selective acknowledgments (both SYNs must permit SACK); no timestamps (both SYNs must carry them).",
    );
    // A repeated SYN-ACK says its note only.
    synAck.send("server", "SA", { seq: SERVER_ISN, options: { mss: 1400, windowScale: 3 } });
    expect(synAck.text().join(" ")).not.toContain("What the SYNs negotiated");
  });

  it("says when scaling is not in use and an MSS was not announced", () => {
    const synAck = new Explained().send("client", "S", { options: { windowScale: 2 } }).send("server", "SA");
    const line = synAck.text().join(" ");
    expect(line).toContain("MSS: client not announced, server not announced");
    expect(line).toContain("no window scaling: both SYNs must offer it (RFC 7323 §2.2)");
  });

  it("says when a SYN-ACK's ack is not j+1 because it acknowledges a Fast Open SYN's data", () => {
    const e = new Explained().send("client", "S", { len: 5 }).send("server", "SA");
    const text = e.text().join(" ");
    expect(text).toContain(
      `acknowledging the client's SYN j = ${CLIENT_ISN} and the data it carried: ack = ${CLIENT_ISN + 6}.`,
    );
    expect(text).toContain(
      `Check: its ack ${CLIENT_ISN + 6} is not j+1 = ${CLIENT_ISN + 1} but 5 more: it also acknowledges the 5 bytes of data the SYN carried`,
    );
  });

  it("gives the iRTT on the third segment and says when its ack is not k+1", () => {
    const e = new Explained()
      .send("client", "S")
      .send("server", "SA", { after: 0.004 })
      .send("client", "A", { after: 0.006, ack: SERVER_ISN + 5 });
    expect(e.text()).toContain("Handshake round trip (Wireshark's iRTT): 10 ms from the SYN to this ACK.");
    expect(e.text()).toContain(
      `Check: its ack ${SERVER_ISN + 5} is not k+1 = ${SERVER_ISN + 1}, so it does not acknowledge exactly the server's SYN.`,
    );
  });
});
