import type { HalfOpenQueue } from "./finding.js";
import { roundToMicros } from "../../capture/timestamp.js";
import { MinHeap } from "../../track/min-heap.js";

/** How many points the queue's series keeps: enough for a small chart, whatever the capture's length. */
export const SERIES_POINTS = 120;

/**
 * The connections in SYN_RCVD over time (docs/findings.md, The half-open queue), told as each
 * enters and leaves, and counted by a sweep in time order: a connection leaving at the moment
 * another enters is not counted with it. Times before a watermark the reader vouches for (no
 * later one comes before it: `sweepBefore`) are swept as reading goes and dropped, so memory
 * follows the handshakes still in flight, not the capture. The series, whose slices span the
 * whole capture, needs every time kept to the end: it is made only when asked for.
 */
export class HalfOpenQueueCount {
  private readonly enters = new MinHeap();
  private readonly leaves = new MinHeap();
  private count = 0;
  private peak = 0;
  private peakTime: number | null = null;
  /** Every time before this was swept; one told later (a clock gone back) is counted at it. */
  private swept = Number.NEGATIVE_INFINITY;
  private lastLeave = Number.NEGATIVE_INFINITY;

  constructor(private readonly withSeries: boolean) {}

  /** Entries and exits told and not swept yet: what the count holds in memory, eight bytes each. */
  get held(): number {
    return this.enters.size + this.leaves.size;
  }

  /** A connection entered SYN_RCVD (the server's first SYN+ACK). */
  entered(time: number): void {
    this.enters.push(Math.max(time, this.swept));
  }

  /** The connection that entered at `enter` left (the client's ACK, a RST, or its last segment). */
  left(enter: number, time: number): void {
    const leave = Math.max(enter, time, this.swept);
    this.leaves.push(leave);
    this.lastLeave = Math.max(this.lastLeave, leave);
  }

  /** No time told from now on comes before `watermark`: count and drop what does. */
  sweepBefore(watermark: number): void {
    if (this.withSeries || !(watermark > this.swept)) return;
    this.sweep(watermark, false);
    this.swept = watermark;
  }

  /** Every connection has left: the peak, when it was first reached, and the series when asked for. */
  queue(): HalfOpenQueue {
    let series: [number, number][] = [];
    if (this.withSeries) series = this.sweepWithSeries();
    else this.sweep(Number.POSITIVE_INFINITY, true);
    return { peak: this.peak, peakTime: this.peakTime === null ? null : roundToMicros(this.peakTime), series };
  }

  /** The most connections in each of SERIES_POINTS slices of the span from the first entry to the last exit. */
  private sweepWithSeries(): [number, number][] {
    if (this.enters.size === 0) return [];
    const first = this.enters.peek();
    const slice = (this.lastLeave - first) / SERIES_POINTS || 1;
    const slices = new Map<number, number>();
    this.sweep(Number.POSITIVE_INFINITY, true, (time, count) => {
      const index = Math.min(SERIES_POINTS - 1, Math.floor((time - first) / slice));
      slices.set(index, Math.max(slices.get(index) ?? 0, count));
    });
    return [...slices].sort((a, b) => a[0] - b[0]).map(([index, most]) => [roundToMicros(first + index * slice), most]);
  }

  /**
   * Counts the times before `before` in order, exits first at equal times. The last sweep stops at
   * the last exit: an entry left after it comes when the count is at most zero, which is never a
   * peak. Each step takes one time, so it ends even on NaN.
   */
  private sweep(before: number, last: boolean, visit?: (time: number, count: number) => void): void {
    const { enters, leaves } = this;
    for (;;) {
      if (leaves.size === 0 && (last || enters.size === 0)) return;
      const entering = enters.size > 0 && (leaves.size === 0 || !(enters.peek() >= leaves.peek()));
      const time = entering ? enters.peek() : leaves.peek();
      if (!last && !(time < before)) return;
      (entering ? enters : leaves).pop();
      this.count += entering ? 1 : -1;
      if (this.count > this.peak) {
        this.peak = this.count;
        this.peakTime = time;
      }
      visit?.(time, this.count);
    }
  }
}
