import { FINDING_KINDS } from "../annotate/findings/finding.js";
import { TCP_STATES, type Role, type TcpState } from "../track/states.js";
import { parseDuration } from "./duration.js";
import type { CountedFinding, RuleSpec } from "./rules.js";
import { RulesError } from "./rules-error.js";

/**
 * The rule vocabulary shared by the flags and the rules files: a key and its value.
 *   expect: handshake | graceful-close          forbid: rst | rst-from-client | rst-from-server | refused | one-side-gone
 *                                               forbid: syn-flood | port-scan | keepalive-timeout (docs/findings.md)
 *   max-retransmissions | max-duplicate-acks | max-zero-windows | max-syn-rcvd: N
 *   max-handshake-rtt: 50ms                      connections: N      min-connections: N
 *   final-state: client=TIME_WAIT (or {client: TIME_WAIT})
 */
export const RULE_KEYS = [
  "expect",
  "forbid",
  "max-retransmissions",
  "max-duplicate-acks",
  "max-zero-windows",
  "max-handshake-rtt",
  "max-syn-rcvd",
  "connections",
  "min-connections",
  "final-state",
] as const;

export type RuleKey = (typeof RULE_KEYS)[number];

const EXPECTATIONS: Record<string, RuleSpec> = {
  handshake: { kind: "handshake" },
  "graceful-close": { kind: "graceful-close" },
};

const PROHIBITIONS: Record<string, RuleSpec> = {
  rst: { kind: "no-rst" },
  "rst-from-client": { kind: "no-rst", from: "client" },
  "rst-from-server": { kind: "no-rst", from: "server" },
  refused: { kind: "no-refused" },
  "one-side-gone": { kind: "no-one-side-gone" },
  ...Object.fromEntries(FINDING_KINDS.map((finding) => [finding, { kind: "no-finding", finding }])),
};

/** A name that could mean two things: RFC 9293's half-open (one side gone) and the half-open handshakes a SYN flood leaves. */
const AMBIGUOUS_HALF_OPEN =
  '"half-open" could mean two things: use one-side-gone for a connection one side dropped while the other still holds it (RFC 9293 §3.5.1), or syn-flood, or max-syn-rcvd: N, for handshakes left half-open in SYN_RCVD';

export function isRuleKey(key: string): key is RuleKey {
  return (RULE_KEYS as readonly string[]).includes(key);
}

/** One rule from its key and value; `where` names it in errors ("--forbid", "rules.yaml rule 2"). */
export function parseRule(key: RuleKey, value: unknown, where: string): RuleSpec {
  switch (key) {
    case "expect":
      return pick(EXPECTATIONS, value, `${where}: expect`);
    case "forbid":
      if (value === "half-open") throw new RulesError(`${where}: forbid: ${AMBIGUOUS_HALF_OPEN}`);
      return pick(PROHIBITIONS, value, `${where}: forbid`);
    case "max-retransmissions":
    case "max-duplicate-acks":
    case "max-zero-windows":
      return { kind: "max-count", finding: key.slice("max-".length) as CountedFinding, max: count(value, `${where}: ${key}`) };
    case "max-handshake-rtt":
      return { kind: "max-handshake-rtt", maxSeconds: duration(value, `${where}: ${key}`) };
    case "max-syn-rcvd":
      return { kind: "max-syn-rcvd", max: count(value, `${where}: ${key}`) };
    case "connections":
    case "min-connections":
      return { kind: "connection-count", count: count(value, `${where}: ${key}`), atLeast: key === "min-connections" };
    case "final-state":
      return finalState(value, `${where}: ${key}`);
  }
}

function pick(choices: Record<string, RuleSpec>, value: unknown, where: string): RuleSpec {
  const choice = typeof value === "string" ? choices[value] : undefined;
  if (choice === undefined) throw new RulesError(`${where}: ${show(value)} is not one of ${Object.keys(choices).join(", ")}`);
  return choice;
}

function count(value: unknown, where: string): number {
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number) || number < 0) {
    throw new RulesError(`${where}: ${show(value)} is not a whole number, 0 or more`);
  }
  return number;
}

function duration(value: unknown, where: string): number {
  const seconds = typeof value === "string" ? parseDuration(value) : null;
  if (seconds === null) throw new RulesError(`${where}: ${show(value)} is not a duration such as 50ms, 250us or 1s`);
  return seconds;
}

/** "client=TIME_WAIT", or {client: TIME_WAIT} in a rules file. */
function finalState(value: unknown, where: string): RuleSpec {
  const pair = typeof value === "string" ? value.split("=") : value && typeof value === "object" ? Object.entries(value)[0] : undefined;
  const [endpoint, state] = Array.isArray(pair) ? pair : [];
  if (endpoint !== "client" && endpoint !== "server") {
    throw new RulesError(`${where}: ${show(value)} must name client or server, e.g. client=TIME_WAIT`);
  }
  if (typeof state !== "string" || !(TCP_STATES as readonly string[]).includes(state)) {
    throw new RulesError(`${where}: ${show(state)} is not a TCP state (${TCP_STATES.join(", ")})`);
  }
  return { kind: "final-state", endpoint: endpoint as Role, state: state as TcpState };
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

