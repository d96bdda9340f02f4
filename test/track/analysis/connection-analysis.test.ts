import { describe, expect, it } from "vitest";
import type { TrackedSegment } from "../../../src/track/tracked-segment.js";
import { CLIENT_ISN, Conversation, SERVER_ISN } from "../conversation.js";

/** A tracker that lets a finished connection go at once, and forgets its ends after 2 ms (2*MSL). */
function lettingGoAtOnce(): Conversation {
  return new Conversation(0.001, { keepConnections: false, closeDelaySeconds: 0 });
}

/**
 * A connection that leaves much in its analysis: window scaling, data sent and never acknowledged
 * (more segments than fit among its own numbers), duplicate ACKs, a retransmission, and a RST.
 */
function messyConnection(c: Conversation): void {
  c.send("client", "S", { options: { windowScale: 7 } });
  c.send("server", "SA", { after: 0.03, options: { windowScale: 5 } });
  c.send("client", "A", { after: 0.03 });
  for (let i = 0; i < 8; i++) c.send("client", "PA", { len: 100 });
  c.send("server", "A", { ack: CLIENT_ISN + 101 });
  c.send("server", "A", { ack: CLIENT_ISN + 101 });
  c.send("server", "A", { ack: CLIENT_ISN + 101 });
  c.send("client", "PA", { seq: CLIENT_ISN + 101, len: 100 });
  c.send("client", "RA");
}

/** The same plain connection on the same ports, from the same ISNs, as its segments' analysis reads. */
function plainConnection(c: Conversation): unknown[] {
  c.next.client = CLIENT_ISN;
  c.next.server = SERVER_ISN;
  const sent: TrackedSegment[] = [
    c.send("client", "S"),
    c.send("server", "SA", { after: 0.01 }),
    c.send("client", "A", { after: 0.01 }),
    c.send("client", "PA", { len: 100 }),
    c.send("client", "PA", { len: 100 }),
    c.send("server", "A", { after: 0.02 }),
    c.send("server", "PA", { len: 10, window: 100 }),
    c.send("client", "A", { window: 100 }),
  ];
  // Frames counted from the connection's first, as the second run's start later in the capture.
  const first = sent[0]!.segment.frame;
  return sent.map((tracked) => {
    const { ackedFrame, ...details } = tracked.analysisDetails;
    return { analysis: tracked.analysis, details, acked: ackedFrame === undefined ? undefined : ackedFrame - first };
  });
}

describe("a connection's analysis", () => {
  it("starts afresh on the numbers a connection let go of left behind", () => {
    const reused = lettingGoAtOnce();
    messyConnection(reused);
    reused.idle(1);
    const afterMessy = plainConnection(reused);
    expect(reused.tracker.connectionCount).toBe(2);
    expect(afterMessy).toEqual(plainConnection(lettingGoAtOnce()));
  });
});
