import type { PortScan } from "./finding.js";
import type { FindingThresholds } from "./thresholds.js";
import { roundToMicros } from "../../capture/timestamp.js";

/**
 * Source and target pairs not (yet) a scan followed at once: past it those that tried the fewest
 * ports are forgotten (forgetFewestPorts), so that a flood from spoofed sources, each a pair of its
 * own, cannot grow the map without bound, and a scan that starts after it is still found.
 */
export const MAX_SCAN_PAIRS = 65536;
/** Port numbers there are (0 to 65535). */
const PORT_COUNT = 65536;

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
  /** How many pairs may be followed before the fewest-port ones are forgotten. */
  private forgetAt = MAX_SCAN_PAIRS;

  constructor(private readonly thresholds: FindingThresholds) {}

  probe(probe: Probe): void {
    const pair = this.pairOf(probe.source, probe.target);
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

  /** The pair followed, made at its first probe (after room is made for it, when there is none). */
  private pairOf(source: string, target: string): Pair {
    const targets = this.bySource.get(source);
    const found = targets instanceof Pair ? (targets.target === target ? targets : undefined) : targets?.get(target);
    if (found !== undefined) return found;
    if (this.pairs.length >= this.forgetAt) this.forgetFewestPorts();
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

  /**
   * Make room: of the pairs not a scan yet, those that tried the fewest ports are forgotten (single
   * probes first, what each spoofed source of a flood makes) until at most half of MAX_SCAN_PAIRS
   * remain; the scans found stay. A pair forgotten that probes again starts counting anew. The
   * next pass comes half of MAX_SCAN_PAIRS new pairs later: a pass reads every pair, a few steps
   * for each pair made since the last.
   */
  private forgetFewestPorts(): void {
    // A pair tries at most every port: a threshold above that only counts as far.
    const threshold = Math.min(this.thresholds.portScanPorts, PORT_COUNT + 1);
    const pairs = this.pairs;
    // How many pairs tried each number of ports, below the threshold.
    const bySize = new Array<number>(threshold).fill(0);
    for (const pair of pairs) if (pair.ports.size < threshold) bySize[pair.ports.size]!++;
    let floor = threshold;
    for (let kept = 0; floor > 1 && kept + bySize[floor - 1]! <= MAX_SCAN_PAIRS / 2; ) kept += bySize[--floor]!;
    let count = 0;
    for (const pair of pairs) {
      if (pair.ports.size >= floor) pairs[count++] = pair;
      else this.unfollow(pair);
    }
    pairs.length = count;
    this.forgetAt = count + MAX_SCAN_PAIRS / 2;
  }

  private unfollow(pair: Pair): void {
    const targets = this.bySource.get(pair.source);
    if (targets instanceof Map && targets.size > 1) targets.delete(pair.target);
    else this.bySource.delete(pair.source);
  }
}
