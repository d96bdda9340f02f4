import { describe, expect, it } from "vitest";
import { StreamOrder } from "../../src/annotate/stream-order.js";

function ordered(limit: number) {
  const out: string[] = [];
  return { out, order: new StreamOrder<string>((item) => out.push(item), limit) };
}

describe("StreamOrder", () => {
  it("lets each stream through once every earlier one is done", () => {
    const { out, order } = ordered(10);
    order.add(2, "two");
    order.add(1, "one");
    expect(out).toEqual([]);
    order.add(0, "zero");
    expect(out).toEqual(["zero", "one", "two"]);
    order.add(3, "three");
    expect(out).toEqual(["zero", "one", "two", "three"]);
  });

  it("passes a stream that is not shown without holding the later ones", () => {
    const { out, order } = ordered(10);
    order.add(1, "one");
    order.add(0, undefined);
    expect(out).toEqual(["one"]);
  });

  it("with more than the limit waiting, lets the lowest through; a stream passed comes when it finishes", () => {
    const { out, order } = ordered(2);
    order.add(1, "one");
    order.add(2, "two");
    expect(out).toEqual([]);
    order.add(4, "four");
    expect(out).toEqual(["one", "two"]);
    order.add(0, "zero");
    expect(out).toEqual(["one", "two", "zero"]);
    order.flush();
    expect(out).toEqual(["one", "two", "zero", "four"]);
  });

  it("puts a thousand streams finished in a shuffled order back in order", () => {
    const { out, order } = ordered(4096);
    const streams = Array.from({ length: 1000 }, (_, i) => i);
    for (let i = streams.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [streams[i], streams[j]] = [streams[j]!, streams[i]!];
    }
    for (const stream of streams) order.add(stream, String(stream));
    expect(out).toEqual(Array.from({ length: 1000 }, (_, i) => String(i)));
  });

  it("keeps each item with its stream through the heap: shuffled streams, a small limit, some not shown", () => {
    // The rule stated plainly: the lowest waiting stream goes when it is next or more than the limit wait.
    const expected: string[] = [];
    const waiting: number[] = [];
    let next = 0;
    const shown = (stream: number) => stream % 5 !== 3;
    const modelAdd = (stream: number) => {
      if (stream < next) {
        if (shown(stream)) expected.push(String(stream));
        return;
      }
      waiting.push(stream);
      waiting.sort((a, b) => a - b);
      while (waiting.length > 0 && (waiting[0] === next || waiting.length > 16)) {
        const lowest = waiting.shift()!;
        next = Math.max(next, lowest + 1);
        if (shown(lowest)) expected.push(String(lowest));
      }
    };
    const { out, order } = ordered(16);
    const streams = Array.from({ length: 2000 }, (_, i) => i);
    for (let i = streams.length - 1; i > 0; i--) {
      const j = Math.min(i, Math.max(0, i - ((i * 7919) % 60)));
      [streams[i], streams[j]] = [streams[j]!, streams[i]!];
    }
    for (const stream of streams) {
      order.add(stream, shown(stream) ? String(stream) : undefined);
      modelAdd(stream);
      expect(out).toEqual(expected);
    }
    order.flush();
    expect(out).toEqual([...expected, ...waiting.filter(shown).map(String)]);
    expect(new Set(out).size).toBe(streams.filter(shown).length);
  });
});
