import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator } from "../../src/annotate/annotator.js";
import type { AnnotatedSegment } from "../../src/annotate/events.js";
import { readCapture } from "../../src/capture/index.js";
import { headlineOf } from "../../src/check/facts.js";
import { capturesWithGoldens, FIXTURES } from "../helpers/fixtures.js";

async function segmentsOf(capture: string, explain: true | "headlines"): Promise<AnnotatedSegment[]> {
  const segments: AnnotatedSegment[] = [];
  const annotator = new Annotator({ event: (event) => event.kind === "segment" && segments.push(event) }, { explain });
  await readCapture(join(FIXTURES, capture), annotator);
  annotator.finish();
  return segments;
}

/** check explains with headlines only: what it quotes must be what the whole explanation would give. */
describe("Explainer.headline", () => {
  it.each(capturesWithGoldens())(
    "%s: every segment's quoted line is the whole explanation's, and no step waits for its count",
    async (capture) => {
      const whole = await segmentsOf(capture, true);
      const headlines = await segmentsOf(capture, "headlines");
      expect(headlines.map((event) => event.explanation.step)).toEqual(whole.map(() => null));
      expect(headlines.map((event) => headlineOf(event.explanation))).toEqual(
        whole.map((event) => headlineOf(event.explanation)),
      );
      for (const event of headlines) expect(event.explanation.messages.length).toBeLessThanOrEqual(1);
    },
  );
});
