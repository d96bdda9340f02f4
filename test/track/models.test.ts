import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator } from "../../src/annotate/annotator.js";
import { readCapture } from "../../src/capture/index.js";
import { FrameDecoder } from "../../src/decode/decode.js";
import { udpTunnels } from "../../src/decode/udp.js";
import type { Connection } from "../../src/track/connection.js";
import { Tracker, type TrackerOptions } from "../../src/track/tracker.js";
import type { TrackedSegment } from "../../src/track/tracked-segment.js";
import { zeekVerdictOf } from "../../src/track/zeek/zeek-model.js";
import { FIXTURES } from "../helpers/fixtures.js";

/** Every segment of the capture through a Tracker of its own, without the annotator. */
async function trackAlone(capture: string, options: TrackerOptions) {
  const decoder = new FrameDecoder(udpTunnels());
  const tracker = new Tracker(options);
  const segments: TrackedSegment[] = [];
  await readCapture(join(FIXTURES, capture), {
    frame: (frame) => {
      const decoded = decoder.decode(frame);
      if (decoded.kind !== "tcp") return;
      const tracked = tracker.track(decoded.segment);
      if ("segment" in tracked) segments.push(tracked);
    },
    warning: () => {},
  });
  tracker.finish();
  return { segments, connections: tracker.connections };
}

/** The connections as the annotator follows them, every model on. */
async function annotated(capture: string): Promise<readonly Connection[]> {
  const annotator = new Annotator({ event: () => {} }, { explain: false, segmentEvents: false });
  await readCapture(join(FIXTURES, capture), annotator);
  annotator.finish();
  return annotator.connections;
}

const CAPTURES = ["shared/tcp_retransmissions.pcapng", "shared/tcp_teardown.pcapng", "shared/synscan.pcapng"];

describe("the models a tracker runs", () => {
  it.each(CAPTURES)(
    "%s: a Tracker alone follows Zeek and Wireshark's analysis as the annotator does",
    async (capture) => {
      const alone = await trackAlone(capture, {});
      const expected = await annotated(capture);
      expect(alone.connections.map(zeekVerdictOf)).toEqual(expected.map(zeekVerdictOf));
      expect(alone.connections.map((connection) => connection.findingRecord())).toEqual(
        expected.map((connection) => connection.findingRecord()),
      );
      expect(alone.connections.every((connection) => zeekVerdictOf(connection) !== null)).toBe(true);
    },
  );

  it.each(CAPTURES)(
    "%s: a model left out leaves its state unmade and the others' readings as they were",
    async (capture) => {
      const all = await trackAlone(capture, {});
      const observerAlone = await trackAlone(capture, { zeek: false, wiresharkAnalysis: false });
      expect(observerAlone.connections.map((connection) => [connection.zeek, connection.analysis])).toEqual(
        observerAlone.connections.map(() => [undefined, undefined]),
      );
      expect(observerAlone.segments.map((tracked) => [tracked.states, tracked.notes, tracked.analysis])).toEqual(
        all.segments.map((tracked) => [tracked.states, tracked.notes, []]),
      );
      const withoutZeek = await trackAlone(capture, { zeek: false });
      expect(withoutZeek.connections.map((connection) => connection.findingRecord())).toEqual(
        all.connections.map((connection) => connection.findingRecord()),
      );
    },
  );
});
