import type { RuleVerdict } from "./evaluate.js";
import { failedCount, frameList, unlistedLine, type CheckReport } from "./report.js";
import { terminalSafe } from "../render/shared/terminal-safe.js";
import { escapeXml } from "./xml.js";

/**
 * JUnit XML, as CI systems read it: one testsuite for the run, one testcase per rule; a failed
 * rule's <failure> lists the offending streams (see OffenderList) with their frames and what happened.
 */
export function renderCheckJunit(report: CheckReport): string {
  const failures = failedCount(report);
  const tests = report.verdicts.length;
  // A file name is one line: a line break in it is shown as \n (an attribute would read it as a space).
  const name = escapeXml(terminalSafe(`tcp-annotate check ${report.captures.join(", ")}`));
  const cases = report.verdicts.map(testcase).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="tcp-annotate" tests="${tests}" failures="${failures}" errors="0">\n` +
    `  <testsuite name="${name}" tests="${tests}" failures="${failures}" errors="0" skipped="0">\n` +
    cases +
    `  </testsuite>\n</testsuites>\n`
  );
}

function testcase(verdict: RuleVerdict): string {
  const open = `    <testcase classname="tcp-annotate.check" name="${escapeXml(verdict.description)}">`;
  if (verdict.status === "pass") return `${open}</testcase>\n`;
  const message = verdict.status === "no-match" ? "no connection matched this rule" : failureMessage(verdict);
  const lines = verdict.offenders.map(
    (o) => `stream ${o.stream} (${o.client} -> ${o.server}) ${frameList(o.frames)}: ${o.reason}`,
  );
  const unlisted = unlistedLine(verdict);
  const body = (unlisted === undefined ? lines : [...lines, unlisted]).join("\n");
  return `${open}\n      <failure type="${verdict.status}" message="${escapeXml(message)}">${escapeXml(body)}</failure>\n    </testcase>\n`;
}

function failureMessage(verdict: RuleVerdict): string {
  if (verdict.detail !== undefined) return `${verdict.description}: ${verdict.detail}`;
  const count = verdict.broke;
  return `${count} of ${verdict.checked} connection${verdict.checked === 1 ? "" : "s"} broke the rule [${verdict.rule.origin}]`;
}

/**
 * JUnit XML for a run that could not judge anything, the input or the rules being unreadable: one
 * testcase with an <error>, so that a CI job that collects the file sees the run as broken, not
 * as missing (which many collectors read as nothing to report).
 */
export function renderCheckJunitError(captures: readonly string[], what: "capture" | "rules", message: string): string {
  const name = escapeXml(`tcp-annotate check ${captures.join(", ")}`);
  const test = what === "capture" ? "read the capture" : "read the rules";
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="tcp-annotate" tests="1" failures="0" errors="1">\n` +
    `  <testsuite name="${name}" tests="1" failures="0" errors="1" skipped="0">\n` +
    `    <testcase classname="tcp-annotate.check" name="${test}">\n` +
    `      <error type="unreadable" message="${escapeXml(message)}">${escapeXml(message)}</error>\n` +
    `    </testcase>\n` +
    `  </testsuite>\n</testsuites>\n`
  );
}
