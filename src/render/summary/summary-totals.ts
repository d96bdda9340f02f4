import { CATALOGS, type Language } from "../../explain/catalog/index.js";
import type { ConnectionSummary, Verdict } from "../../track/summary.js";
import { formatDuration } from "../shared/quantities.js";

/** Verdicts in the order the totals name them. */
const VERDICT_ORDER: readonly Verdict[] = ["closed", "reset", "refused", "half-closed", "handshake-incomplete", "open"];

export interface SummaryTotals {
  connections: number;
  verdicts: Partial<Record<Verdict, number>>;
  /** iRTT statistics in seconds over the completed handshakes, or null when there is none. */
  handshakeLatency: { count: number; min: number; median: number; p95: number; max: number } | null;
}

/** The totals counted as connections come: only the handshake times are kept (eight bytes each), for the percentiles. */
export class SummaryTotalsCounter {
  private counted = 0;
  private readonly verdicts: Partial<Record<Verdict, number>> = {};
  private readonly rtts: number[] = [];

  add(summary: ConnectionSummary): void {
    this.counted++;
    this.verdicts[summary.verdict] = (this.verdicts[summary.verdict] ?? 0) + 1;
    // Only completed handshakes: Wireshark also times a SYN answered by RST, which is no handshake.
    const completed = summary.handshake.outcome === "complete" || summary.handshake.outcome === "simultaneous";
    if (completed && summary.handshake.rtt !== null) this.rtts.push(summary.handshake.rtt);
  }

  /** Connections counted so far. */
  get connections(): number {
    return this.counted;
  }

  totals(): SummaryTotals {
    const sorted = Float64Array.from(this.rtts).sort();
    return { connections: this.counted, verdicts: { ...this.verdicts }, handshakeLatency: latency(sorted) };
  }
}

/** Nearest-rank percentiles over the sorted values. */
function latency(sorted: Float64Array): SummaryTotals["handshakeLatency"] {
  if (sorted.length === 0) return null;
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return { count: sorted.length, min: sorted[0]!, median: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1]! };
}

/** "57 connections: 49 closed gracefully, 7 reset, 1 refused." and the latency line. */
export function renderSummaryTotals(totals: SummaryTotals, language: Language): string {
  const words = CATALOGS[language].words.summary;
  const parts = VERDICT_ORDER.filter((verdict) => totals.verdicts[verdict]).map((verdict) =>
    words.verdictCount(verdict, totals.verdicts[verdict]!),
  );
  const stats = totals.handshakeLatency;
  const latencyLine =
    stats === null
      ? words.noHandshake
      : words.latency(
          stats.count,
          formatDuration(stats.min),
          formatDuration(stats.median),
          formatDuration(stats.p95),
          formatDuration(stats.max),
        );
  return `${words.totals(totals.connections, parts)}\n${latencyLine}\n`;
}
