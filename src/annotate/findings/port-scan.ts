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

/** What one source's probes of one host showed. */
class Pair {
  readonly ports = new Set<number>();
  readonly refused = new Set<number>();
  readonly open = new Set<number>();
  firstFrame = Infinity;
  lastFrame = -Infinity;
  start = Infinity;
  end = -Infinity;

  constructor(
    readonly source: string,
    readonly target: string,
  ) {}
}

/** port-scan (docs/findings.md): one source probing many ports of one host. */
export class PortScanDetector {
  /** Each pair, by source and then target: no key string made and hashed per probe. */
  private readonly bySource = new Map<string, Map<string, Pair>>();
  /** The pairs in the order they were made. */
  private readonly pairs: Pair[] = [];

  constructor(private readonly thresholds: FindingThresholds) {}

  probe(probe: Probe): void {
    const pair = this.pairOf(probe.source, probe.target);
    if (pair === undefined) return;
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
    for (const pair of this.pairs) {
      if (pair.ports.size < this.thresholds.portScanPorts) continue;
      scans.push({
        kind: "port-scan",
        source: pair.source,
        target: pair.target,
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

  /** The pair followed, made at its first probe unless MAX_SCAN_PAIRS are followed already. */
  private pairOf(source: string, target: string): Pair | undefined {
    let targets = this.bySource.get(source);
    let pair = targets?.get(target);
    if (pair !== undefined || this.pairs.length >= MAX_SCAN_PAIRS) return pair;
    if (targets === undefined) this.bySource.set(source, (targets = new Map()));
    targets.set(target, (pair = new Pair(source, target)));
    this.pairs.push(pair);
    return pair;
  }
}
