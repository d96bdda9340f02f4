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

/**
 * Ports, in the order first added, as a Set made at the second: most pairs probe one port (on a
 * flood from spoofed sources every pair does), and three Sets were most of what a pair kept.
 */
class Ports {
  private first = -1;
  private more: Set<number> | undefined;

  add(port: number): void {
    if (this.first < 0) this.first = port;
    else if (this.more !== undefined) this.more.add(port);
    else if (port !== this.first) this.more = new Set([this.first, port]);
  }

  get size(): number {
    return this.more?.size ?? (this.first < 0 ? 0 : 1);
  }

  values(): number[] {
    if (this.more !== undefined) return [...this.more];
    return this.first < 0 ? [] : [this.first];
  }
}

/** What one source's probes of one host showed; the ports refused and found open are made at the first of each. */
class Pair {
  readonly ports = new Ports();
  refused: Ports | undefined;
  open: Ports | undefined;
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
  /**
   * Each pair, by source and then target: no key string made and hashed per probe. A source that
   * probed one target holds its pair itself, a Map made only at its second target.
   */
  private readonly bySource = new Map<string, Pair | Map<string, Pair>>();
  /** The pairs in the order they were made. */
  private readonly pairs: Pair[] = [];

  constructor(private readonly thresholds: FindingThresholds) {}

  probe(probe: Probe): void {
    const pair = this.pairOf(probe.source, probe.target);
    if (pair === undefined) return;
    pair.ports.add(probe.port);
    if (probe.refused) (pair.refused ??= new Ports()).add(probe.port);
    if (probe.open) (pair.open ??= new Ports()).add(probe.port);
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
        refused: pair.refused?.size ?? 0,
        open: (pair.open?.values() ?? []).sort((a, b) => a - b),
      });
    }
    return scans.sort((a, b) => a.firstFrame - b.firstFrame);
  }

  /** The pair followed, made at its first probe unless MAX_SCAN_PAIRS are followed already. */
  private pairOf(source: string, target: string): Pair | undefined {
    const targets = this.bySource.get(source);
    const found = targets instanceof Pair ? (targets.target === target ? targets : undefined) : targets?.get(target);
    if (found !== undefined || this.pairs.length >= MAX_SCAN_PAIRS) return found;
    const pair = new Pair(source, target);
    if (targets === undefined) this.bySource.set(source, pair);
    else if (targets instanceof Pair)
      this.bySource.set(
        source,
        new Map([
          [targets.target, targets],
          [target, pair],
        ]),
      );
    else targets.set(target, pair);
    this.pairs.push(pair);
    return pair;
  }
}
