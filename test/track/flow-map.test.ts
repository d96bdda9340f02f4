import { describe, expect, it } from "vitest";
import { FlowMap } from "../../src/track/flow-map.js";

const ends = (src: string, srcPort: number, dst: string, dstPort: number) => ({ src, srcPort, dst, dstPort });

describe("FlowMap", () => {
  it("finds a value from either direction of the connection", () => {
    const map = new FlowMap<string>();
    map.set(ends("10.0.0.1", 40000, "10.0.0.2", 80), "a");
    expect(map.get(ends("10.0.0.2", 80, "10.0.0.1", 40000))).toBe("a");
    expect(map.get(ends("10.0.0.1", 40000, "10.0.0.2", 80))).toBe("a");
    expect(map.get(ends("10.0.0.1", 40001, "10.0.0.2", 80))).toBeUndefined();
    expect(map.size).toBe(1);
  });

  it("tells apart the two ends on one address by their ports (loopback)", () => {
    const map = new FlowMap<string>();
    map.set(ends("127.0.0.1", 9502, "127.0.0.1", 40000), "one");
    map.set(ends("127.0.0.1", 9502, "127.0.0.1", 40001), "two");
    expect(map.get(ends("127.0.0.1", 40000, "127.0.0.1", 9502))).toBe("one");
    expect(map.get(ends("127.0.0.1", 40001, "127.0.0.1", 9502))).toBe("two");
    expect(map.get(ends("127.0.0.1", 40000, "127.0.0.1", 40001))).toBeUndefined();
    expect(map.size).toBe(2);
  });

  it("keeps ports 65535 and 0 apart from their neighbours", () => {
    const map = new FlowMap<number>();
    map.set(ends("::1", 65535, "::2", 0), 1);
    map.set(ends("::1", 65534, "::2", 1), 2);
    expect([map.get(ends("::2", 0, "::1", 65535)), map.get(ends("::2", 1, "::1", 65534))]).toEqual([1, 2]);
  });

  it("forgets a value and counts what is left; a second delete changes nothing", () => {
    const map = new FlowMap<string>();
    map.set(ends("10.0.0.1", 1, "10.0.0.2", 2), "a");
    map.set(ends("10.0.0.1", 1, "10.0.0.3", 2), "b");
    map.set(ends("10.0.0.1", 1, "10.0.0.2", 2), "c");
    expect(map.size).toBe(2);
    map.delete(ends("10.0.0.2", 2, "10.0.0.1", 1));
    map.delete(ends("10.0.0.2", 2, "10.0.0.1", 1));
    expect(map.size).toBe(1);
    expect(map.get(ends("10.0.0.1", 1, "10.0.0.2", 2))).toBeUndefined();
    expect(map.get(ends("10.0.0.3", 2, "10.0.0.1", 1))).toBe("b");
  });
});
