import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BlockRun } from "../../../src/track/zeek/block-run.js";

type Block = [start: number, end: number];

/** The blocks kept the plain way: one sorted list, merged by filtering, as BlockRun must keep them. */
class PlainBlocks {
  blocks: Block[] = [];

  add(start: number, end: number): void {
    const touching = this.blocks.filter(([s, e]) => e >= start && s <= end);
    const merged: Block = [Math.min(start, ...touching.map(([s]) => s)), Math.max(end, ...touching.map(([, e]) => e))];
    this.blocks = [...this.blocks.filter((block) => !touching.includes(block)), merged].sort((a, b) => a[0] - b[0]);
  }

  dropFirst(): void {
    this.blocks.shift();
  }

  dropEndingBy(upTo: number): void {
    this.blocks = this.blocks.filter(([, end]) => end > upTo);
  }
}

/** Every block, front first, read through what ContentGaps reads (which empties the run). */
function drain(run: BlockRun): Block[] {
  const blocks: Block[] = [];
  while (!run.isEmpty) {
    blocks.push([run.firstStart, run.firstEnd]);
    run.dropFirst();
  }
  return blocks;
}

type Step =
  | { kind: "add"; start: number; len: number }
  | { kind: "dropFirst" }
  | { kind: "dropEndingBy"; upTo: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("add" as const),
      start: fc.integer({ min: 0, max: 300 }),
      len: fc.integer({ min: 1, max: 12 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("dropFirst" as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("dropEndingBy" as const), upTo: fc.integer({ min: 0, max: 300 }) }),
  },
);

describe("the blocks above a hole (BlockRun)", () => {
  it("keeps the blocks the plain sorted list keeps, whatever the order, across runs of two and three blocks", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), fc.constantFrom(2, 3), (steps, chunkBlocks) => {
        const run = new BlockRun(chunkBlocks);
        const plain = new PlainBlocks();
        for (const next of steps) {
          if (next.kind === "add") {
            run.add(next.start, next.start + next.len);
            plain.add(next.start, next.start + next.len);
          } else if (next.kind === "dropEndingBy") {
            run.dropEndingBy(next.upTo);
            plain.dropEndingBy(next.upTo);
          } else if (!run.isEmpty) {
            run.dropFirst();
            plain.dropFirst();
          }
          expect(run.isEmpty).toBe(plain.blocks.length === 0);
          if (!run.isEmpty) expect([run.firstStart, run.firstEnd]).toEqual(plain.blocks[0]);
        }
        expect(drain(run)).toEqual(plain.blocks);
      }),
      { numRuns: 3000, seed: 0x5eed },
    );
  });

  it("a block that covers many runs' blocks merges them into one", () => {
    const run = new BlockRun(2);
    for (let start = 0; start < 40; start += 4) run.add(start, start + 2);
    run.add(5, 32);
    expect(drain(run)).toEqual([
      [0, 2],
      [4, 34],
      [36, 38],
    ]);
  });

  it("blocks in a shuffled order end as the one block they make, with the default run size", () => {
    const run = new BlockRun();
    const order = Array.from({ length: 5000 }, (_, i) => (i * 2017) % 5000);
    for (const byte of order) if (byte !== 0) run.add(byte, byte + 1);
    expect(drain(run)).toEqual([[1, 5000]]);
  });
});
