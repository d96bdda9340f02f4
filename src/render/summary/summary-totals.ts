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

/**
 * The totals counted as connections come. For the exact percentiles each distinct handshake time
 * is counted: they are whole microseconds (summarize rounds them), so memory follows their range
 * at that resolution, not the number of connections.
 */
export class SummaryTotalsCounter {
  private counted = 0;
  private readonly verdicts: Partial<Record<Verdict, number>> = {};
  private readonly rtts = new Map<number, number>();
  private rttCount = 0;

  /** A connection with this verdict and, if it completed its handshake, this iRTT (countedLatency). */
  add(verdict: Verdict, latency: number | null): void {
    this.counted++;
    this.verdicts[verdict] = (this.verdicts[verdict] ?? 0) + 1;
    if (latency !== null) {
      this.rtts.set(latency, (this.rtts.get(latency) ?? 0) + 1);
      this.rttCount++;
    }
  }

  /** Connections counted so far. */
  get connections(): number {
    return this.counted;
  }

  totals(): SummaryTotals {
    return { connections: this.counted, verdicts: { ...this.verdicts }, handshakeLatency: this.latency() };
  }

  /** Nearest-rank percentiles: the value at each rank, walking the distinct values in order. */
  private latency(): SummaryTotals["handshakeLatency"] {
    const count = this.rttCount;
    if (count === 0) return null;
    const values = Float64Array.from(this.rtts.keys()).sort();
    const rank = (p: number) => Math.max(1, Math.ceil(p * count));
    const [median, p95] = this.valuesAtRanks(values, [rank(0.5), rank(0.95)]);
    return { count, min: values[0]!, median: median!, p95: p95!, max: values[values.length - 1]! };
  }

  /** The value at each 1-based rank (ascending ranks) among all counted, the distinct `values` sorted. */
  private valuesAtRanks(values: Float64Array, ranks: readonly number[]): number[] {
    const found: number[] = [];
    let seen = 0;
    for (const value of values) {
      seen += this.rtts.get(value)!;
      while (found.length < ranks.length && seen >= ranks[found.length]!) found.push(value);
    }
    return found;
  }
}

/** The iRTT the latency counts for a connection: only a completed handshake's (Wireshark also times a SYN answered by RST, which is no handshake). */
export function countedLatency({ handshake }: ConnectionSummary): number | null {
  return handshake.outcome === "complete" || handshake.outcome === "simultaneous" ? handshake.rtt : null;
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
