import { FINDING_KINDS } from "../annotate/findings/finding.js";
import { TCP_STATES, type TcpState } from "../track/states.js";
import { parseDuration } from "./duration.js";
import type { CountedFinding, RuleSpec } from "./rules.js";
import { quoted, RulesError } from "./rules-error.js";

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

/**
 * Maps, not objects: an object would also answer to the names it inherits ("constructor",
 * "__proto__", "toString"), and a rule so named would pass for one.
 */
const EXPECTATIONS: ReadonlyMap<string, RuleSpec> = new Map<string, RuleSpec>([
  ["handshake", { kind: "handshake" }],
  ["graceful-close", { kind: "graceful-close" }],
]);

const PROHIBITIONS: ReadonlyMap<string, RuleSpec> = new Map<string, RuleSpec>([
  ["rst", { kind: "no-rst" }],
  ["rst-from-client", { kind: "no-rst", from: "client" }],
  ["rst-from-server", { kind: "no-rst", from: "server" }],
  ["refused", { kind: "no-refused" }],
  ["one-side-gone", { kind: "no-one-side-gone" }],
  ...FINDING_KINDS.map((finding): [string, RuleSpec] => [finding, { kind: "no-finding", finding }]),
]);

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
      return {
        kind: "max-count",
        finding: key.slice("max-".length) as CountedFinding,
        max: wholeNumber(value, Number.MAX_SAFE_INTEGER, `${where}: ${key}`),
      };
    case "max-handshake-rtt":
      return { kind: "max-handshake-rtt", maxSeconds: duration(value, `${where}: ${key}`) };
    case "max-syn-rcvd":
      return { kind: "max-syn-rcvd", max: wholeNumber(value, Number.MAX_SAFE_INTEGER, `${where}: ${key}`) };
    case "connections":
    case "min-connections":
      return {
        kind: "connection-count",
        count: wholeNumber(value, Number.MAX_SAFE_INTEGER, `${where}: ${key}`),
        atLeast: key === "min-connections",
      };
    case "final-state":
      return finalState(value, `${where}: ${key}`);
  }
}

function pick(choices: ReadonlyMap<string, RuleSpec>, value: unknown, where: string): RuleSpec {
  const choice = typeof value === "string" ? choices.get(value) : undefined;
  if (choice === undefined)
    throw new RulesError(`${where}: ${quoted(value)} is not one of ${[...choices.keys()].join(", ")}`);
  return choice;
}

/** A whole number from 0 to `max`, given as a number or as digits (as flags give every value). */
export function wholeNumber(value: unknown, max: number, where: string): number {
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number) || number < 0 || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? "0 or more" : `from 0 to ${max}`;
    throw new RulesError(`${where}: ${quoted(value)} is not a whole number ${range}`);
  }
  return number;
}

function duration(value: unknown, where: string): number {
  const seconds = typeof value === "string" ? parseDuration(value) : null;
  if (seconds === null) throw new RulesError(`${where}: ${quoted(value)} is not a duration such as 50ms, 250us or 1s`);
  // So many digits that the number is Infinity: no iRTT could be compared with it.
  if (!Number.isFinite(seconds)) throw new RulesError(`${where}: ${quoted(value)} is too long to be a duration`);
  return seconds;
}

/** "client=TIME_WAIT", or {client: TIME_WAIT} in a rules file: one endpoint, one state. */
function finalState(value: unknown, where: string): RuleSpec {
  const pair = endpointAndState(value);
  if (pair === undefined)
    throw new RulesError(`${where}: ${quoted(value)} must name one endpoint and its state, e.g. client=TIME_WAIT`);
  const [endpoint, state] = pair;
  if (endpoint !== "client" && endpoint !== "server")
    throw new RulesError(`${where}: ${quoted(endpoint)} is not client or server`);
  if (typeof state !== "string" || !(TCP_STATES as readonly string[]).includes(state)) {
    throw new RulesError(`${where}: ${quoted(state)} is not a TCP state (${TCP_STATES.join(", ")})`);
  }
  return { kind: "final-state", endpoint, state: state as TcpState };
}

function endpointAndState(value: unknown): readonly [string, unknown] | undefined {
  if (typeof value === "string") {
    const parts = value.split("=");
    return parts.length === 2 ? [parts[0]!, parts[1]] : undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  return entries.length === 1 ? entries[0] : undefined;
}
