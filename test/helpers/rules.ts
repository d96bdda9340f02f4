import type { Rule, RuleSpec } from "../../src/check/rules.js";

/** One rule of every kind, and both ends' final states, so that every verdict path runs. */
export const EVERY_RULE_KIND: readonly RuleSpec[] = [
  { kind: "handshake" },
  { kind: "graceful-close" },
  { kind: "no-rst" },
  { kind: "no-rst", from: "server" },
  { kind: "no-refused" },
  { kind: "no-one-side-gone" },
  { kind: "max-count", finding: "retransmissions", max: 0 },
  { kind: "max-count", finding: "duplicate-acks", max: 0 },
  { kind: "max-count", finding: "zero-windows", max: 0 },
  { kind: "max-handshake-rtt", maxSeconds: 0.0001 },
  { kind: "connection-count", count: 1, atLeast: false },
  { kind: "final-state", endpoint: "client", state: "TIME_WAIT" },
  { kind: "final-state", endpoint: "server", state: "CLOSED" },
];

/** Rules of these specs, selecting every connection, named by their place. */
export function rulesOf(specs: readonly RuleSpec[], name = "rule"): Rule[] {
  return specs.map((spec, i) => ({ spec, selector: {}, origin: `${name} ${i + 1}` }));
}
