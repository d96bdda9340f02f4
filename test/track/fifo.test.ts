import { describe, expect, it } from "vitest";
import { Fifo, TimedFifo } from "../../src/track/fifo.js";

describe("Fifo", () => {
  it("gives items back in the order they came, across many compactions", () => {
    const fifo = new Fifo<number>();
    const taken: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      fifo.push(i);
      if (i % 3 !== 0) taken.push(fifo.shift()!);
    }
    while (fifo.size > 0) taken.push(fifo.shift()!);
    expect(taken).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect([fifo.peek(), fifo.shift(), fifo.size]).toEqual([undefined, undefined, 0]);
  });

  it("clears the slot of each item taken, so the queue keeps none of them alive", () => {
    const fifo = new Fifo<object>();
    for (let i = 0; i < 5; i++) fifo.push({ i });
    fifo.shift();
    fifo.shift();
    const slots = (fifo as unknown as { items: unknown[] }).items;
    expect(slots.slice(0, 2)).toEqual([undefined, undefined]);
    expect(slots.slice(2)).toEqual([{ i: 2 }, { i: 3 }, { i: 4 }]);
  });

  it("retain keeps the items that pass, in order", () => {
    const fifo = new Fifo<number>();
    for (let i = 0; i < 10; i++) fifo.push(i);
    fifo.shift();
    fifo.retain((n) => n % 2 === 0);
    expect([fifo.shift(), fifo.shift(), fifo.size]).toEqual([2, 4, 2]);
  });
});

describe("TimedFifo", () => {
  it("gives items back in order with their due times and marks, across many compactions", () => {
    const fifo = new TimedFifo<{ i: number }>();
    const taken: [number, number, number][] = [];
    const take = () => {
      taken.push([fifo.peek()!.i, fifo.firstDue, fifo.firstMark]);
      fifo.drop();
    };
    for (let i = 0; i < 10_000; i++) {
      fifo.push({ i }, i + 0.5, i % 7);
      if (i % 3 !== 0) take();
    }
    while (fifo.size > 0) take();
    expect(taken).toEqual(Array.from({ length: 10_000 }, (_, i) => [i, i + 0.5, i % 7]));
    expect([fifo.peek(), fifo.size]).toEqual([undefined, 0]);
  });

  it("clears the slot of each item dropped, so the queue keeps none of them alive", () => {
    const fifo = new TimedFifo<object>();
    for (let i = 0; i < 5; i++) fifo.push({ i }, i);
    fifo.drop();
    fifo.drop();
    const slots = (fifo as unknown as { items: unknown[] }).items;
    expect(slots).toEqual([undefined, undefined, { i: 2 }, { i: 3 }, { i: 4 }]);
  });

  it("retain keeps the items that pass, in order, each with its due time and mark, and nothing else", () => {
    const fifo = new TimedFifo<{ i: number }>();
    for (let i = 0; i < 10; i++) fifo.push({ i }, 100 + i, i % 3);
    fifo.drop();
    fifo.retain((item) => item.i % 2 === 0);
    const slots = (fifo as unknown as { items: unknown[] }).items;
    expect(slots).toEqual([{ i: 2 }, { i: 4 }, { i: 6 }, { i: 8 }]);
    const taken: [number, number, number][] = [];
    while (fifo.size > 0) {
      taken.push([fifo.peek()!.i, fifo.firstDue, fifo.firstMark]);
      fifo.drop();
    }
    expect(taken).toEqual([
      [2, 102, 2],
      [4, 104, 1],
      [6, 106, 0],
      [8, 108, 2],
    ]);
  });
});
