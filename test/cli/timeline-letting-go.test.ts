import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator, type AnnotatorOptions } from "../../src/annotate/annotator.js";
import { readCapture } from "../../src/capture/index.js";
import { streamingRetention } from "../../src/cli/retention.js";
import { NdjsonTimeline } from "../../src/render/ndjson/ndjson-timeline.js";
import { TextTimeline } from "../../src/render/text/text-timeline.js";
import type { TimelineView } from "../../src/render/shared/timeline.js";
import { ByteWriter } from "../../src/render/shared/byte-writer.js";
import type { Connection } from "../../src/track/connection.js";
import { Conversation, closedByClient } from "../track/conversation.js";
import { runCli } from "../helpers/cli.js";
import { capturesWithGoldens, FIXTURES } from "../helpers/fixtures.js";

const MSL = 30;

const VIEWS: Record<"text" | "ndjson", () => TimelineView> = {
  text: () => new TextTimeline({ language: "en", color: false, absolute: false }),
  ndjson: () => new NdjsonTimeline("en"),
};

/** A timeline of a capture in process, as the annotate command writes it, with the given retention. */
async function timeline(
  capture: string,
  options: AnnotatorOptions,
  format: keyof typeof VIEWS = "text",
): Promise<{ text: string; warnings: string[]; timers: number }> {
  const view = VIEWS[format]();
  const out = new ByteWriter();
  const warnings: string[] = [];
  let text = "";
  let timers = 0;
  const annotator = new Annotator(
    {
      event(event) {
        if (event.kind === "warning") warnings.push(event.message);
        if (event.kind === "timer") timers++;
        view.event(event, out);
        text += out.takeText();
      },
      retired: (connection) => view.retired(connection),
    },
    options,
  );
  const info = await readCapture(join(FIXTURES, capture), annotator);
  view.end(annotator.finish(), undefined, out);
  text = view.capture(capture, info) + text + out.takeText();
  return { text, warnings, timers };
}

describe("the timelines let connections go 2*MSL after they finish", () => {
  it.each(Object.keys(VIEWS) as Array<keyof typeof VIEWS>)(
    "writes every golden capture's %s timeline as keeping every connection does",
    async (format) => {
      for (const capture of capturesWithGoldens()) {
        const kept = await timeline(capture, { tracker: { mslSeconds: MSL } }, format);
        expect(await timeline(capture, { tracker: streamingRetention(MSL) }, format), capture).toEqual(kept);
      }
    },
  );

  it("still prints a TIME_WAIT expiry (here after a 1 s 2*MSL, which the capture outlasts)", async () => {
    const capture = "shared/http_ip4and6.pcapng";
    const kept = await timeline(capture, { tracker: { mslSeconds: 0.5 } });
    expect(kept.timers).toBe(1);
    expect(await timeline(capture, { tracker: streamingRetention(0.5) })).toEqual(kept);
  });

  it("holds a connection through its TIME_WAIT expiry, then lets it go", () => {
    const retired: Connection[] = [];
    const options = streamingRetention(MSL);
    const c = new Conversation(MSL, {
      keepConnections: false,
      closeDelaySeconds: options.closeDelaySeconds!,
      onRetired: (connection) => retired.push(connection),
    });
    closedByClient(c);
    c.idle(2 * MSL - 1);
    expect(retired).toHaveLength(0);
    c.idle(2);
    expect(retired.map((connection) => [connection.client.state, connection.server.state])).toEqual([
      ["CLOSED", "CLOSED"],
    ]);
  });

  it("keeps a FIN retransmitted 10 s after the close in the timeline, where summary lets the stream go after 5 s", () => {
    const run = runCli(["--no-color", "fixtures/crafted/late-fin.pcap"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^\s*#8 /m);
    expect(run.stdout).toMatch(/^\s*#9 /m);
  });
});
