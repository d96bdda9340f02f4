import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteStore } from "../../../src/render/shared/byte-store.js";
import { ByteWriter } from "../../../src/render/shared/byte-writer.js";

/** Write a text (one range of the store), or move out one of the ranges not moved yet, chosen by `pick`. */
type Op = { op: "write"; text: string } | { op: "move"; pick: number };

/**
 * Runs the ops through a store, each range moved out once, in the order the ops choose (as the
 * output queue moves an event's bytes at its turn, written when it came or once final), and
 * through a plain list of the texts: the bytes moved out, and the texts in the order moved.
 */
function run(ops: readonly Op[], chunkSize: number): { moved: Buffer; expected: Buffer } {
  const store = new ByteStore(chunkSize);
  // A small output, handing its bytes over as the CLI's does.
  const pieces: Buffer[] = [];
  const out = new ByteWriter((chunk, release) => {
    pieces.push(Buffer.from(chunk));
    release?.();
  }, 16);
  const ranges: Array<{ from: number; to: number; text: string }> = [];
  const expected: string[] = [];
  for (const op of ops) {
    if (op.op === "write") {
      const from = store.end;
      store.writer.text(op.text);
      ranges.push({ from, to: store.end, text: op.text });
    } else if (ranges.length > 0) {
      const { from, to, text } = ranges.splice(op.pick % ranges.length, 1)[0]!;
      store.move(from, to, out);
      expected.push(text);
    }
  }
  out.flush();
  return { moved: Buffer.concat(pieces), expected: Buffer.from(expected.join("")) };
}

describe("ByteStore", () => {
  it("moves out each range written, in whatever order asked, as a plain list of the texts gives them", () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant("write" as const), text: fc.string({ maxLength: 40 }) }),
      fc.record({ op: fc.constant("write" as const), text: fc.string({ unit: "grapheme", maxLength: 10 }) }),
      fc.record({ op: fc.constant("move" as const), pick: fc.nat(3) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 8, max: 64 }), (ops, chunkSize) => {
        const { moved, expected } = run(ops, chunkSize);
        expect(moved.equals(expected)).toBe(true);
      }),
    );
  });

  it("writes into the same buffer again once everything was moved out", () => {
    const store = new ByteStore(16);
    const out = new ByteWriter();
    for (let i = 0; i < 100; i++) {
      store.writer.text("0123456789");
      store.move(store.end - 10, store.end, out);
      // Nothing handed over: each time, the ten bytes went out of the writer's own buffer.
      expect(store.writer.length).toBe(0);
    }
    expect(out.takeText()).toBe("0123456789".repeat(100));
    expect(store.end).toBe(1000);
  });
});
