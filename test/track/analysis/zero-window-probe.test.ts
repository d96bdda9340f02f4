import { describe, expect, it } from "vitest";
import { findings, handshake } from "./scenario.js";

/** packet-tcp.c ZERO WINDOW PROBE and ZERO WINDOW PROBE ACK. */
describe("zero-window probe", () => {
  it("flags one byte at the next sequence number into a zero window, and the unchanged answer", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A", { window: 0 });
    const probe = c.send("client", "PA", { len: 1, after: 0.2 });
    expect(findings(probe)).toEqual(["zero_window_probe"]);
    expect(findings(c.send("server", "A", { window: 0, ack: c.next.client - 1 }))).toEqual([
      "zero_window",
      "zero_window_probe_ack",
    ]);
  });

  it("does not move the next sequence number: the data after it starts at the probe's byte", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A", { window: 0 });
    c.send("client", "PA", { len: 1, after: 0.2 });
    c.send("server", "A", { window: 0, ack: c.next.client - 1 });
    c.send("server", "A", { window: 1000, ack: c.next.client - 1 });
    expect(findings(c.send("client", "PA", { seq: c.next.client - 1, len: 100 }))).toEqual([]);
  });

  it("is answered with ack = probe + 1 as an ACK of unseen data (tshark 4.0.17 wants the ack unchanged)", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A", { window: 0 });
    c.send("client", "PA", { len: 1, after: 0.2 });
    expect(findings(c.send("server", "A", { window: 0 }))).toEqual(["ack_lost_segment", "zero_window"]);
  });
});
