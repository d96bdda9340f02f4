import { describe, expect, it } from "vitest";
import { Conversation } from "../conversation.js";
import { findings, handshake, scaled } from "./scenario.js";

/** packet-tcp.c ZERO WINDOW, WINDOW UPDATE, WINDOW FULL and tcp.window_size. */
describe("scaled window (tcp.window_size)", () => {
  it("shifts windows by the sender's negotiated scale, never on SYNs", () => {
    const c = handshake(0.01, scaled(2, 3));
    const data = c.send("client", "PA", { len: 10, window: 1000 });
    expect(data.analysisDetails).toMatchObject({ windowScaled: 4000, windowScale: 2 });
    expect(c.send("server", "A", { window: 1000 }).analysisDetails).toMatchObject({
      windowScaled: 8000,
      windowScale: 3,
    });
    const syn = c.send("client", "S", { seq: c.next.client - 11, window: 1000, after: 1 });
    expect(syn.analysisDetails.windowScaled).toBe(1000);
  });

  it("keeps the raw field when scaling is not agreed (-2) or the handshake was not seen (-1)", () => {
    const c = handshake(0.01, { client: { windowScale: 7 } });
    expect(c.send("client", "PA", { len: 10, window: 1000 }).analysisDetails).toMatchObject({
      windowScaled: 1000,
      windowScale: -2,
    });
    expect(c.send("server", "A", { window: 1000 }).analysisDetails).toMatchObject({
      windowScaled: 1000,
      windowScale: -2,
    });
  });

  it("uses at most a shift of 14 (RFC 7323 §2.3)", () => {
    const c = handshake(0.01, scaled(15, 0));
    expect(c.send("client", "A", { window: 1 }).analysisDetails).toMatchObject({
      windowScaled: 16384,
      windowScale: 14,
    });
  });
});

describe("zero window", () => {
  it("flags a window of 0 without SYN, FIN or RST", () => {
    const c = handshake();
    expect(findings(c.send("server", "A", { window: 0 }))).toEqual(["zero_window"]);
    expect(findings(c.send("server", "FA", { window: 0 }))).toEqual([]);
  });
});

describe("window update", () => {
  it("flags an empty segment that only changes the window", () => {
    const c = handshake(0.01, scaled(2, 3));
    c.send("client", "PA", { len: 100 });
    c.send("server", "A", { window: 0 });
    const update = c.send("server", "A", { window: 500 });
    expect(findings(update)).toEqual(["window_update"]);
    expect(update.analysisDetails).toMatchObject({ previousWindow: 0, windowScaled: 4000 });
  });
});

describe("window full", () => {
  it("flags data reaching the right edge of the receiver's window", () => {
    const c = handshake(0.01, scaled(2, 3));
    c.send("client", "PA", { len: 10 });
    c.send("server", "A", { window: 50 });
    const full = c.send("client", "PA", { len: 400 });
    expect(findings(full)).toEqual(["window_full"]);
    expect(full.analysisDetails).toMatchObject({ peerAck: 11, peerWindow: 400 });
  });

  it("reads the receiver's SYN-ACK window unscaled until the receiver sends an ACK (Wireshark issue 14690)", () => {
    const c = handshake(0.01, { client: { windowScale: 2 }, server: { windowScale: 3 } });
    // The handshake's SYN-ACK offered 65535: with the shift it would be 524280.
    expect(findings(c.send("client", "PA", { len: 65535 }))).toEqual(["window_full"]);
  });

  it("works with the scale known to be none (neither SYN offered it), not with an unknown one", () => {
    const c = handshake();
    c.send("client", "PA", { len: 10 });
    c.send("server", "A", { window: 100 });
    expect(findings(c.send("client", "PA", { len: 100 }))).toEqual(["window_full"]);
    const midstream = new Conversation();
    midstream.send("client", "PA", { len: 10 });
    midstream.send("server", "A", { window: 100 });
    expect(findings(midstream.send("client", "PA", { len: 100 }))).toEqual([]);
  });
});
