import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCapture } from "../../src/capture/index.js";
import { Annotator } from "../../src/annotate/annotator.js";
import type { AnnotatedSegment, AnnotationEvent } from "../../src/annotate/events.js";
import { summarize } from "../../src/track/summary.js";
import { FIXTURES } from "../helpers/fixtures.js";

async function annotate(capture: string, explain: boolean | "steps") {
  const events: AnnotationEvent[] = [];
  const annotator = new Annotator(
    { event: (event) => events.push(event) },
    { explain, tracker: { mslSeconds: 0.001 } },
  );
  await readCapture(join(FIXTURES, capture), annotator);
  const totals = annotator.finish();
  const segments = events.filter((event): event is AnnotatedSegment => event.kind === "segment");
  return { events, segments, totals, summaries: annotator.connections.map(summarize) };
}

describe("Annotator without explanations", () => {
  it.each(["loopback/port-reuse.pcap", "loopback/many-connections.pcap", "seed/seed-9502.pcap"])(
    "%s: the same events, tracked segments and connections, each explanation empty",
    async (capture) => {
      const explained = await annotate(capture, true);
      const bare = await annotate(capture, false);
      expect(bare.events.map((event) => event.kind)).toEqual(explained.events.map((event) => event.kind));
      expect(bare.segments.map((event) => event.tracked.segment.frame)).toEqual(
        explained.segments.map((event) => event.tracked.segment.frame),
      );
      expect(
        bare.segments.map((event) => [
          event.tracked.seq,
          event.tracked.ack,
          event.tracked.states,
          event.tracked.analysis,
        ]),
      ).toEqual(
        explained.segments.map((event) => [
          event.tracked.seq,
          event.tracked.ack,
          event.tracked.states,
          event.tracked.analysis,
        ]),
      );
      expect(bare.summaries).toEqual(explained.summaries);
      expect(bare.totals).toEqual(explained.totals);
      for (const event of bare.segments) expect(event.explanation).toEqual({ step: null, messages: [] });
    },
  );
});

describe("Annotator without segment events", () => {
  it.each(["loopback/port-reuse.pcap", "loopback/many-connections.pcap", "seed/seed-9502.pcap"])(
    "%s: every other event and retirement as without explanations, in the same order, and no segment",
    async (capture) => {
      const run = async (segmentEvents: boolean) => {
        const said: string[] = [];
        const annotator = new Annotator(
          {
            event: (event) =>
              said.push(event.kind === "segment" ? `segment ${event.tracked.segment.frame}` : eventLine(event)),
            retired: (connection) => said.push(`retired ${connection.stream}`),
          },
          {
            explain: false,
            segmentEvents,
            tracker: { mslSeconds: 0.001, keepConnections: false, closeDelaySeconds: 0 },
          },
        );
        await readCapture(join(FIXTURES, capture), annotator);
        return { said, totals: annotator.finish() };
      };
      const bare = await run(true);
      const without = await run(false);
      expect(bare.said.some((line) => line.startsWith("segment"))).toBe(true);
      expect(bare.said.some((line) => line.startsWith("retired"))).toBe(true);
      expect(without.said).toEqual(bare.said.filter((line) => !line.startsWith("segment")));
      expect(without.totals).toEqual(bare.totals);
    },
  );
});

/** An event other than a segment's, as one line naming what it is about. */
function eventLine(event: Exclude<AnnotationEvent, AnnotatedSegment>): string {
  if (event.kind === "timer") return `timer ${event.expiry.connection.stream} ${event.expiry.change.endpoint}`;
  if (event.kind === "revision") return `revision ${event.revision.frame} ${event.revision.endpoint}`;
  return `warning ${event.problem} ${event.frame}`;
}

describe("Annotator explaining steps alone", () => {
  it.each(["loopback/port-reuse.pcap", "seed/seed-9502.pcap", "crafted/simultaneous-close.pcap"])(
    "%s: the same events in the same order, each segment with the step it is explained with, and no messages",
    async (capture) => {
      const explained = await annotate(capture, true);
      const steps = await annotate(capture, "steps");
      expect(steps.events.map((event) => event.kind)).toEqual(explained.events.map((event) => event.kind));
      expect(steps.segments.map((event) => event.tracked.segment.frame)).toEqual(
        explained.segments.map((event) => event.tracked.segment.frame),
      );
      expect(steps.segments.map((event) => event.explanation.step)).toEqual(
        explained.segments.map((event) => event.explanation.step),
      );
      expect(explained.segments.some((event) => event.explanation.step !== null)).toBe(true);
      for (const event of steps.segments) expect(event.explanation.messages).toEqual([]);
    },
  );
});

describe("Annotator without Zeek's view", () => {
  it.each(["loopback/port-reuse.pcap", "loopback/many-connections.pcap", "seed/seed-9502.pcap"])(
    "%s: the same connection records but for zeek, which is null",
    async (capture) => {
      const summariesOf = async (zeek: boolean) => {
        const annotator = new Annotator({ event: () => {} }, { explain: false, zeek });
        await readCapture(join(FIXTURES, capture), annotator);
        annotator.finish();
        return annotator.connections.map(summarize);
      };
      const followed = await summariesOf(true);
      const without = await summariesOf(false);
      expect(followed.every((summary) => summary.zeek !== null)).toBe(true);
      expect(without).toEqual(followed.map((summary) => ({ ...summary, zeek: null })));
    },
  );
});
