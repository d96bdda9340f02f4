import type { SynFlood } from "./finding.js";
import { HalfOpenQueueCount } from "./half-open-queue.js";
import type { FindingThresholds } from "./thresholds.js";
import { roundToMicros } from "../../capture/timestamp.js";

/** Source addresses are counted up to this many per server port, so a spoofed flood's cost stays bounded. */
export const MAX_COUNTED_SOURCES = 65536;

/** A connection whose handshake was left half-open: the server's SYN+ACK never acknowledged, or its SYN never answered. */
export interface HalfOpenAttempt {
  server: string;
  source: string;
  /** The SYN's capture time and the connection's first and last frames and times. */
  time: number;
  end: number;
  firstFrame: number;
  lastFrame: number;
  answered: boolean;
}

interface Target {
  times: number[];
  sources: Set<string>;
  synRcvd: number;
  unanswered: number;
  firstFrame: number;
  lastFrame: number;
  start: number;
  end: number;
  queue: HalfOpenQueueCount;
}

/**
 * syn-flood (docs/findings.md): many half-open connections (半连接) toward one server port in a
 * short window. The attempts are grouped by server port; the window is slid over their SYN times.
 */
export class SynFloodDetector {
  private readonly targets = new Map<string, Target>();

  constructor(private readonly thresholds: FindingThresholds) {}

  /** A connection to `server` entered SYN_RCVD (the half-open queue per server port: HalfOpenQueueCount). */
  entered(server: string, time: number): void {
    this.target(server).queue.entered(time);
  }

  /** The connection to `server` that entered SYN_RCVD at `enter` left it (acknowledged, reset, or its last segment). */
  left(server: string, enter: number, time: number): void {
    this.target(server).queue.left(enter, time);
  }

  /** No SYN_RCVD entry or exit told from now on comes before `watermark`. */
  sweepBefore(watermark: number): void {
    for (const target of this.targets.values()) target.queue.sweepBefore(watermark);
  }

  attempt(attempt: HalfOpenAttempt): void {
    const target = this.target(attempt.server);
    target.times.push(attempt.time);
    if (target.sources.size < MAX_COUNTED_SOURCES) target.sources.add(attempt.source);
    if (attempt.answered) target.synRcvd++;
    else target.unanswered++;
    target.firstFrame = Math.min(target.firstFrame, attempt.firstFrame);
    target.lastFrame = Math.max(target.lastFrame, attempt.lastFrame);
    target.start = Math.min(target.start, attempt.time);
    target.end = Math.max(target.end, attempt.end);
  }

  findings(): SynFlood[] {
    const floods: SynFlood[] = [];
    const { synFloodConnections, synFloodWindowSeconds, synFloodSources } = this.thresholds;
    for (const [server, target] of this.targets) {
      if (target.times.length < synFloodConnections || target.sources.size < synFloodSources) continue;
      const busiest = busiestWindow(target.times, synFloodWindowSeconds);
      if (busiest.connections < synFloodConnections) continue;
      const queue = target.queue.queue();
      floods.push({
        kind: "syn-flood",
        server,
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

  private target(server: string): Target {
    let target = this.targets.get(server);
    if (target === undefined) {
      target = {
        times: [],
        sources: new Set(),
        synRcvd: 0,
        unanswered: 0,
        firstFrame: Infinity,
        lastFrame: -Infinity,
        start: Infinity,
        end: -Infinity,
        queue: new HalfOpenQueueCount(false),
      };
      this.targets.set(server, target);
    }
    return target;
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
