import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OffenderList } from "../../src/check/offender-list.js";

describe("OffenderList", () => {
  it("lists the offenders of the lowest streams, in stream order, and counts them all, whatever order they come in", () => {
    const streams = fc.uniqueArray(fc.nat(100_000), { maxLength: 300 });
    fc.assert(
      fc.property(streams, fc.nat(40), (arrival, limit) => {
        const list = new OffenderList<{ stream: number }>(limit);
        for (const stream of arrival) list.add({ stream });
        const lowest = [...arrival].sort((a, b) => a - b).slice(0, limit);
        expect(list.listed().map((offender) => offender.stream)).toEqual(lowest);
        expect(list.count).toBe(arrival.length);
      }),
    );
  });

  it("holds at most twice its limit while offenders come", () => {
    const list = new OffenderList<{ stream: number; held: number }>(3);
    const held: number[] = [];
    for (let stream = 100; stream > 0; stream--) {
      list.add({ stream, held: 0 });
      held.push((list as unknown as { kept: unknown[] }).kept.length);
    }
    expect(Math.max(...held)).toBeLessThan(6);
    expect(list.listed().map((offender) => offender.stream)).toEqual([1, 2, 3]);
  });
});
