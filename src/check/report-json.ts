import { terminalSafeLines } from "../render/shared/terminal-safe.js";
import { failedCount, type CheckReport } from "./report.js";

/** The check report as one JSON document (stable field names, documented in docs/check.md), safe on a terminal. */
export function renderCheckJson(report: CheckReport): string {
  const document = {
    captures: report.captures,
    connections: report.connections,
    passed: failedCount(report) === 0,
    rules: report.verdicts.map((verdict) => ({
      rule: verdict.description,
      origin: verdict.rule.origin,
      spec: verdict.rule.spec,
      status: verdict.status,
      checked: verdict.checked,
      broke: verdict.broke,
      ...(verdict.detail === undefined ? {} : { detail: verdict.detail }),
      offenders: verdict.offenders,
    })),
  };
  return terminalSafeLines(JSON.stringify(document, null, 2)) + "\n";
}
