import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator } from "../../src/annotate/annotator.js";
import { readCapture } from "../../src/capture/index.js";
import { Evaluation, type RuleVerdict } from "../../src/check/evaluate.js";
import { FactsCollector } from "../../src/check/facts.js";
import { capturesWithGoldens, FIXTURES } from "../helpers/fixtures.js";
import { EVERY_RULE_KIND, rulesOf } from "../helpers/rules.js";

const RULES = rulesOf(EVERY_RULE_KIND);

/**
 * Captures with a segment after their connection finished: a FIN retransmitted into TIME_WAIT,
 * a SYN repeating the ISN of the connection that just closed on its ports, a traffic mirror's
 * copy of the closing ACK, a segment of an endpoint that never took the peer's RST in. Let go of
 * at once, the connection does not see it. The first two come later than the close delay too.
 */
const TOO_LATE = ["crafted/late-fin.pcap", "crafted/rst-lost.pcap"];
const STRAGGLERS = [
  ...TOO_LATE,
  "crafted/rst-challenged.pcap",
  // Real losses: FINs and their last ACKs sent again after both ends read as closed.
  "loopback/lossy-closes.pcap",
  "loopback/port-reuse.same-client-isn.pcap",
  "loopback/port-reuse.same-isn.pcap",
  "tunnels/mirror-copies.pcap",
];

interface CheckRun {
  verdicts: RuleVerdict[];
  lateSegments: number[];
}

/** check's run in process: each connection judged when it is retired. */
async function check(capture: string, keepConnections: boolean, closeDelaySeconds?: number): Promise<CheckRun> {
  const collector = new FactsCollector();
  const evaluation = new Evaluation(RULES, {}, "en");
  const lateSegments: number[] = [];
  const annotator = new Annotator(
    {
      event(event) {
        if (event.kind === "warning" && event.problem === "late-segment") lateSegments.push(event.frame ?? 0);
      },
      settled: (tracked) => collector.add(tracked),
      retired: (connection) => evaluation.judge(collector.take(connection)),
    },
    {
      explain: "settled",
      tracker: { keepConnections, ...(closeDelaySeconds === undefined ? {} : { closeDelaySeconds }) },
    },
  );
  await readCapture(join(FIXTURES, capture), annotator);
  annotator.finish();
  return { verdicts: evaluation.verdicts(), lateSegments };
}

describe("check judging each connection as it is let go of", () => {
  const steady = capturesWithGoldens().filter((capture) => !STRAGGLERS.includes(capture));

  // No close delay: each connection is judged at the first segment after it finished.
  it.each(steady)(
    "%s: let go of at once, every verdict is the one judged with every connection kept",
    async (capture) => {
      const lettingGo = await check(capture, false, 0);
      expect(lettingGo.verdicts).toEqual((await check(capture, true)).verdicts);
      expect(lettingGo.lateSegments).toEqual([]);
    },
  );

  it.each(STRAGGLERS)(
    "%s: a segment after the connection was let go of is warned about, not judged",
    async (capture) => {
      const lettingGo = await check(capture, false, 0);
      expect(lettingGo.lateSegments.length).toBeGreaterThan(0);
      expect(lettingGo.verdicts).not.toEqual((await check(capture, true)).verdicts);
    },
  );

  it("waits out the close delay for stragglers: only a FIN 10 s or 25 s after the close, and its answer, come too late", async () => {
    for (const capture of STRAGGLERS.filter((straggler) => !TOO_LATE.includes(straggler)))
      expect((await check(capture, false)).verdicts).toEqual((await check(capture, true)).verdicts);
    expect((await check("crafted/late-fin.pcap", false)).lateSegments).toEqual([8, 9]);
    expect((await check("crafted/rst-lost.pcap", false)).lateSegments).toEqual([9, 10]);
  });
});
