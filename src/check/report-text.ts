import { PALETTE } from "../render/shared/palette.js";
import { Style } from "../render/shared/style.js";
import { terminalSafe } from "../render/shared/terminal-safe.js";
import type { RuleVerdict } from "./evaluate.js";
import { failedCount, frameList, unlistedLine, type CheckReport } from "./report.js";

const MARKS = { pass: "PASS", fail: "FAIL", "no-match": "FAIL" } as const;

/** The CI log: one line per rule, then one line per listed offending connection with what happened. */
export function renderCheckText(report: CheckReport, color: boolean): string {
  const style = new Style(color);
  const failed = failedCount(report);
  const total = report.verdicts.length;
  const title = `tcp-annotate check: ${terminalSafe(report.captures.join(", "))}: ${report.connections} connection${report.connections === 1 ? "" : "s"}, ${total} rule${total === 1 ? "" : "s"}, ${failed === 0 ? "all passed" : `${failed} failed`}`;
  // flatMap, not push(...lines): a rule may list more offenders than a call takes arguments.
  const lines = [
    style.paint(PALETTE.heading, title),
    ...report.verdicts.flatMap((verdict) => verdictLines(verdict, style)),
  ];
  return lines.join("\n") + "\n";
}

function verdictLines(verdict: RuleVerdict, style: Style): string[] {
  const mark = style.paint(verdict.status === "pass" ? PALETTE.pass : PALETTE.fail, MARKS[verdict.status]);
  const head = `${mark}  ${verdict.description}  [${terminalSafe(verdict.rule.origin)}]  ${scope(verdict)}`;
  const offenders = verdict.offenders.map(
    (o) =>
      `      stream ${o.stream} (${terminalSafe(`${o.client} → ${o.server}`)}) ${frameList(o.frames)}: ${terminalSafe(o.reason)}`,
  );
  const unlisted = unlistedLine(verdict);
  return unlisted === undefined ? [head, ...offenders] : [head, ...offenders, `      ${unlisted}`];
}

function scope(verdict: RuleVerdict): string {
  if (verdict.status === "no-match") return "(no connection matched this rule)";
  if (verdict.detail !== undefined) return `(${verdict.detail})`;
  const broke = verdict.broke;
  return `(${verdict.checked} connection${verdict.checked === 1 ? "" : "s"} checked${broke > 0 ? `, ${broke} broke it` : ""})`;
}
