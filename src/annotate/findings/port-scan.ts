import type { PortScan } from "./finding.js";
import type { FindingThresholds } from "./thresholds.js";
import { roundToMicros } from "../../capture/timestamp.js";

/**
 * Source and target pairs followed at once: past it a new pair is not followed, so that a flood
 * from spoofed sources, each a pair of its own, cannot grow the map without bound.
 */
export const MAX_SCAN_PAIRS = 65536;

/** A connection in which the client sent no data: a probe of the server's port. */
export interface Probe {
  source: string;
  target: string;
  port: number;
  refused: boolean;
  /** The server answered the SYN with SYN+ACK: something listens there. */
  open: boolean;
  time: number;
  end: number;
  firstFrame: number;
  lastFrame: number;
}

interface Pair {
  ports: Set<number>;
  refused: Set<number>;
  open: Set<number>;
  firstFrame: number;
  lastFrame: number;
  start: number;
  end: number;
}

/** port-scan (docs/findings.md): one source probing many ports of one host. */
export class PortScanDetector {
  private readonly pairs = new Map<string, Pair>();

  constructor(private readonly thresholds: FindingThresholds) {}

  probe(probe: Probe): void {
    const key = `${probe.source} ${probe.target}`;
    let pair = this.pairs.get(key);
    if (pair === undefined) {
      if (this.pairs.size >= MAX_SCAN_PAIRS) return;
      pair = {
        ports: new Set(),
        refused: new Set(),
        open: new Set(),
        firstFrame: Infinity,
        lastFrame: -Infinity,
        start: Infinity,
        end: -Infinity,
      };
      this.pairs.set(key, pair);
    }
    pair.ports.add(probe.port);
    if (probe.refused) pair.refused.add(probe.port);
    if (probe.open) pair.open.add(probe.port);
    pair.firstFrame = Math.min(pair.firstFrame, probe.firstFrame);
    pair.lastFrame = Math.max(pair.lastFrame, probe.lastFrame);
    pair.start = Math.min(pair.start, probe.time);
    pair.end = Math.max(pair.end, probe.end);
  }

  findings(): PortScan[] {
    const scans: PortScan[] = [];
    for (const [key, pair] of this.pairs) {
      if (pair.ports.size < this.thresholds.portScanPorts) continue;
      const [source, target] = key.split(" ") as [string, string];
      scans.push({
        kind: "port-scan",
        source,
        target,
        firstFrame: pair.firstFrame,
        lastFrame: pair.lastFrame,
        start: roundToMicros(pair.start),
        end: roundToMicros(pair.end),
        ports: pair.ports.size,
        refused: pair.refused.size,
        open: [...pair.open].sort((a, b) => a - b),
      });
    }
    return scans.sort((a, b) => a.firstFrame - b.firstFrame);
  }
}
