import type { HalfOpenQueue } from "./finding.js";
import { roundToMicros } from "../../capture/timestamp.js";

/** How many points the queue's series keeps: enough for a small chart, whatever the capture's length. */
export const SERIES_POINTS = 120;

/**
 * The times connections entered and left SYN_RCVD (docs/findings.md, The half-open queue): 16
 * bytes per handshake seen, and swept once at the end for the peak and the series.
 */
export class HalfOpenIntervals {
  private readonly enters: number[] = [];
  private readonly leaves: number[] = [];

  add(enter: number, leave: number): void {
    this.enters.push(enter);
    this.leaves.push(Math.max(enter, leave));
  }

  get size(): number {
    return this.enters.length;
  }

  /** The count over time: a connection leaving at the moment another enters is not counted with it. */
  queue(): HalfOpenQueue {
    const enters = Float64Array.from(this.enters).sort();
    const leaves = Float64Array.from(this.leaves).sort();
    if (enters.length === 0) return { peak: 0, peakTime: null, series: [] };
    const first = enters[0]!;
    const last = leaves[leaves.length - 1]!;
    const slice = (last - first) / SERIES_POINTS || 1;
    const slices = new Map<number, number>();
    let count = 0;
    let peak = 0;
    let peakTime: number | null = null;
    // Every step takes one time, so the sweep ends even on times that do not compare (NaN).
    for (let e = 0, l = 0; l < leaves.length; ) {
      const entering = e < enters.length && !(enters[e]! >= leaves[l]!);
      const time = entering ? enters[e++]! : leaves[l++]!;
      count += entering ? 1 : -1;
      if (count > peak) [peak, peakTime] = [count, time];
      const index = Math.min(SERIES_POINTS - 1, Math.floor((time - first) / slice));
      slices.set(index, Math.max(slices.get(index) ?? 0, count));
    }
    const series: [number, number][] = [...slices]
      .sort((a, b) => a[0] - b[0])
      .map(([index, most]) => [roundToMicros(first + index * slice), most]);
    return { peak, peakTime: peakTime === null ? null : roundToMicros(peakTime), series };
  }
}
