import type { SynFlood } from "./finding.js";
import { HalfOpenQueueCount } from "./half-open-queue.js";
import type { FindingThresholds } from "./thresholds.js";
import type { Endpoint } from "../../track/endpoint.js";
import { roundToMicros } from "../../capture/timestamp.js";

/** Source addresses are counted up to this many per server port, so a spoofed flood's cost stays bounded. */
export const MAX_COUNTED_SOURCES = 65536;
/**
 * Server ports followed at once before those that cannot be a finding yet are forgotten: a flood
 * of SYN+ACKs from spoofed servers (a reflection attack's victim sees one per reflector) makes a
 * port for each.
 */
export const MAX_FOLLOWED_TARGETS = 65536;

/** A connection whose handshake was left half-open: the server's SYN+ACK never acknowledged, or its SYN never answered. */
export interface HalfOpenAttempt {
  source: string;
  /** The SYN's capture time and the connection's first and last frames and times. */
  time: number;
  end: number;
  firstFrame: number;
  lastFrame: number;
  answered: boolean;
}

/** The server side of a connection, as the detector groups attempts by it. */
export type ServerPort = Pick<Endpoint, "address" | "port" | "label">;

/** One server port's half-open attempts and its half-open queue. */
export class FloodTarget {
  readonly times: number[] = [];
  /** Its connections in SYN_RCVD now. */
  inSynRcvd = 0;
  /** Still among the detector's targets (not forgotten by SynFloodDetector.prune). */
  followed = true;
  readonly sources = new Set<string>();
  synRcvd = 0;
  unanswered = 0;
  firstFrame = Infinity;
  lastFrame = -Infinity;
  start = Infinity;
  end = -Infinity;
  readonly queue = new HalfOpenQueueCount(false);

  /** `server`: the server port's label, as the finding names it. */
  constructor(
    readonly address: string,
    readonly port: number,
    readonly server: string,
  ) {}

  /** One of its connections entered SYN_RCVD (the server's first SYN+ACK). */
  entered(time: number): void {
    this.queue.entered(time);
    this.inSynRcvd++;
  }

  /** The connection that entered at `enter` left SYN_RCVD at `time`. */
  left(enter: number, time: number): void {
    this.queue.left(enter, time);
    this.inSynRcvd--;
  }

  attempt(attempt: HalfOpenAttempt): void {
    this.times.push(attempt.time);
    if (this.sources.size < MAX_COUNTED_SOURCES) this.sources.add(attempt.source);
    if (attempt.answered) this.synRcvd++;
    else this.unanswered++;
    this.firstFrame = Math.min(this.firstFrame, attempt.firstFrame);
    this.lastFrame = Math.max(this.lastFrame, attempt.lastFrame);
    this.start = Math.min(this.start, attempt.time);
    this.end = Math.max(this.end, attempt.end);
  }
}

/**
 * syn-flood (docs/findings.md): many half-open connections (半连接) toward one server port in a
 * short window. The attempts are grouped by server port; the window is slid over their SYN times.
 * A reader finds a port's target once (`target`) and tells it the port's SYN_RCVD entries and
 * exits and its attempts (the half-open queue per server port: HalfOpenQueueCount).
 */
export class SynFloodDetector {
  /** Each server port's target, by address and then port: neither a label made nor a string hashed per lookup. */
  private readonly byAddress = new Map<string, Map<number, FloodTarget>>();
  /** The targets in the order they were made. */
  private targets: FloodTarget[] = [];
  /** How many targets make the next prune. */
  private pruneAt = MAX_FOLLOWED_TARGETS;

  constructor(private readonly thresholds: FindingThresholds) {}

  /** The server port's target, made at its first connection (or its first since it was forgotten). */
  target(server: ServerPort): FloodTarget {
    const known = this.byAddress.get(server.address)?.get(server.port);
    if (known !== undefined) return known;
    // Before the address's ports are looked up: a prune may forget them.
    if (this.targets.length >= this.pruneAt) this.prune();
    let ports = this.byAddress.get(server.address);
    if (ports === undefined) this.byAddress.set(server.address, (ports = new Map()));
    const target = new FloodTarget(server.address, server.port, server.label);
    ports.set(server.port, target);
    this.targets.push(target);
    return target;
  }

  /**
   * Forget the targets that cannot be a finding yet: fewer attempts than a flood takes and no
   * connection in SYN_RCVD. One that gets more attempts later starts again from them. The next
   * prune waits until the targets kept have doubled, so each costs as many targets as were made.
   */
  private prune(): void {
    const least = this.thresholds.synFloodConnections;
    const kept: FloodTarget[] = [];
    for (const target of this.targets) {
      if (target.times.length >= least || target.inSynRcvd > 0) kept.push(target);
      else this.forget(target);
    }
    this.targets = kept;
    this.pruneAt = Math.max(MAX_FOLLOWED_TARGETS, 2 * kept.length);
  }

  private forget(target: FloodTarget): void {
    target.followed = false;
    const ports = this.byAddress.get(target.address)!;
    ports.delete(target.port);
    if (ports.size === 0) this.byAddress.delete(target.address);
  }

  /** No SYN_RCVD entry or exit told from now on comes before `watermark`. */
  sweepBefore(watermark: number): void {
    for (const target of this.targets) target.queue.sweepBefore(watermark);
  }

  findings(): SynFlood[] {
    const floods: SynFlood[] = [];
    const { synFloodConnections, synFloodWindowSeconds, synFloodSources } = this.thresholds;
    for (const target of this.targets) {
      if (target.times.length < synFloodConnections || target.sources.size < synFloodSources) continue;
      const busiest = busiestWindow(target.times, synFloodWindowSeconds);
      if (busiest.connections < synFloodConnections) continue;
      const queue = target.queue.queue();
      floods.push({
        kind: "syn-flood",
        server: target.server,
        firstFrame: target.firstFrame,
        lastFrame: target.lastFrame,
        start: roundToMicros(target.start),
        end: roundToMicros(target.end),
        synRcvd: target.synRcvd,
        unanswered: target.unanswered,
        sources: target.sources.size,
        busiestWindow: {
          connections: busiest.connections,
          start: roundToMicros(busiest.start),
          seconds: synFloodWindowSeconds,
        },
        peakSynRcvd: queue.peak,
        peakTime: queue.peakTime,
      });
    }
    return floods.sort((a, b) => a.firstFrame - b.firstFrame);
  }
}

/** The most times within any `seconds` (inclusive), and where that window starts. */
function busiestWindow(unsorted: number[], seconds: number): { connections: number; start: number } {
  const times = Float64Array.from(unsorted).sort();
  let best = { connections: 0, start: times[0] ?? 0 };
  for (let from = 0, to = 0; to < times.length; to++) {
    while (times[to]! - times[from]! > seconds) from++;
    if (to - from + 1 > best.connections) best = { connections: to - from + 1, start: times[from]! };
  }
  return best;
}
