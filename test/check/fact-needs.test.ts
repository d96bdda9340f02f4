import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator } from "../../src/annotate/annotator.js";
import { readCapture } from "../../src/capture/index.js";
import { Evaluation, factsReadBy, type RuleVerdict } from "../../src/check/evaluate.js";
import { ALL_FACTS, FactsCollector, type FactNeeds } from "../../src/check/facts.js";
import type { Rule } from "../../src/check/rules.js";
import { capturesWithGoldens, FIXTURES } from "../helpers/fixtures.js";
import { EVERY_RULE_KIND, rulesOf } from "../helpers/rules.js";

/** check's run in process, gathering the facts `needs` names. */
async function verdicts(capture: string, rules: Rule[], needs: FactNeeds): Promise<RuleVerdict[]> {
  const collector = new FactsCollector(undefined, needs);
  const evaluation = new Evaluation(rules, {}, "en");
  const annotator = new Annotator(
    {
      event() {},
      settled: (tracked) => collector.add(tracked),
      retired: (connection) => evaluation.judge(collector.take(connection)),
    },
    { explain: "settled" },
  );
  await readCapture(join(FIXTURES, capture), annotator);
  annotator.finish();
  return evaluation.verdicts();
}

describe("check gathering only the facts its rules read", () => {
  it("reads no fact for rules about the capture or the iRTT alone", () => {
    const rules: Rule[] = [
      { spec: { kind: "connection-count", count: 1, atLeast: true }, selector: {}, origin: "a" },
      { spec: { kind: "max-handshake-rtt", maxSeconds: 1 }, selector: {}, origin: "b" },
    ];
    expect(factsReadBy(rules)).toEqual({
      resets: false,
      first: false,
      last: false,
      lastChange: false,
      findings: new Set(),
    });
  });

  // Each rule alone, so that its needs are all that is gathered: any fact it reads but does not
  // name would change an offender's frames or quoted headline on some capture.
  it.each(capturesWithGoldens())("%s: each rule's verdict is the one judged with every fact", async (capture) => {
    for (const spec of EVERY_RULE_KIND) {
      const rules = rulesOf([spec]);
      expect(await verdicts(capture, rules, factsReadBy(rules)), spec.kind).toEqual(
        await verdicts(capture, rules, ALL_FACTS),
      );
    }
  });
});
