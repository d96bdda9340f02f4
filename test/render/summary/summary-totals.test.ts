import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countedLatency, SummaryTotalsCounter } from "../../../src/render/summary/summary-totals.js";
import type { ConnectionSummary } from "../../../src/track/summary.js";

/** The parts of a connection record the totals read. */
function record(rtt: number | null, outcome = "complete"): ConnectionSummary {
  return { verdict: "closed", handshake: { outcome, rtt } } as unknown as ConnectionSummary;
}

/** Counts the record as summary's writers do. */
function add(counter: SummaryTotalsCounter, summary: ConnectionSummary): void {
  counter.add(summary.verdict, countedLatency(summary));
}

/** Nearest-rank percentiles over every value, sorted. */
function expectedLatency(rtts: readonly number[]) {
  const sorted = [...rtts].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  return { count: sorted.length, min: sorted[0], median: rank(0.5), p95: rank(0.95), max: sorted.at(-1) };
}

describe("SummaryTotalsCounter", () => {
  it("gives the exact nearest-rank percentiles of the handshake times, repeated or not", () => {
    // Whole microseconds, as summarize rounds them; a narrow range makes repeats common.
    const rtt = fc.integer({ min: 1, max: 3000 }).map((micros) => micros / 1e6);
    fc.assert(
      fc.property(fc.array(rtt, { minLength: 1, maxLength: 300 }), (rtts) => {
        const counter = new SummaryTotalsCounter();
        for (const value of rtts) add(counter, record(value));
        expect(counter.totals().handshakeLatency).toEqual(expectedLatency(rtts));
      }),
    );
  });

  it("counts a time repeated by many connections once per connection, and completed handshakes alone", () => {
    const counter = new SummaryTotalsCounter();
    for (let i = 0; i < 100_000; i++) add(counter, record(((i % 7) + 1) / 1e6));
    add(counter, record(0.5, "refused"));
    add(counter, record(null));
    expect(counter.totals().handshakeLatency).toEqual({
      count: 100_000,
      min: 1e-6,
      median: 4e-6,
      p95: 7e-6,
      max: 7e-6,
    });
    expect(counter.totals().connections).toBe(100_002);
  });
});
