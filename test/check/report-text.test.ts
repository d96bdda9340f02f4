import { describe, expect, it } from "vitest";
import type { RuleVerdict } from "../../src/check/evaluate.js";
import { renderCheckText } from "../../src/check/report-text.js";

describe("check's text report", () => {
  /** More lines than a call takes arguments: pushed with push(...lines), they would overflow the stack. */
  const OFFENDERS = 200_000;

  it(`lists ${OFFENDERS} offenders of one rule (--max-offenders ${OFFENDERS})`, () => {
    const offender = { client: "10.0.0.1:40000", server: "10.0.0.2:80", frames: [1], reason: "handshake incomplete" };
    const verdict: RuleVerdict = {
      rule: { spec: { kind: "handshake" }, selector: {}, origin: "--expect handshake" },
      description: "every connection completes its handshake",
      status: "fail",
      checked: OFFENDERS,
      broke: OFFENDERS,
      offenders: Array.from({ length: OFFENDERS }, (_, stream) => ({ ...offender, stream })),
    };
    const lines = renderCheckText({ captures: ["x.pcap"], verdicts: [verdict], connections: OFFENDERS }, false)
      .trimEnd()
      .split("\n");
    expect(lines).toHaveLength(2 + OFFENDERS);
    expect(lines.at(-1)).toBe(
      `      stream ${OFFENDERS - 1} (10.0.0.1:40000 → 10.0.0.2:80) frame 1: handshake incomplete`,
    );
  });
});
