import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator } from "../../src/annotate/annotator.js";
import type { LookaheadLimits } from "../../src/annotate/output-queue.js";
import { readCapture } from "../../src/capture/index.js";
import { ConnectionFacts } from "../../src/check/facts.js";
import { TcpFlag } from "../../src/decode/segment.js";
import { Explainer } from "../../src/explain/explainer.js";
import type { Explanation } from "../../src/explain/explainer.js";
import type { Message } from "../../src/explain/message.js";
import type { Connection } from "../../src/track/connection.js";
import { capturesWithGoldens, FIXTURES } from "../helpers/fixtures.js";

/** A lookahead so short that segments are settled before their evidence comes, as on a busy capture. */
const IMPATIENT: LookaheadLimits = { maxEvents: 2, maxSeconds: 0.0005 };

/** What the timeline's explanation says the segment did: its headline, not the remarks before it. */
function headlineOf(explanation: Explanation): Message | undefined {
  const messages = explanation.messages;
  return messages.find((m) => m.key.startsWith("step.") || m.key.startsWith("segment.")) ?? messages[0];
}

/** Each segment's headline in the timeline's whole explanation, by frame. */
async function explained(capture: string, lookahead?: LookaheadLimits): Promise<Map<number, Message | undefined>> {
  const headlines = new Map<number, Message | undefined>();
  const annotator = new Annotator(
    {
      event(event) {
        if (event.kind === "segment") headlines.set(event.tracked.segment.frame, headlineOf(event.explanation));
      },
    },
    lookahead === undefined ? {} : { lookahead },
  );
  await readCapture(join(FIXTURES, capture), annotator);
  annotator.finish();
  return headlines;
}

/** Each segment's headline as check's facts would quote it, taken as it settles, by frame. */
async function quoted(capture: string, lookahead?: LookaheadLimits): Promise<Map<number, Message | undefined>> {
  const headlines = new Map<number, Message | undefined>();
  const explainer = new Explainer({ timeWaitSeconds: 60 });
  const facts = new Map<Connection, ConnectionFacts>();
  const annotator = new Annotator(
    {
      event() {},
      settled(tracked) {
        let connectionFacts = facts.get(tracked.connection);
        if (connectionFacts === undefined)
          facts.set(tracked.connection, (connectionFacts = new ConnectionFacts(tracked.connection, explainer)));
        connectionFacts.add(tracked);
        headlines.set(tracked.segment.frame, connectionFacts.last?.headline());
      },
    },
    { explain: "settled", ...(lookahead === undefined ? {} : { lookahead }) },
  );
  await readCapture(join(FIXTURES, capture), annotator);
  annotator.finish();
  return headlines;
}

/** Each RST's headline as check's facts quote it when only the RSTs are handed out as they settle, by frame. */
async function quotedResets(capture: string, lookahead: LookaheadLimits): Promise<Map<number, Message | undefined>> {
  const headlines = new Map<number, Message | undefined>();
  const explainer = new Explainer({ timeWaitSeconds: 60 });
  const annotator = new Annotator(
    {
      event() {},
      settled(tracked) {
        const facts = new ConnectionFacts(tracked.connection, explainer);
        facts.add(tracked);
        headlines.set(tracked.segment.frame, facts.earliestReset?.headline());
      },
    },
    { explain: "settled", lookahead, settledWanted: (tracked) => (tracked.segment.flags & TcpFlag.RST) !== 0 },
  );
  await readCapture(join(FIXTURES, capture), annotator);
  annotator.finish();
  return headlines;
}

/** The RSTs' frames of a capture, with their headlines in the timeline's whole explanation. */
async function explainedResets(capture: string, lookahead: LookaheadLimits): Promise<Map<number, Message | undefined>> {
  const resets = new Map<number, Message | undefined>();
  const annotator = new Annotator(
    {
      event(event) {
        if (event.kind === "segment" && event.tracked.segment.flags & TcpFlag.RST)
          resets.set(event.tracked.segment.frame, headlineOf(event.explanation));
      },
    },
    { lookahead },
  );
  await readCapture(join(FIXTURES, capture), annotator);
  annotator.finish();
  return resets;
}

describe("check's evidence", () => {
  it.each(capturesWithGoldens())(
    "%s: the headline quoted for each segment is the one its whole explanation starts with",
    async (capture) => {
      const whole = await explained(capture);
      expect(whole.size).toBeGreaterThan(0);
      expect(await quoted(capture)).toEqual(whole);
    },
  );

  it.each(capturesWithGoldens())(
    "%s: so it is when the lookahead cannot wait and settles segments early",
    async (capture) => {
      expect(await quoted(capture, IMPATIENT)).toEqual(await explained(capture, IMPATIENT));
    },
  );

  it.each(capturesWithGoldens())(
    "%s: handed only the RSTs as they settle, each RST is still settled when the timeline settles it",
    async (capture) => {
      // A RST's headline reads what answers it: settled early (the lookahead cannot wait), it may
      // say less. The segments not handed out must still count as settled, or the lookahead would
      // settle the RSTs behind them earlier than the timeline does.
      for (const lookahead of [IMPATIENT, { maxEvents: 8, maxSeconds: 5 }])
        expect(await quotedResets(capture, lookahead)).toEqual(await explainedResets(capture, lookahead));
    },
  );

  it("reads a segment settled early as the timeline told it, not as later evidence revised it", async () => {
    // Refused and mid-stream connections: an impatient lookahead tells their resets before the
    // evidence that says what they answer, and the headlines differ.
    const captures = capturesWithGoldens();
    let differing = 0;
    for (const capture of captures) {
      const patient = await explained(capture);
      const impatient = await explained(capture, IMPATIENT);
      if ([...patient].some(([frame, headline]) => JSON.stringify(impatient.get(frame)) !== JSON.stringify(headline)))
        differing++;
    }
    expect(differing).toBeGreaterThan(0);
  }, 120_000);
});
