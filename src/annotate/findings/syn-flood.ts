import type { SynFlood } from "./finding.js";
import { HalfOpenQueueCount } from "./half-open-queue.js";
import type { FindingThresholds } from "./thresholds.js";
import type { Endpoint } from "../../track/endpoint.js";
import { roundToMicros } from "../../capture/timestamp.js";

/** Source addresses are counted up to this many per server port, so a spoofed flood's cost stays bounded. */
export const MAX_COUNTED_SOURCES = 65536;

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
  readonly sources = new Set<string>();
  synRcvd = 0;
  unanswered = 0;
  firstFrame = Infinity;
  lastFrame = -Infinity;
  start = Infinity;
  end = -Infinity;
  readonly queue = new HalfOpenQueueCount(false);

  /** `server`: the server port's label, as the finding names it. */
  constructor(readonly server: string) {}

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
  private readonly targets: FloodTarget[] = [];

  constructor(private readonly thresholds: FindingThresholds) {}

  /** The server port's target, made at its first connection. */
  target(server: ServerPort): FloodTarget {
    let ports = this.byAddress.get(server.address);
    if (ports === undefined) this.byAddress.set(server.address, (ports = new Map()));
    let target = ports.get(server.port);
    if (target === undefined) {
      ports.set(server.port, (target = new FloodTarget(server.label)));
      this.targets.push(target);
    }
    return target;
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
