import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HalfOpenQueueCount, SERIES_POINTS } from "../../../src/annotate/findings/half-open-queue.js";
import type { HalfOpenQueue } from "../../../src/annotate/findings/finding.js";
import { roundToMicros } from "../../../src/capture/timestamp.js";

/** The half-open queue counted the plain way, every time held and sorted at the end (docs/findings.md). */
function sortedSweep(intervals: readonly [number, number][]): HalfOpenQueue {
  const enters = Float64Array.from(intervals, ([enter]) => enter).sort();
  const leaves = Float64Array.from(intervals, ([enter, leave]) => Math.max(enter, leave)).sort();
  if (enters.length === 0) return { peak: 0, peakTime: null, series: [] };
  const first = enters[0]!;
  const slice = (leaves[leaves.length - 1]! - first) / SERIES_POINTS || 1;
  const slices = new Map<number, number>();
  let [count, peak, peakTime] = [0, 0, null as number | null];
  for (let e = 0, l = 0; l < leaves.length; ) {
    const entering = e < enters.length && enters[e]! < leaves[l]!;
    const time = entering ? enters[e++]! : leaves[l++]!;
    count += entering ? 1 : -1;
    if (count > peak) [peak, peakTime] = [count, time];
    const index = Math.min(SERIES_POINTS - 1, Math.floor((time - first) / slice));
    slices.set(index, Math.max(slices.get(index) ?? 0, count));
  }
  const series = [...slices]
    .sort((a, b) => a[0] - b[0])
    .map(([index, most]): [number, number] => [roundToMicros(first + index * slice), most]);
  return { peak, peakTime: peakTime === null ? null : roundToMicros(peakTime), series };
}

/**
 * Tells the queue each entry and exit in time order, as a capture is read, sweeping before the
 * time reached wherever `sweeps` says (nothing told later comes before it), and the intervals
 * still open at the end as they retire.
 */
function told(intervals: readonly [number, number][], withSeries: boolean, sweeps: readonly boolean[]) {
  const queue = new HalfOpenQueueCount(withSeries);
  const events = intervals
    .flatMap(([enter, leave], index) => [
      { time: enter, index, entering: true },
      { time: Math.max(enter, leave), index, entering: false },
    ])
    .sort((a, b) => a.time - b.time || Number(b.entering) - Number(a.entering));
  let mostHeld = 0;
  events.forEach((event, step) => {
    if (event.entering) queue.entered(event.time);
    else queue.left(intervals[event.index]![0], intervals[event.index]![1]);
    if (sweeps[step % sweeps.length]) queue.sweepBefore(event.time);
    mostHeld = Math.max(mostHeld, queue.held);
  });
  return { queue: queue.queue(), mostHeld };
}

/** Times on a coarse grid, so that entries and exits often fall on the same instant. */
const interval = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: -5, max: 60 }))
  .map(([enter, stay]): [number, number] => [1_700_000_000 + enter / 1000, 1_700_000_000 + (enter + stay) / 1000]);

describe("HalfOpenQueueCount", () => {
  it("counts the peak and when it was first reached as a sort of every time would, sweeping as it goes", () => {
    fc.assert(
      fc.property(
        fc.array(interval, { maxLength: 150 }),
        fc.array(fc.boolean(), { minLength: 1 }),
        (intervals, sweeps) => {
          const expected = sortedSweep(intervals);
          expect(told(intervals, false, sweeps).queue).toEqual({ ...expected, series: [] });
          expect(told(intervals, true, sweeps).queue).toEqual(expected);
        },
      ),
    );
  });

  it("holds only the handshakes in flight once swept, and every time when it keeps the series", () => {
    // 10,000 handshakes one after another, each in SYN_RCVD for a millisecond.
    const intervals = Array.from({ length: 10_000 }, (_, i): [number, number] => [i / 100, i / 100 + 0.001]);
    const swept = told(intervals, false, [true]);
    expect(swept.queue.peak).toBe(1);
    expect(swept.mostHeld).toBeLessThanOrEqual(2);
    expect(told(intervals, true, [true]).mostHeld).toBe(20_000);
  });

  it("counts an entry told after its time was swept (a clock gone back) at the time swept", () => {
    const queue = new HalfOpenQueueCount(false);
    queue.entered(10);
    queue.left(10, 11);
    queue.sweepBefore(20);
    queue.entered(5);
    queue.entered(25);
    queue.left(5, 30);
    queue.left(25, 30);
    expect(queue.queue()).toEqual({ peak: 2, peakTime: 25, series: [] });
  });
});
