import type { AnnotationTotals } from "../../annotate/events.js";
import type { CaptureTotals } from "../../explain/catalog/index.js";

/** The closing line's counts: every skipped frame counted once, and by reason; the tunnels segments came through. */
export function captureTotals(totals: AnnotationTotals): CaptureTotals {
  const skipped = Object.values(totals.skipped).reduce((sum, count) => sum + count, 0);
  return {
    frames: totals.frames,
    segments: totals.segments,
    connections: totals.connections,
    skipped,
    skippedWhy: countsText(totals.skipped),
    tunnels: countsText(totals.tunnels ?? {}),
  };
}

/** "3 not-tcp, 1 esp": most first, then by name, so that the line reads the same every run. */
function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
    .map(([name, count]) => `${count} ${name}`)
    .join(", ");
}
