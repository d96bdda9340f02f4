import { describe, expect, it } from "vitest";
import { findings, handshake } from "./scenario.js";

/** packet-tcp.c KEEP ALIVE and KEEP ALIVE ACK. */
describe("keep-alive", () => {
  it("flags zero or one byte at the next sequence number minus one, and the unchanged answer", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A");
    const empty = c.send("client", "A", { seq: c.next.client - 1, after: 7200 });
    expect(findings(empty)).toEqual(["keep_alive"]);
    expect(empty.analysisDetails).toMatchObject({ nextSeq: 101, peerWindowZero: false });
    expect(findings(c.send("server", "A"))).toEqual(["keep_alive_ack"]);
    expect(findings(c.send("client", "A", { seq: c.next.client - 1, len: 1, after: 75 }))).toEqual(["keep_alive"]);
    expect(findings(c.send("server", "A"))).toEqual(["keep_alive_ack"]);
  });

  it("is what Wireshark calls a Linux zero-window probe (empty, at snd_una - 1), with the zero window as evidence", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A", { window: 0 });
    const probe = c.send("client", "A", { seq: c.next.client - 1, after: 0.2 });
    expect(findings(probe)).toEqual(["keep_alive"]);
    expect(probe.analysisDetails.peerWindowZero).toBe(true);
    // The answer repeats a zero window: not a keep-alive ACK (that needs a window), only zero_window.
    expect(findings(c.send("server", "A", { window: 0 }))).toEqual(["zero_window"]);
  });

  it("never flags SYN, FIN or RST", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    expect(findings(c.send("client", "FA", { seq: c.next.client - 1, after: 1 }))).toEqual(["retransmission"]);
  });
});
