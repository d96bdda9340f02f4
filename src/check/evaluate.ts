import type { CaptureFindings } from "../annotate/findings/finding.js";
import { findingHeadline } from "../annotate/findings/words.js";
import { selects, type ConnectionSelector } from "../annotate/select.js";
import type { Language } from "../explain/catalog/index.js";
import { formatMessage } from "../explain/format.js";
import { summarize, type CloseKind, type ConnectionSummary, type HandshakeOutcome } from "../track/summary.js";
import { describeRule } from "./describe-rule.js";
import { formatDuration } from "../render/shared/quantities.js";
import type { ConnectionFacts, Evidence, FactNeeds } from "./facts.js";
import { OffenderList } from "./offender-list.js";
import { COUNTED_FINDINGS, type Rule, type RuleSpec } from "./rules.js";

/** A connection that broke a rule: where to look and, in one line, what happened. */
export interface Offender {
  stream: number;
  client: string;
  server: string;
  frames: number[];
  reason: string;
}

export interface RuleVerdict {
  rule: Rule;
  description: string;
  /** "no-match": no connection was selected, which fails rather than passing silently. */
  status: "pass" | "fail" | "no-match";
  /** Connections the rule looked at. */
  checked: number;
  /** How many of them broke it. */
  broke: number;
  /** Those listed: the lowest stream numbers, at most the evaluation's maxOffenders. */
  offenders: Offender[];
  /** For rules about the whole selection (connection counts): what was found. */
  detail?: string;
}

/** A connection being judged: its facts, and its summary, made only when a rule reads it (a connection without RSTs breaks no --forbid rst). */
class Subject {
  private made: ConnectionSummary | undefined;

  constructor(readonly facts: ConnectionFacts) {}

  get summary(): ConnectionSummary {
    this.made ??= summarize(this.facts.connection);
    return this.made;
  }
}

/** One rule's tally so far: the connections it looked at and those that broke it. */
interface Tally {
  rule: Rule;
  checked: number;
  offenders: OffenderList<Offence & { stream: number; client: string; server: string }>;
}

/** Offenders listed per rule unless told otherwise: more than a CI log is read for, few enough to hold. */
export const DEFAULT_MAX_OFFENDERS = 1000;

/**
 * Judges every rule over the connections its selectors (the command's and its own) pick, one
 * connection at a time as each is retired: nothing of a connection is kept but its offences, and
 * of those at most `maxOffenders` per rule (the rest are counted), so a check's memory follows
 * the open connections, not the capture.
 */
export class Evaluation {
  private readonly tallies: Tally[];

  constructor(
    rules: readonly Rule[],
    private readonly common: ConnectionSelector,
    private readonly language: Language,
    maxOffenders = DEFAULT_MAX_OFFENDERS,
  ) {
    this.tallies = rules.map((rule) => ({ rule, checked: 0, offenders: new OffenderList(maxOffenders) }));
  }

  /** Judge one connection, whose facts are complete: nothing will change it any more. */
  judge(facts: ConnectionFacts): void {
    const connection = facts.connection;
    if (!selects(this.common, connection)) return;
    const subject = new Subject(facts);
    for (const tally of this.tallies) {
      if (!selects(tally.rule.selector, connection)) continue;
      this.count(tally, subject);
    }
  }

  /** One verdict per rule, offenders in stream order; the capture-level rules read the findings (docs/findings.md). */
  verdicts(findings?: CaptureFindings): RuleVerdict[] {
    return this.tallies.map((tally) => verdictOf(tally, findings, this.language));
  }

  private count(tally: Tally, subject: Subject): void {
    const spec = tally.rule.spec;
    if (isAboutTheCapture(spec)) {
      tally.checked++;
      return;
    }
    // The iRTT rule is about handshakes seen: a connection without one is not looked at.
    if (spec.kind === "max-handshake-rtt" && subject.summary.handshake.rtt === null) return;
    tally.checked++;
    const offence = offenceOf(spec, subject);
    if (offence === null) return;
    // Named from the connection itself: a rule that reads no summary (--forbid rst) makes none.
    const { stream, client, server } = subject.facts.connection;
    tally.offenders.add({ stream, client: client.label, server: server.label, ...offence });
  }
}

/**
 * Does a rule read what the connections say together (syn-flood, port-scan, keepalive-timeout,
 * the half-open queue: docs/findings.md)? Without one, check does not look for them.
 */
export function readsCaptureFindings(rules: readonly Rule[]): boolean {
  return rules.some(({ spec }) => spec.kind === "no-finding" || spec.kind === "max-syn-rcvd");
}

/**
 * Does a rule read what Wireshark's sequence analysis finds (a finding's count or frames, the
 * iRTT, a headline that may name a retransmission, a summary's counts)? Only the RST and refusal
 * rules and the counts of connections do not: their facts are the segments' flags, the
 * observer's states and the connections' verdicts (track/summary.ts), which it does not touch.
 */
export function readsWiresharkAnalysis(rules: readonly Rule[]): boolean {
  return rules.some(({ spec }) => !ANALYSIS_FREE_RULES.has(spec.kind));
}

const ANALYSIS_FREE_RULES: ReadonlySet<RuleSpec["kind"]> = new Set(["no-rst", "no-refused", "connection-count"]);

/**
 * The facts of each connection the rules quote or count (offenceOf): the others are not gathered
 * from its segments. Every rule reads the summary, which is made from the connection itself.
 */
export function factsReadBy(rules: readonly Rule[]): FactNeeds {
  const reads = (...kinds: RuleSpec["kind"][]) => rules.some(({ spec }) => kinds.includes(spec.kind));
  const findings = new Set<string>();
  for (const { spec } of rules) if (spec.kind === "max-count") findings.add(COUNTED_FINDINGS[spec.finding]);
  return {
    resets: reads("handshake", "graceful-close", "no-rst", "no-refused"),
    first: reads("handshake", "final-state"),
    last: reads("handshake", "graceful-close", "no-one-side-gone"),
    lastChange: reads("final-state"),
    findings,
  };
}

/** Rules about the selection or the capture as a whole rather than each connection. */
type CaptureRule = Extract<RuleSpec, { kind: "connection-count" | "no-finding" | "max-syn-rcvd" }>;

function isAboutTheCapture(spec: RuleSpec): spec is CaptureRule {
  return spec.kind === "connection-count" || spec.kind === "no-finding" || spec.kind === "max-syn-rcvd";
}

function verdictOf(
  { rule, checked, offenders }: Tally,
  findings: CaptureFindings | undefined,
  language: Language,
): RuleVerdict {
  const description = describeRule(rule.spec);
  const spec = rule.spec;
  if (spec.kind === "no-finding") {
    const found = (findings?.findings ?? []).filter((finding) => finding.kind === spec.finding);
    const detail = found.length === 0 ? "none found" : found.map(findingHeadline).join("; ");
    return {
      rule,
      description,
      status: found.length === 0 ? "pass" : "fail",
      checked,
      broke: 0,
      offenders: [],
      detail,
    };
  }
  if (spec.kind === "max-syn-rcvd") {
    const peak = findings?.halfOpenQueue.peak ?? 0;
    const time = findings?.halfOpenQueue.peakTime;
    const detail = `the most at once: ${peak}${time === null || time === undefined ? "" : `, at ${time.toFixed(6)} s since the epoch`}`;
    return { rule, description, status: peak <= spec.max ? "pass" : "fail", checked, broke: 0, offenders: [], detail };
  }
  if (spec.kind === "connection-count") {
    const ok = spec.atLeast ? checked >= spec.count : checked === spec.count;
    return {
      rule,
      description,
      status: ok ? "pass" : "fail",
      checked,
      broke: 0,
      offenders: [],
      detail: `${checked} found`,
    };
  }
  if (checked === 0) return { rule, description, status: "no-match", checked: 0, broke: 0, offenders: [] };
  const broke = offenders.count;
  const listed = offenders.listed().map(({ stream, client, server, frames, ...offence }) => ({
    stream,
    client,
    server,
    frames,
    reason: reasonOf(offence, language),
  }));
  return { rule, description, status: broke === 0 ? "pass" : "fail", checked, broke, offenders: listed };
}

/**
 * What broke a rule, before it is put in words: a rule may be broken by tens of thousands of
 * connections of which it lists a thousand, so the quoted segment's headline is said only for
 * those listed (reasonOf).
 */
interface Offence {
  frames: number[];
  words: string;
  /** The segment whose headline follows the words, after `joiner`. */
  quoted?: Evidence | undefined;
  joiner?: string;
}

/** The offence in one line: its words, then the quoted segment's headline. */
function reasonOf({ words, quoted, joiner }: Omit<Offence, "frames">, language: Language): string {
  return quoted === undefined ? words : `${words}${joiner ?? ": "}${headline(quoted, language)}`;
}

/** How a handshake that did not complete went, in words. */
const HANDSHAKE_WORDS: Record<Exclude<HandshakeOutcome, "complete" | "simultaneous">, string> = {
  incomplete: "the handshake never completed",
  refused: "the connection was refused",
  "not-captured": "the capture starts after the handshake, so it cannot show it",
};

/** How a connection that did not close gracefully was left, in words. */
const CLOSE_WORDS: Record<Exclude<CloseKind, "four-way" | "three-way" | "simultaneous" | "reset">, string> = {
  refused: "the connection was refused",
  "half-closed": "only one side had closed by the end of the capture",
  open: "the connection was still open at the end of the capture",
};

/**
 * What broke the rule, in words, quoting the segment that shows it: the first frame listed is
 * always the segment whose explanation is quoted.
 */
function offenceOf(spec: Exclude<RuleSpec, CaptureRule>, subject: Subject): Offence | null {
  const facts = subject.facts;
  const quoting = (words: string, evidence: Evidence | undefined, frames?: number[]): Offence => ({
    frames: frames ?? [evidence?.frame ?? subject.summary.lastFrame],
    words,
    quoted: evidence,
  });
  switch (spec.kind) {
    case "handshake": {
      const outcome = subject.summary.handshake.outcome;
      if (outcome === "complete" || outcome === "simultaneous") return null;
      const evidence =
        outcome === "refused"
          ? (facts.firstResetFrom("server") ?? facts.last)
          : outcome === "not-captured"
            ? facts.first
            : facts.last;
      return quoting(HANDSHAKE_WORDS[outcome], evidence);
    }
    case "graceful-close":
      if (["four-way", "three-way", "simultaneous"].includes(subject.summary.close.kind) && noResets(facts))
        return null;
      return closeOffence(facts, subject.summary);
    case "no-rst": {
      // Most connections sent none: their frames are not gathered.
      if (spec.from === undefined ? noResets(facts) : facts.resetsFrom(spec.from).length === 0) return null;
      const frames =
        spec.from === undefined
          ? [...facts.resetsFrom("client"), ...facts.resetsFrom("server")].sort((a, b) => a - b)
          : [...facts.resetsFrom(spec.from)];
      const first = spec.from === undefined ? facts.earliestReset : facts.firstResetFrom(spec.from);
      return quoting(`${frames.length} RST${frames.length === 1 ? "" : "s"}`, first, frames);
    }
    case "no-refused":
      if (subject.summary.verdict !== "refused") return null;
      return quoting("refused", facts.firstResetFrom("server"), [...facts.resetsFrom("server")]);
    case "no-one-side-gone":
      if (!subject.summary.halfOpen) return null;
      return quoting(
        `one side gone, the other still holding the connection: client ${subject.summary.finalStates.client}, server ${subject.summary.finalStates.server}`,
        facts.last,
      );
    case "max-count": {
      const found = facts.findingsNamed(COUNTED_FINDINGS[spec.finding]);
      if (found === undefined || found.frames.length <= spec.max) return null;
      return quoting(`${found.frames.length} ${COUNTED_FINDINGS[spec.finding]} segments`, found.first, found.frames);
    }
    case "max-handshake-rtt": {
      const rtt = subject.summary.handshake.rtt ?? 0;
      if (rtt <= spec.maxSeconds) return null;
      return {
        frames: [subject.summary.firstFrame],
        words: `iRTT ${formatDuration(rtt)} is above ${formatDuration(spec.maxSeconds)}`,
      };
    }
    case "final-state": {
      const state = subject.summary.finalStates[spec.endpoint];
      if (state === spec.state) return null;
      return quoting(`the ${spec.endpoint} ends in ${state}`, facts.lastChangeOf(spec.endpoint) ?? facts.first);
    }
  }
}

function closeOffence(facts: ConnectionFacts, summary: ConnectionSummary): Offence {
  const firstReset = facts.earliestReset;
  if (firstReset !== undefined) return { frames: [firstReset.frame], words: "reset", quoted: firstReset };
  const kind = summary.close.kind;
  const words =
    kind === "four-way" || kind === "three-way" || kind === "simultaneous" || kind === "reset"
      ? "not closed gracefully"
      : CLOSE_WORDS[kind];
  const states = `client ${summary.finalStates.client}, server ${summary.finalStates.server}`;
  const last = facts.last;
  return {
    frames: [last?.frame ?? summary.lastFrame],
    words: `${words} (${states})`,
    quoted: last,
    joiner: "; the last segment: ",
  };
}

function noResets(facts: ConnectionFacts): boolean {
  return facts.resetsFrom("client").length === 0 && facts.resetsFrom("server").length === 0;
}

function headline(evidence: Evidence, language: Language): string {
  const said = evidence.headline();
  return said === undefined ? `frame ${evidence.frame}` : formatMessage(said, language);
}
