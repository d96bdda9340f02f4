import { constants, PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { CaptureError } from "../capture/index.js";
import type { Frame } from "../capture/frame.js";

/**
 * The share of V8's heap limit that may stay live after a full collection before reading stops.
 * Past it V8 soon ends the process with its fatal out-of-memory error: a native stack trace, exit
 * 134, nothing reported. Stopping first leaves room to report what was read.
 */
const LIVE_SHARE_LIMIT = 0.8;

/** Frames read before the guard starts watching: fewer hold too few connections to fill the heap, and a short run pays nothing. */
const WATCH_AFTER_FRAMES = 65536;

/** The heap's figures the guard reads (v8.getHeapStatistics). */
export type HeapFigures = () => { used_heap_size: number; heap_size_limit: number };

/**
 * Watches what stays live after each full collection, where garbage no longer counts. A capture
 * that holds more at once than memory can (connections that never end, by the million) then
 * stops with one error line at the frame reached, as damage does, instead of crashing.
 */
export class MemoryGuard {
  /** Live after the last full collection, in bytes, once past the limit's share; 0 before. */
  private exhaustedAt = 0;
  private limit = 0;
  private frames = 0;
  private observer: PerformanceObserver | undefined;

  constructor(private readonly heap: HeapFigures = getHeapStatistics) {}

  /** Read the heap as a full collection left it. */
  afterFullCollection(): void {
    const { used_heap_size: live, heap_size_limit: limit } = this.heap();
    if (live <= LIVE_SHARE_LIMIT * limit) return;
    this.exhaustedAt = live;
    this.limit = limit;
  }

  /**
   * Asked at every frame read: the error that stops reading at `frame` of `file`, once memory ran
   * short; undefined until then. The frames are counted here, to start watching at WATCH_AFTER_FRAMES.
   */
  stopAt(frame: Frame, file: string): CaptureError | undefined {
    if (++this.frames === WATCH_AFTER_FRAMES) this.watch();
    if (this.exhaustedAt === 0) return undefined;
    const mb = (bytes: number) => Math.round(bytes / 1e6);
    const message =
      `out of memory: ${mb(this.exhaustedAt)} MB of the ${mb(this.limit)} MB heap stay in use, ` +
      "held by connections that have not ended; reading stopped here and what came before is reported";
    return new CaptureError("too-large", message, { offset: frame.offset, frame: frame.index, file });
  }

  stop(): void {
    this.observer?.disconnect();
  }

  private watch(): void {
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
          this.afterFullCollection();
    });
    this.observer.observe({ entryTypes: ["gc"] });
  }
}
