import { closeSync, openSync, readSync } from "node:fs";
import type { Command } from "commander";
import {
  DEFAULT_MAX_OFFENDERS,
  Evaluation,
  factsReadBy,
  readsCaptureFindings,
  readsWiresharkAnalysis,
} from "../check/evaluate.js";
import { FactsCollector } from "../check/facts.js";
import { parseRule, type RuleKey } from "../check/parse-rule.js";
import type { CheckReport } from "../check/report.js";
import { failedCount } from "../check/report.js";
import { renderCheckJson } from "../check/report-json.js";
import { renderCheckJunit, renderCheckJunitError } from "../check/report-junit.js";
import { renderCheckText } from "../check/report-text.js";
import { RulesError } from "../check/rules-error.js";
import { MAX_RULES, MAX_RULES_FILE_BYTES, type Rule } from "../check/rules.js";
import { addCommonOptions, selectorOf, type CommonOptions } from "./common-options.js";
import { pathOf } from "./arguments.js";
import { addFindingOptions, findingThresholdsOf, type FindingOptions } from "./finding-options.js";
import { collect, parseChoice, parseNonNegativeInteger, useColor } from "./options.js";
import { runPipeline } from "./pipeline.js";
import { describeCaptureError, EXIT, formatError } from "./problems.js";
import { readStatus } from "./read-inputs.js";
import { Selection } from "./selection.js";

interface CheckOptions extends CommonOptions, FindingOptions {
  rules?: string;
  expect?: string[];
  forbid?: string[];
  maxRetransmissions?: string;
  maxDuplicateAcks?: string;
  maxZeroWindows?: string;
  maxHandshakeRtt?: string;
  maxSynRcvd?: string;
  connections?: string;
  minConnections?: string;
  finalState?: string[];
  maxOffenders: number;
  format: "text" | "json" | "junit";
  color: boolean;
}

/** The rule flags, in the order their rules are listed, with the option property each fills. */
const RULE_FLAGS: ReadonlyArray<readonly [RuleKey, keyof CheckOptions]> = [
  ["expect", "expect"],
  ["forbid", "forbid"],
  ["max-retransmissions", "maxRetransmissions"],
  ["max-duplicate-acks", "maxDuplicateAcks"],
  ["max-zero-windows", "maxZeroWindows"],
  ["max-handshake-rtt", "maxHandshakeRtt"],
  ["max-syn-rcvd", "maxSynRcvd"],
  ["connections", "connections"],
  ["min-connections", "minConnections"],
  ["final-state", "finalState"],
];

export function addCheckCommand(program: Command): void {
  const command = program
    .command("check")
    .description(
      "assert that captured TCP behaves: exit 0 when every rule passes, 1 when one fails, 2 when input or rules cannot be read",
    )
    .argument("<capture...>", 'pcap or pcapng files (gzip too), or "-" for standard input')
    .option("--rules <file>", "rules file, YAML or JSON (see docs/check.md)")
    .option("--expect <what>", "handshake | graceful-close (repeatable)", collect(String))
    .option(
      "--forbid <what>",
      "rst | rst-from-client | rst-from-server | refused | one-side-gone | syn-flood | port-scan | keepalive-timeout (repeatable)",
      collect(String),
    )
    .option("--max-retransmissions <n>", "at most n retransmitted segments per connection")
    .option("--max-duplicate-acks <n>", "at most n duplicate ACKs per connection")
    .option("--max-zero-windows <n>", "at most n zero-window segments per connection")
    .option("--max-handshake-rtt <duration>", "every handshake's iRTT at most this (50ms, 250us, 1s)")
    .option("--max-syn-rcvd <n>", "at most n connections in SYN_RCVD at once (the half-open queue's peak)")
    .option("--connections <n>", "exactly n connections")
    .option("--min-connections <n>", "at least n connections")
    .option(
      "--final-state <endpoint=STATE>",
      "every connection ends with client or server in STATE (repeatable)",
      collect(String),
    )
    .option(
      "--max-offenders <n>",
      "list at most n offending connections per rule, those of the lowest stream numbers; the others are counted",
      parseNonNegativeInteger,
      DEFAULT_MAX_OFFENDERS,
    )
    .option("-f, --format <format>", "text, json or junit", parseChoice(["text", "json", "junit"] as const), "text")
    .option("--no-color", "never colour the output");
  // --stream/--port/--host restrict every rule.
  addFindingOptions(addCommonOptions(command)).action(async (captures: string[], options: CheckOptions) => {
    process.exitCode = await check(captures, options);
  });
}

async function check(captures: string[], options: CheckOptions): Promise<number> {
  let rules: Rule[];
  try {
    rules = await gatherRules(options);
  } catch (error) {
    if (!(error instanceof RulesError)) throw error;
    process.stderr.write(formatError(error.message) + "\n");
    if (options.format === "junit") process.stdout.write(renderCheckJunitError(captures, "rules", error.message));
    return EXIT.unreadable;
  }
  const collector = new FactsCollector(options.msl, factsReadBy(rules));
  const selection = new Selection(selectorOf(options));
  const evaluation = new Evaluation(rules, selection.selector, options.lang, options.maxOffenders);
  // A verdict quotes a few segments' headlines, never the rest of their explanations, nor Zeek's
  // verdicts, nor what the connections say together unless a rule reads it: the facts take each
  // segment as it settles, and say only the headlines that depend on the connection's progress
  // then. Rules that read no segment (the iRTT, the counts of connections, what the connections
  // say together) are judged from the connections alone, as summary reads them, with no segment
  // settled for the facts. Nor is Wireshark's analysis run when no rule reads what it finds. Each
  // connection is judged when it is let go of, as summary writes its row then.
  const run = await runPipeline(
    captures,
    options,
    {
      selection,
      annotator: {
        ...(collector.readsSegments
          ? { explain: "settled", settledWanted: (tracked) => collector.wants(tracked) }
          : { explain: false, segmentEvents: false }),
        zeek: false,
        wiresharkAnalysis: readsWiresharkAnalysis(rules),
        ...(readsCaptureFindings(rules) ? { findings: findingThresholdsOf(options) } : {}),
      },
    },
    {
      settled: (tracked) => collector.add(tracked),
      retired(connection, chosen) {
        const facts = collector.take(connection);
        if (chosen) evaluation.judge(facts);
      },
    },
  );
  const readProblem = readStatus(run);
  if (readProblem === EXIT.unreadable) {
    if (options.format === "junit" && run.error !== undefined)
      process.stdout.write(renderCheckJunitError(captures, "capture", describeCaptureError(run.error)));
    return readProblem;
  }
  if (readProblem === undefined) selection.sayIfNone(run.totals.connections);
  const report: CheckReport = {
    captures,
    verdicts: evaluation.verdicts(run.findings),
    connections: run.totals.connections,
  };
  // Decided before writing, so that a reader going away (| head) cannot turn a failure into a pass.
  const status = readProblem ?? (failedCount(report) === 0 ? EXIT.ok : EXIT.failed);
  process.exitCode = status;
  process.stdout.write(render(report, options));
  return status;
}

async function gatherRules(options: CheckOptions): Promise<Rule[]> {
  const rules = options.rules === undefined ? [] : await rulesFromFile(options.rules);
  for (const [key, property] of RULE_FLAGS) {
    const given = options[property];
    if (given === undefined) continue;
    for (const value of Array.isArray(given) ? given : [given]) {
      const origin = `--${key} ${String(value)}`;
      rules.push({ spec: parseRule(key, value, origin), selector: {}, origin });
    }
  }
  if (rules.length === 0) throw new RulesError("no rules given: use --expect, --forbid, --max-... or --rules FILE");
  if (rules.length > MAX_RULES)
    throw new RulesError(`${rules.length} rules given; at most ${MAX_RULES} are checked in one run`);
  return rules;
}

/**
 * The YAML parser is loaded only for a rules file: its 70-odd modules took a fifth of the
 * program's start-up, which every run paid, rules or not.
 */
async function rulesFromFile(path: string): Promise<Rule[]> {
  const { parseRulesFile } = await import("../check/rules-file.js");
  return parseRulesFile(readRulesFile(path), path);
}

/**
 * Rules files are small: a bigger one is a mistake (or /dev/zero), refused once MAX_RULES_FILE_BYTES
 * are read rather than read whole into memory.
 */
function readRulesFile(path: string): string {
  const bytes = readAtMost(path, MAX_RULES_FILE_BYTES + 1);
  if (bytes.length > MAX_RULES_FILE_BYTES)
    throw new RulesError(
      `rules file "${path}" is larger than ${MAX_RULES_FILE_BYTES / 1024 / 1024} MiB, which no rules file needs`,
    );
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RulesError(`rules file "${path}" is not UTF-8 text`);
  }
}

function readAtMost(path: string, limit: number): Uint8Array {
  const buffer = Buffer.alloc(limit);
  let length = 0;
  try {
    const file = openSync(pathOf(path), "r");
    try {
      for (let read = -1; read !== 0 && length < limit; length += read)
        read = readSync(file, buffer, length, limit - length, null);
    } finally {
      closeSync(file);
    }
  } catch (error) {
    throw new RulesError(
      `cannot read rules file "${path}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return buffer.subarray(0, length);
}

function render(report: CheckReport, options: CheckOptions): string {
  switch (options.format) {
    case "json":
      return renderCheckJson(report);
    case "junit":
      return renderCheckJunit(report);
    case "text":
      return renderCheckText(report, useColor(options.color));
  }
}
