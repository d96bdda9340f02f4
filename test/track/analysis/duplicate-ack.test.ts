import { describe, expect, it } from "vitest";
import { findings, handshake } from "./scenario.js";

/** packet-tcp.c DUPLICATE ACK: the same ack, window and seq again, with no data. */
describe("duplicate ACK", () => {
  it("counts the repeats of an ACK and names the frame they repeat", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    const original = c.send("server", "A");
    const first = c.send("server", "A");
    const second = c.send("server", "A");
    expect(findings(first)).toEqual(["duplicate_ack"]);
    expect(first.analysisDetails).toMatchObject({ duplicateAckNum: 1, duplicateAckFrame: original.segment.frame });
    expect(second.analysisDetails).toMatchObject({ duplicateAckNum: 2, duplicateAckFrame: original.segment.frame });
  });

  it("starts over when the ack moves", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A");
    c.send("server", "A");
    c.send("client", "PA", { len: 100 });
    const moved = c.send("server", "A");
    expect(findings(moved)).toEqual([]);
    expect(c.send("server", "A").analysisDetails).toMatchObject({
      duplicateAckNum: 1,
      duplicateAckFrame: moved.segment.frame,
    });
  });

  it("is not a segment with data, nor one whose window changed (a window update), nor a zero window", () => {
    const c = handshake();
    c.send("client", "PA", { len: 100 });
    c.send("server", "A");
    expect(findings(c.send("server", "PA", { len: 10 }))).toEqual([]);
    expect(findings(c.send("server", "A", { window: 1000 }))).toEqual(["window_update"]);
    expect(findings(c.send("server", "A", { window: 0 }))).toEqual(["zero_window"]);
    expect(findings(c.send("server", "A", { window: 0 }))).toEqual(["zero_window"]);
  });
});
