import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator, type AnnotatorOptions } from "../../../src/annotate/annotator.js";
import type { LookaheadLimits } from "../../../src/annotate/output-queue.js";
import { readCapture } from "../../../src/capture/index.js";
import { streamingRetention } from "../../../src/cli/retention.js";
import { NdjsonTimeline } from "../../../src/render/ndjson/ndjson-timeline.js";
import { ByteWriter } from "../../../src/render/shared/byte-writer.js";
import type { TimelineView } from "../../../src/render/shared/timeline.js";
import { TimelineBytes } from "../../../src/render/shared/timeline-bytes.js";
import { TextTimeline } from "../../../src/render/text/text-timeline.js";
import { annotateFile } from "../../helpers/annotate-file.js";
import { capturesWithGoldens, FIXTURES } from "../../helpers/fixtures.js";

/** The timelines the CLI writes (default text, brief with the delta time, NDJSON, text fitted to 70 columns). */
const VIEWS: Record<string, () => TimelineView> = {
  text: () => new TextTimeline({ language: "en", color: false, absolute: false }),
  "brief, delta, zh": () =>
    new TextTimeline({ language: "zh", color: false, absolute: false, brief: true, time: "delta" }),
  "since-first, colour": () => new TextTimeline({ language: "en", color: true, absolute: true, time: "since-first" }),
  ndjson: () => new NdjsonTimeline("en"),
  "70 columns": () => new TextTimeline({ language: "en", color: false, absolute: false, columns: 70 }),
};

/** The default lookahead, and one so short that segments are settled before their evidence comes. */
const LIMITS: LookaheadLimits[] = [
  { maxEvents: 4096, maxSeconds: 5 },
  { maxEvents: 2, maxSeconds: 0.0005 },
];

/** The timeline written from the events as the annotator emits them, or written ahead (TimelineBytes) when `ahead`. */
async function timeline(capture: string, view: TimelineView, lookahead: LookaheadLimits, ahead: boolean) {
  const out = new ByteWriter();
  const output = { bytes: out, wrote: () => {} };
  const options: AnnotatorOptions = { tracker: streamingRetention(30), lookahead };
  if (ahead) options.bytes = new TimelineBytes(view, output, () => true);
  const annotator = new Annotator(
    {
      event: (event) => view.event(event, out),
      retired: (connection) => view.retired(connection),
    },
    options,
  );
  await readCapture(join(FIXTURES, capture), annotator);
  view.end(annotator.finish(), undefined, out);
  return out.takeText();
}

describe("TimelineBytes", () => {
  it("writes every capture's timelines as the events emitted in turn write them", async () => {
    // Each capture in two of the views and lookaheads, taken in turn: every pairing over the captures, in a few seconds.
    const pairings = Object.entries(VIEWS).flatMap(([name, view]) => LIMITS.map((limits) => ({ name, view, limits })));
    const captures = capturesWithGoldens();
    for (let i = 0; i < captures.length; i++) {
      for (const { name, view, limits } of [pairings[i % pairings.length]!, pairings[(i + 5) % pairings.length]!]) {
        const expected = await timeline(captures[i]!, view(), limits, false);
        expect(await timeline(captures[i]!, view(), limits, true), `${captures[i]}, ${name}`).toBe(expected);
      }
    }
    expect(captures.length).toBeGreaterThan(50);
  }, 60_000);

  it("writes each view's events, all final, ahead as it writes them in turn", async () => {
    const { events } = await annotateFile(join(FIXTURES, "seed/seed-9502.pcap"));
    for (const [name, make] of Object.entries(VIEWS)) {
      const inTurn = make();
      const expected = new ByteWriter();
      for (const event of events) inTurn.event(event, expected);
      const ahead = make();
      const written = new ByteWriter();
      for (const event of events) {
        if (!ahead.ahead(event, true, written)) ahead.event(event, written);
      }
      expect(written.takeText(), name).toBe(expected.takeText());
    }
  });
});
