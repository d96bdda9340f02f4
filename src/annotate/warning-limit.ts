import type { WarningEvent } from "./events.js";

/**
 * How many warnings of one kind are shown before the rest are only counted. A capture of damaged
 * frames warns once a frame: 256 MiB of zeros behind a pcap header are 16.7 million warnings,
 * more than anyone reads, and writing them costs more than reading the capture. The numbers stay
 * exact in the totals (AnnotationTotals.warnings, the NDJSON end record). See
 * docs/errors-and-exit-codes.md.
 */
export const DEFAULT_WARNINGS_PER_KIND = 100;

/**
 * What to emit for the `count`th warning of its kind: the warning itself up to `perKind`, then,
 * in place of the next one and where it was found, one saying that the rest are only counted;
 * undefined after that.
 */
export function limitedWarning(warning: WarningEvent, count: number, perKind: number): WarningEvent | undefined {
  if (count <= perKind) return warning;
  if (count > perKind + 1) return undefined;
  const message = `more "${warning.problem}" warnings: the first ${perKind} were shown, the rest are counted and their number given at the end`;
  return { ...warning, message };
}

/** At the end, for each kind some of whose warnings were not shown: how many there were in all. */
export function closingCounts(counts: Readonly<Record<string, number>>, perKind: number): WarningEvent[] {
  return Object.entries(counts)
    .filter(([, count]) => count > perKind)
    .map(([problem, count]) => ({
      kind: "warning",
      problem,
      message: `${count} "${problem}" warnings in all, ${count - perKind} of them not shown`,
    }));
}
