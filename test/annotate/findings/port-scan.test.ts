import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SCAN_PAIRS, PortScanDetector, type Probe } from "../../../src/annotate/findings/port-scan.js";
import { DEFAULT_THRESHOLDS } from "../../../src/annotate/findings/thresholds.js";

const probeOf = (
  source: string,
  target: string,
  port: number,
  frame: number,
  flags = { refused: false, open: false },
): Probe => ({
  source,
  target,
  port,
  ...flags,
  time: frame,
  end: frame + 0.5,
  firstFrame: frame,
  lastFrame: frame + 1,
});

describe("PortScanDetector", () => {
  it("counts each source's ports per target, refused and open, as Sets of every probe would", () => {
    const probe = fc.record({
      source: fc.constantFrom("10.0.0.1", "10.0.0.2", "::1"),
      target: fc.constantFrom("10.0.0.9", "10.0.0.8"),
      port: fc.integer({ min: 1, max: 14 }),
      refused: fc.boolean(),
      open: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(probe, { maxLength: 120 }), fc.integer({ min: 1, max: 6 }), (probes, threshold) => {
        const detector = new PortScanDetector({ ...DEFAULT_THRESHOLDS, portScanPorts: threshold });
        const pairs = new Map<string, { ports: Set<number>; refused: Set<number>; open: Set<number>; first: number }>();
        probes.forEach(({ source, target, port, refused, open }, frame) => {
          detector.probe(probeOf(source, target, port, frame, { refused, open }));
          const key = `${source} ${target}`;
          const pair = pairs.get(key) ?? { ports: new Set(), refused: new Set(), open: new Set(), first: frame };
          pairs.set(key, pair);
          pair.ports.add(port);
          if (refused) pair.refused.add(port);
          if (open) pair.open.add(port);
        });
        const expected = [...pairs]
          .filter(([, pair]) => pair.ports.size >= threshold)
          .sort(([, a], [, b]) => a.first - b.first)
          .map(([key, pair]) => ({
            source: key.split(" ")[0],
            target: key.split(" ")[1],
            firstFrame: pair.first,
            ports: pair.ports.size,
            refused: pair.refused.size,
            open: [...pair.open].sort((a, b) => a - b),
          }));
        expect(
          detector.findings().map(({ source, target, firstFrame, ports, refused, open }) => ({
            source,
            target,
            firstFrame,
            ports,
            refused,
            open,
          })),
        ).toEqual(expected);
      }),
    );
  });

  it("past MAX_SCAN_PAIRS, forgets the pairs that tried the fewest ports, and still finds a scan that starts later", () => {
    const detector = new PortScanDetector({ ...DEFAULT_THRESHOLDS, portScanPorts: 10 });
    const scanner = (source: string, ports: number[], frame: number) => {
      for (const [i, port] of ports.entries()) detector.probe(probeOf(source, "10.9.9.9", port, frame + i));
    };
    // Before the flood: one source tried two ports, another one port.
    scanner("192.168.0.1", [1, 2], 0);
    scanner("192.168.0.2", [1], 2);
    // A flood from spoofed sources: each a pair of one probe, twice the pairs followed at once.
    for (let i = 0; i < 2 * MAX_SCAN_PAIRS; i++)
      detector.probe(probeOf(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, "10.9.9.9", 80, 10 + i));
    const after = 10 + 2 * MAX_SCAN_PAIRS;
    // The pair of two ports was kept through the flood; the pair of one was forgotten and starts anew.
    scanner("192.168.0.1", [3, 4, 5, 6, 7, 8, 9, 10], after);
    scanner("192.168.0.2", [2, 3, 4, 5, 6, 7, 8, 9, 10], after + 100);
    // A scan that starts only after the flood.
    scanner("192.168.0.3", [21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32], after + 200);
    expect(detector.findings().map(({ source, ports, firstFrame }) => [source, ports, firstFrame])).toEqual([
      ["192.168.0.1", 10, 0],
      ["192.168.0.3", 12, after + 200],
    ]);
  });

  it("keeps every scan found however many pairs come after, with a threshold of one port", () => {
    const detector = new PortScanDetector({ ...DEFAULT_THRESHOLDS, portScanPorts: 1 });
    const count = MAX_SCAN_PAIRS + 10;
    for (let i = 0; i < count; i++)
      detector.probe(probeOf(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, "10.9.9.9", 80, i));
    expect(detector.findings()).toHaveLength(count);
  });
});
