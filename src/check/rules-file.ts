import { isIP } from "node:net";
import type { ConnectionSelector } from "../annotate/select.js";
import { isRuleKey, parseRule, RULE_KEYS, wholeNumber } from "./parse-rule.js";
import type { Rule } from "./rules.js";
import { quoted, RulesError } from "./rules-error.js";
import { readYaml } from "./rules-yaml.js";

/** Keys that narrow a rule (or, under `select:`, every rule) to some connections. */
const SELECTOR_KEYS = ["port", "host", "stream"] as const;

/**
 * A rules file, YAML or JSON (JSON is YAML): an optional `select:` applied to every rule, and a
 * `rules:` list whose items each hold one rule key, optionally with port/host/stream keys.
 *
 *   select: { port: 9502 }
 *   rules:
 *     - expect: handshake
 *     - forbid: rst-from-server
 *     - max-handshake-rtt: 50ms
 *       host: 127.0.0.1
 */
export function parseRulesFile(text: string, file: string): Rule[] {
  const document = readYaml(text, file);
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new RulesError(`${file}: expected a mapping with a "rules" list`);
  }
  const { select, rules, ...unknown } = document as Record<string, unknown>;
  for (const key of Object.keys(unknown))
    throw new RulesError(`${file}: unknown key "${key}" (expected "select" and "rules")`);
  const common = select === undefined ? {} : parseSelector(select, `${file}: select`);
  if (!Array.isArray(rules) || rules.length === 0) throw new RulesError(`${file}: "rules" must be a non-empty list`);
  return rules.map((item, index) => parseItem(item, `${file} rule ${index + 1}`, common));
}

function parseItem(item: unknown, where: string, common: ConnectionSelector): Rule {
  if (item === null || typeof item !== "object" || Array.isArray(item))
    throw new RulesError(`${where}: expected a mapping such as {expect: handshake}`);
  const entries = Object.entries(item);
  const ruleEntries = entries.filter(([key]) => isRuleKey(key));
  for (const [key] of entries) {
    if (!isRuleKey(key) && !(SELECTOR_KEYS as readonly string[]).includes(key)) {
      throw new RulesError(
        `${where}: unknown key "${key}" (rules: ${RULE_KEYS.join(", ")}; selectors: ${SELECTOR_KEYS.join(", ")})`,
      );
    }
  }
  if (ruleEntries.length !== 1)
    throw new RulesError(`${where}: expected exactly one rule key, found ${ruleEntries.length}`);
  const [key, value] = ruleEntries[0]!;
  if (!isRuleKey(key)) throw new RulesError(`${where}: unknown rule "${key}"`);
  const own = parseSelector(Object.fromEntries(entries.filter(([k]) => !isRuleKey(k))), where);
  return { spec: parseRule(key, value, where), selector: mergeSelectors(common, own), origin: where };
}

/** port / host / stream: one value or a non-empty list (an empty one would select every connection). */
export function parseSelector(value: unknown, where: string): ConnectionSelector {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new RulesError(`${where}: expected port, host or stream keys`);
  const selector: { ports?: number[]; hosts?: string[]; streams?: number[] } = {};
  for (const [key, raw] of Object.entries(value)) {
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0) throw new RulesError(`${where}: ${key}: an empty list`);
    if (key === "port") selector.ports = values.map((v) => wholeNumber(v, 65535, `${where}: port`));
    else if (key === "stream")
      selector.streams = values.map((v) => wholeNumber(v, Number.MAX_SAFE_INTEGER, `${where}: stream`));
    else if (key === "host") selector.hosts = values.map((v) => address(v, `${where}: host`));
    else throw new RulesError(`${where}: unknown key "${key}" (expected ${SELECTOR_KEYS.join(", ")})`);
  }
  return selector;
}

/** An IPv4 or IPv6 address, as connections are matched against: a name or anything else would match none. */
function address(value: unknown, where: string): string {
  if (typeof value !== "string" || isIP(value) === 0)
    throw new RulesError(`${where}: ${quoted(value)} is not an IPv4 or IPv6 address`);
  return value;
}

/** A rule's own port/host/stream replace the common ones; criteria it does not name stay. */
export function mergeSelectors(common: ConnectionSelector, own: ConnectionSelector): ConnectionSelector {
  return {
    streams: own.streams ?? common.streams ?? [],
    ports: own.ports ?? common.ports ?? [],
    hosts: own.hosts ?? common.hosts ?? [],
  };
}
