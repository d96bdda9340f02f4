import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MinHeap } from "../../src/track/min-heap.js";

describe("MinHeap", () => {
  it("gives back the smallest value first, however pushes and pops interleave and past its growth", () => {
    const operation = fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constant("pop" as const));
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (operations) => {
        const heap = new MinHeap();
        const model: number[] = [];
        for (const operation of operations) {
          if (operation !== "pop") {
            heap.push(operation);
            model.push(operation);
            model.sort((a, b) => a - b);
          } else expect(heap.pop()).toBe(model.shift() ?? Number.NaN);
          expect(heap.size).toBe(model.length);
          expect(heap.peek()).toBe(model[0] ?? Number.NaN);
        }
      }),
    );
  });
});
