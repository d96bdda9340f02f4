import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator } from "../../src/annotate/annotator.js";
import { readCapture } from "../../src/capture/index.js";
import type { TrackedSegment } from "../../src/track/tracked-segment.js";
import { capturesWithGoldens, FIXTURES } from "../helpers/fixtures.js";

/** Every segment of the capture and every connection, tracked with or without Wireshark's analysis. */
async function track(capture: string, wiresharkAnalysis: boolean) {
  const segments: TrackedSegment[] = [];
  const annotator = new Annotator(
    { event: (event) => (event.kind === "segment" ? segments.push(event.tracked) : undefined) },
    { explain: false, wiresharkAnalysis },
  );
  await readCapture(join(FIXTURES, capture), annotator);
  annotator.finish();
  return { segments, connections: annotator.connections };
}

/** What the observer made of a segment. */
function readingOf(tracked: TrackedSegment) {
  const { segment, seq, ack, states, changes, notes, receipt, confidence } = tracked;
  return { frame: segment.frame, seq, ack, states, changes, notes, receipt, confidence };
}

describe("tracking without Wireshark's analysis", () => {
  it.each(capturesWithGoldens())("%s: reads every segment alike, with no finding and no iRTT", async (capture) => {
    const analyzed = await track(capture, true);
    const bare = await track(capture, false);
    expect(bare.segments.map(readingOf)).toEqual(analyzed.segments.map(readingOf));
    expect(bare.segments.filter((tracked) => tracked.analysis.length > 0)).toEqual([]);
    expect(bare.connections.map((connection) => [connection.findingCounts, connection.initialRtt])).toEqual(
      bare.connections.map(() => [undefined, undefined]),
    );
    expect(bare.connections.map((connection) => connection.stateChanges)).toEqual(
      analyzed.connections.map((connection) => connection.stateChanges),
    );
  });

  it("leaves out findings and iRTTs the captures do have", async () => {
    const retransmissions = await track("shared/tcp_retransmissions.pcapng", true);
    expect(retransmissions.segments.some((tracked) => tracked.analysis.length > 0)).toBe(true);
    const counted = retransmissions.connections.map((connection) => connection.findingCounts);
    expect(counted.some((counts) => (counts?.get("retransmission") ?? 0) > 0)).toBe(true);
    const segmentsWith = (name: string) =>
      retransmissions.segments.filter((tracked) => tracked.analysis.includes(name));
    expect(counted.map((counts) => counts?.get("retransmission") ?? 0)).toEqual(
      retransmissions.connections.map(
        (connection) => segmentsWith("retransmission").filter((tracked) => tracked.connection === connection).length,
      ),
    );
    expect(retransmissions.connections.map((connection) => connection.findingRecord())).toEqual(
      counted.map((counts) => (counts === undefined ? undefined : Object.fromEntries(counts))),
    );
    const handshake = await track("shared/tcp_handshake.pcapng", true);
    expect(handshake.connections.some((connection) => connection.initialRtt !== undefined)).toBe(true);
  });
});
