import { describe, expect, it } from "vitest";
import type { TrackedSegment } from "../../src/track/tracked-segment.js";
import { Conversation } from "./conversation.js";

/** A handshake, data, a crossing close (each FIN sent before the other's arrives) and the last ACKs, tracked with or without handing out settled segments. */
function closeCrossing(handOutSettled: boolean) {
  const c = new Conversation(30, { handOutSettled });
  const tracked: TrackedSegment[] = [];
  const settled: TrackedSegment[] = [];
  const send = (...args: Parameters<Conversation["send"]>) => {
    tracked.push(c.send(...args));
    settled.push(...c.tracker.takeSettled());
  };
  send("client", "S");
  send("server", "SA");
  send("client", "A");
  send("client", "PA", { len: 100 });
  send("server", "A");
  send("client", "FA");
  send("server", "FA", { ack: c.next.client - 1 });
  send("client", "A");
  send("server", "A");
  c.tracker.finish();
  settled.push(...c.tracker.takeSettled());
  return { tracked, settled };
}

/** What a segment did to the endpoints, as handed out. */
function readingOf(segment: TrackedSegment) {
  return { states: segment.states, changes: segment.changes, notes: segment.notes, receipt: segment.receipt };
}

describe("a tracker that does not hand out settled segments", () => {
  it("hands out none, and each segment reads as when they are handed out, but for its confidence", () => {
    const handed = closeCrossing(true);
    const kept = closeCrossing(false);
    expect(handed.settled).toEqual(handed.tracked);
    expect(kept.settled).toEqual([]);
    expect(kept.tracked.map(readingOf)).toEqual(handed.tracked.map(readingOf));
    expect(kept.tracked.every((segment) => segment.settled)).toBe(true);
    expect(handed.tracked.some((segment) => segment.confidence.client === "confirmed")).toBe(true);
    expect(kept.tracked.map((segment) => segment.confidence)).toEqual(
      kept.tracked.map(() => ({ client: "unknown", server: "unknown" })),
    );
  });
});
