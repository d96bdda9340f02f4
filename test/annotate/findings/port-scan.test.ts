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

  it("follows no new pair past MAX_SCAN_PAIRS, and still counts the pairs it follows", () => {
    const detector = new PortScanDetector({ ...DEFAULT_THRESHOLDS, portScanPorts: 2 });
    for (let i = 0; i < MAX_SCAN_PAIRS; i++)
      detector.probe(probeOf(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, "10.9.9.9", 80, i));
    // A pair past the limit is not followed; one followed already still counts its second port.
    detector.probe(probeOf("192.168.0.1", "10.9.9.9", 80, MAX_SCAN_PAIRS));
    detector.probe(probeOf("192.168.0.1", "10.9.9.9", 81, MAX_SCAN_PAIRS + 1));
    detector.probe(probeOf("10.0.0.7", "10.9.9.9", 443, MAX_SCAN_PAIRS + 2));
    expect(detector.findings().map(({ source, ports }) => [source, ports])).toEqual([["10.0.0.7", 2]]);
  });
});
