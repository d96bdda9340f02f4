import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator } from "../../src/annotate/annotator.js";
import { readCapture } from "../../src/capture/index.js";
import { Evaluation, factsReadBy, readsWiresharkAnalysis, type RuleVerdict } from "../../src/check/evaluate.js";
import { ALL_FACTS, FactsCollector, type FactNeeds } from "../../src/check/facts.js";
import type { Rule } from "../../src/check/rules.js";
import { capturesWithGoldens, FIXTURES } from "../helpers/fixtures.js";
import { EVERY_RULE_KIND, rulesOf } from "../helpers/rules.js";

/**
 * check's run in process, gathering the facts `needs` names; `settling` false: no segment is
 * settled for the facts, as check runs rules that read none.
 */
async function verdicts(
  capture: string,
  rules: Rule[],
  needs: FactNeeds,
  settling = true,
  wiresharkAnalysis = true,
): Promise<RuleVerdict[]> {
  const collector = new FactsCollector(undefined, needs);
  const evaluation = new Evaluation(rules, {}, "en");
  const annotator = new Annotator(
    {
      event() {},
      settled: (tracked) => collector.add(tracked),
      retired: (connection) => evaluation.judge(collector.take(connection)),
    },
    { ...(settling ? { explain: "settled" } : { explain: false, segmentEvents: false }), wiresharkAnalysis },
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
    expect(new FactsCollector(undefined, factsReadBy(rules)).readsSegments).toBe(false);
  });

  it("reads segments for every rule that quotes one or counts its RSTs or findings", () => {
    const quoting = EVERY_RULE_KIND.filter(
      (spec) => spec.kind !== "max-handshake-rtt" && spec.kind !== "connection-count",
    );
    for (const spec of quoting)
      expect(new FactsCollector(undefined, factsReadBy(rulesOf([spec]))).readsSegments, spec.kind).toBe(true);
  });

  // The summaries a verdict reads come from the connections, whichever segments were settled
  // early for the facts (the lookahead's telling changes how segments read, not the connection).
  it.each(capturesWithGoldens())("%s: rules that read no segment judge alike without settling any", async (capture) => {
    const rules = rulesOf(
      EVERY_RULE_KIND.filter((spec) => !new FactsCollector(undefined, factsReadBy(rulesOf([spec]))).readsSegments),
    );
    expect(rules.length).toBeGreaterThan(0);
    expect(await verdicts(capture, rules, factsReadBy(rules), false)).toEqual(
      await verdicts(capture, rules, ALL_FACTS),
    );
  });

  it("runs Wireshark's analysis for every rule but those about RSTs, refusals and the count of connections", () => {
    const free = EVERY_RULE_KIND.filter((spec) => !readsWiresharkAnalysis(rulesOf([spec]))).map((spec) => spec.kind);
    expect(new Set(free)).toEqual(new Set(["no-rst", "no-refused", "connection-count"]));
    expect(readsWiresharkAnalysis(rulesOf([{ kind: "no-rst" }, { kind: "handshake" }]))).toBe(true);
  });

  // What the analysis finds (findings, the iRTT) moves no state, note or verdict of the observer.
  it.each(capturesWithGoldens())("%s: rules that read no analysis judge alike without it", async (capture) => {
    const rules = rulesOf(EVERY_RULE_KIND.filter((spec) => !readsWiresharkAnalysis(rulesOf([spec]))));
    expect(await verdicts(capture, rules, factsReadBy(rules), true, false)).toEqual(
      await verdicts(capture, rules, ALL_FACTS),
    );
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
