import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AddressIds } from "../../src/track/address-ids.js";
import { type FlowEnds, FlowMap, flowHash } from "../../src/track/flow-map.js";

const ends = (src: string, srcPort: number, dst: string, dstPort: number) => ({ src, srcPort, dst, dstPort });

/** A value the map can hold (it holds objects: undefined marks its empty slots). */
class Tag {
  constructor(readonly name: string) {}
}
const tag = (name: string) => new Tag(name);

describe("FlowMap", () => {
  it("finds a value from either direction of the connection", () => {
    const map = new FlowMap<Tag>();
    const a = tag("a");
    map.set(ends("10.0.0.1", 40000, "10.0.0.2", 80), a);
    expect(map.get(ends("10.0.0.2", 80, "10.0.0.1", 40000))).toBe(a);
    expect(map.get(ends("10.0.0.1", 40000, "10.0.0.2", 80))).toBe(a);
    expect(map.get(ends("10.0.0.1", 40001, "10.0.0.2", 80))).toBeUndefined();
    expect(map.size).toBe(1);
  });

  it("tells apart the two ends on one address by their ports (loopback)", () => {
    const map = new FlowMap<Tag>();
    const [one, two] = [tag("one"), tag("two")];
    map.set(ends("127.0.0.1", 9502, "127.0.0.1", 40000), one);
    map.set(ends("127.0.0.1", 9502, "127.0.0.1", 40001), two);
    expect(map.get(ends("127.0.0.1", 40000, "127.0.0.1", 9502))).toBe(one);
    expect(map.get(ends("127.0.0.1", 40001, "127.0.0.1", 9502))).toBe(two);
    expect(map.get(ends("127.0.0.1", 40000, "127.0.0.1", 40001))).toBeUndefined();
    expect(map.size).toBe(2);
  });

  it("lists every value held, past growing and deleting, and no deleted one", () => {
    const map = new FlowMap<Tag>(4);
    const tags = Array.from({ length: 40 }, (_, i) => tag(String(i)));
    for (const [i, t] of tags.entries()) map.set(ends("10.0.0.1", 40000 + i, "10.0.0.2", 80), t);
    for (let i = 0; i < 40; i += 3) map.delete(ends("10.0.0.2", 80, "10.0.0.1", 40000 + i));
    const kept = tags.filter((_, i) => i % 3 !== 0);
    expect(new Set(map.allValues())).toEqual(new Set(kept));
    expect(map.allValues()).toHaveLength(kept.length);
  });

  it("keeps ports 65535 and 0 apart from their neighbours", () => {
    const map = new FlowMap<Tag>();
    const [first, second] = [tag("1"), tag("2")];
    map.set(ends("::1", 65535, "::2", 0), first);
    map.set(ends("::1", 65534, "::2", 1), second);
    expect(map.get(ends("::2", 0, "::1", 65535))).toBe(first);
    expect(map.get(ends("::2", 1, "::1", 65534))).toBe(second);
  });

  it("forgets a value and counts what is left; a second delete changes nothing", () => {
    const map = new FlowMap<Tag>();
    const b = tag("b");
    map.set(ends("10.0.0.1", 1, "10.0.0.2", 2), tag("a"));
    map.set(ends("10.0.0.1", 1, "10.0.0.3", 2), b);
    map.set(ends("10.0.0.1", 1, "10.0.0.2", 2), tag("c"));
    expect(map.size).toBe(2);
    map.delete(ends("10.0.0.2", 2, "10.0.0.1", 1));
    map.delete(ends("10.0.0.2", 2, "10.0.0.1", 1));
    expect(map.size).toBe(1);
    expect(map.get(ends("10.0.0.1", 1, "10.0.0.2", 2))).toBeUndefined();
    expect(map.get(ends("10.0.0.3", 2, "10.0.0.1", 1))).toBe(b);
  });

  it("replaces or deletes a value, found by the hash set gave for its ends, only when it is held", () => {
    const map = new FlowMap<Tag>();
    const [a, b, c] = [tag("a"), tag("b"), tag("c")];
    const hash = map.set(ends("10.0.0.1", 1, "10.0.0.2", 2), a);
    const other = map.set(ends("10.0.0.1", 1, "10.0.0.3", 2), tag("d"));
    expect(map.set(ends("10.0.0.2", 2, "10.0.0.1", 1), a)).toBe(hash);
    expect(map.replaceValue(hash, b, c)).toBe(false);
    expect(map.replaceValue(other, a, c)).toBe(false);
    expect(map.get(ends("10.0.0.1", 1, "10.0.0.2", 2))).toBe(a);
    expect(map.replaceValue(hash, a, b)).toBe(true);
    expect(map.get(ends("10.0.0.1", 1, "10.0.0.2", 2))).toBe(b);
    map.deleteValue(hash, a);
    expect([map.size, map.get(ends("10.0.0.1", 1, "10.0.0.2", 2))]).toEqual([2, b]);
    map.deleteValue(hash, b);
    expect([map.size, map.get(ends("10.0.0.1", 1, "10.0.0.2", 2))]).toEqual([1, undefined]);
  });

  it("agrees with a plain Map of text keys over any run of sets, gets and deletes, through growth and removal", () => {
    // Few addresses and ports, so that the same ends come back, from either direction, and the table stays
    // small enough for runs of slots to collide and wrap around its end.
    const end = fc.record({
      address: fc.constantFrom("10.0.0.1", "10.0.0.10", "::1"),
      port: fc.constantFrom(0, 80, 65535),
    });
    const operation = fc.record({
      kind: fc.constantFrom("set", "get", "delete", "delete", "replace-value", "delete-value"),
      a: end,
      b: end,
      turned: fc.boolean(),
      fresh: fc.integer({ min: 0, max: 1 << 20 }),
    });
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (operations) => {
        // Eight slots to start with: it grows, and its runs of slots wrap around the end.
        const addresses = new AddressIds();
        const map = new FlowMap<Tag>(8, addresses);
        const oracle = new Map<string, Tag>();
        // The hash set gave for each key's ends, to find its value by (replaceValue, deleteValue).
        const hashes = new Map<string, number>();
        for (const { kind, a, b, turned, fresh } of operations) {
          const flow: FlowEnds = turned
            ? ends(b.address, b.port, a.address, a.port)
            : ends(a.address, a.port, b.address, b.port);
          const key = keyOf(flow);
          const held = oracle.get(key);
          if (kind === "set") {
            const value = tag(String(fresh));
            hashes.set(key, map.set(flow, value));
            oracle.set(key, value);
          } else if (kind === "delete") {
            map.delete(flow);
            oracle.delete(key);
          } else if (kind === "replace-value" && held !== undefined) {
            const value = tag(String(fresh));
            expect(map.replaceValue(hashes.get(key)!, tag("never held"), value)).toBe(false);
            expect(map.replaceValue(hashes.get(key)!, held, value)).toBe(true);
            oracle.set(key, value);
          } else if (kind === "delete-value" && held !== undefined) {
            map.deleteValue(hashes.get(key)!, held);
            oracle.delete(key);
          }
          expect(map.get(flow)).toBe(oracle.get(key));
          expect(map.size).toBe(oracle.size);
        }
        for (const [key, value] of oracle) expect(map.get(flowOf(key))).toBe(value);
        // An address is held while an entry uses it, and forgotten after.
        const held = new Set([...oracle.keys()].flatMap((key) => [flowOf(key).src, flowOf(key).dst]));
        expect(addresses.size).toBe(held.size);
      }),
      { numRuns: 1000, seed: 0xf10e },
    );
  });

  it("keeps an entry whose run wrapped around the table's end in place when the slot before it empties", () => {
    // In eight slots: one connection at home in the last slot, one at home in the first. The
    // map numbers the addresses in the order it first holds them: 10.0.0.1 is 0, 10.0.0.2 is 1.
    const homedAt = (slot: number, skip = -1) => {
      for (let port = 1; ; port++) {
        if ((flowHash(0, port, 1, 80) & 7) === slot && port !== skip) return ends("10.0.0.1", port, "10.0.0.2", 80);
      }
    };
    const last = homedAt(7);
    const alsoLast = homedAt(7, last.srcPort);
    const first = homedAt(0);
    const addresses = new AddressIds();
    const map = new FlowMap<Tag>(8, addresses);
    const [a, b, c] = [tag("a"), tag("b"), tag("c")];
    map.set(last, a);
    map.set(alsoLast, b); // wraps to slot 0
    map.set(first, c); // home 0 taken: slot 1
    map.delete(last); // b moves back to 7; c moves to its home, 0
    expect([map.get(alsoLast), map.get(first), map.get(last)]).toEqual([b, c, undefined]);
    map.delete(alsoLast); // c at its home stays
    expect([map.get(first), map.size]).toEqual([c, 1]);
    map.delete(first);
    expect([map.size, addresses.size]).toEqual([0, 0]);
  });

  it("keeps thousands of connections and forgets them one by one, every other still found", () => {
    const map = new FlowMap<Tag>();
    const flows = Array.from({ length: 5000 }, (_, i) => ends(`10.${i >> 8}.${i & 255}.1`, 1024 + i, "10.9.9.9", 80));
    const values = flows.map((flow) => tag(flow.src));
    for (const [i, flow] of flows.entries()) map.set(flow, values[i]!);
    for (let i = 0; i < flows.length; i += 2) map.delete(flows[i]!);
    expect(map.size).toBe(2500);
    for (const [i, flow] of flows.entries()) expect(map.get(flow)).toBe(i % 2 === 0 ? undefined : values[i]);
  });
});

/** The oracle's key: the two ends as text, in an order that does not depend on the direction. */
function keyOf(flow: FlowEnds): string {
  const one = `${flow.src}|${flow.srcPort}`;
  const other = `${flow.dst}|${flow.dstPort}`;
  return one < other ? `${one}|${other}` : `${other}|${one}`;
}

function flowOf(key: string): FlowEnds {
  const [src = "", srcPort = "", dst = "", dstPort = ""] = key.split("|");
  return ends(src, Number(srcPort), dst, Number(dstPort));
}
