import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Lines } from "../../src/explain/lines.js";
import { message, MESSAGE_KEYS } from "../../src/explain/message.js";

describe("Lines", () => {
  it("hands out what was pushed since the last take, in order, as arrays of their own", () => {
    const someMessage = fc.tuple(fc.constantFrom(...MESSAGE_KEYS), fc.nat()).map(([key, n]) => message(key, { n }));
    fc.assert(
      fc.property(fc.array(fc.array(someMessage, { maxLength: 20 }), { maxLength: 10 }), (explanations) => {
        const lines = new Lines();
        const taken = explanations.map((messages) => {
          for (const m of messages) lines.push(m);
          return lines.take();
        });
        // Each array is the explanation's alone: later takes changed none of them.
        expect(taken).toEqual(explanations);
        for (let i = 0; i < taken.length; i++) expect(taken[i]).toHaveLength(explanations[i]!.length);
      }),
    );
  });
});
