import type { RuleVerdict } from "./evaluate.js";

/** The outcome of a whole check run: the capture(s) judged and one verdict per rule. */
export interface CheckReport {
  captures: string[];
  verdicts: RuleVerdict[];
  connections: number;
}

export function failedCount(report: CheckReport): number {
  return report.verdicts.filter((verdict) => verdict.status !== "pass").length;
}

/** The line after the listed offenders when some were not listed (more broke the rule than --max-offenders). */
export function unlistedLine(verdict: RuleVerdict): string | undefined {
  const unlisted = verdict.broke - verdict.offenders.length;
  if (unlisted <= 0) return undefined;
  return `... and ${unlisted} more connection${unlisted === 1 ? "" : "s"} broke it (--max-offenders N lists more)`;
}

/** Frames as a short list: "frames 8, 10, 11" or "frames 8, 10, 11 ... (40 in all)". */
export function frameList(frames: readonly number[], shown = 10): string {
  const head = frames.slice(0, shown).join(", ");
  const more = frames.length > shown ? ` ... (${frames.length} in all)` : "";
  return `${frames.length === 1 ? "frame" : "frames"} ${head}${more}`;
}
