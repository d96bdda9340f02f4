import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ContentGaps } from "../../../src/track/zeek/content-gaps.js";

/**
 * The blocks above the hole kept the plain way: an array searched from the start and spliced for
 * every change, as ContentGaps kept them before. What it must say the same as for any order of
 * data and ACKs (Zeek's own quirks included: a block starting just where a hole was given up
 * counts as one more hole at the next ACK).
 */
class SplicedBlocks {
  private delivered = 1;
  private trimmed = 1;
  private above: Array<{ start: number; end: number }> = [];

  dataSent(seq: number, len: number, ackedUpTo: number): void {
    const start = Math.max(seq, ackedUpTo, this.trimmed);
    const end = seq + len;
    if (end <= start || end <= this.delivered) return;
    if (start > this.delivered) return this.keep(start, end);
    this.delivered = end;
    this.deliverContiguous();
  }

  ackReceived(ack: number, finEnd: number | undefined, partial: boolean): number {
    const upTo = finEnd !== undefined && ack >= finEnd ? finEnd - 1 : ack;
    if (upTo <= this.trimmed) return 0;
    let gaps = 0;
    if (upTo > this.delivered && !(upTo <= 2 && partial)) {
      while (this.above.length > 0 && this.above[0]!.start < upTo) {
        gaps++;
        this.delivered = this.above[0]!.start;
        this.deliverContiguous();
      }
      if (upTo > this.delivered) {
        gaps++;
        this.delivered = upTo;
      }
    }
    this.above = this.above.filter((block) => block.end > upTo);
    this.trimmed = upTo;
    return gaps;
  }

  private keep(start: number, end: number): void {
    const touching = this.above.filter((block) => block.end >= start && block.start <= end);
    const merged = {
      start: Math.min(start, ...touching.map((block) => block.start)),
      end: Math.max(end, ...touching.map((block) => block.end)),
    };
    this.above = [...this.above.filter((block) => !touching.includes(block)), merged].sort((a, b) => a.start - b.start);
  }

  private deliverContiguous(): void {
    while (this.above.length > 0 && this.above[0]!.start <= this.delivered) {
      this.delivered = Math.max(this.delivered, this.above[0]!.end);
      this.above.shift();
    }
  }
}

type Step =
  | { kind: "data"; seq: number; len: number; acked: number }
  | { kind: "ack"; ack: number; fin: boolean; partial: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("data" as const),
      seq: fc.integer({ min: 0, max: 120 }),
      len: fc.integer({ min: 1, max: 6 }),
      acked: fc.integer({ min: 0, max: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("ack" as const),
      ack: fc.integer({ min: 0, max: 130 }),
      fin: fc.boolean(),
      partial: fc.boolean(),
    }),
  },
);

describe("Zeek's content gaps", () => {
  it("counts the holes every ACK gives up as the plain list does, whatever order the data comes in", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const gaps = new ContentGaps();
        const reference = new SplicedBlocks();
        for (const next of steps) {
          if (next.kind === "data") {
            gaps.dataSent(next.seq, next.len, next.acked);
            reference.dataSent(next.seq, next.len, next.acked);
          } else {
            const finEnd = next.fin ? 100 : undefined;
            expect(gaps.ackReceived(next.ack, finEnd, next.partial)).toBe(
              reference.ackReceived(next.ack, finEnd, next.partial),
            );
          }
        }
        expect(gaps.ackReceived(200, undefined, false)).toBe(reference.ackReceived(200, undefined, false));
      }),
      { numRuns: 3000, seed: 0x6a95 },
    );
  });

  it("every other byte missing, then the missing ones in order: no hole is left for the ACK", () => {
    const gaps = new ContentGaps();
    for (let byte = 1; byte < 4000; byte += 2) gaps.dataSent(byte, 1, 1);
    for (let byte = 2; byte < 4000; byte += 2) gaps.dataSent(byte, 1, 1);
    expect(gaps.ackReceived(4000, undefined, false)).toBe(0);
  });

  it("every other byte missing for good: one hole per missing byte", () => {
    const gaps = new ContentGaps();
    for (let byte = 4000; byte > 1; byte -= 2) gaps.dataSent(byte, 1, 1);
    expect(gaps.ackReceived(4001, undefined, false)).toBe(2000);
  });
});
