/** A rules file or rule flag that cannot be used; the message names the rule and the bad key or value. */
export class RulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RulesError";
  }
}

/** The longest quote of a value an error gives; a rules file may hold long strings. */
const MAX_QUOTED = 80;

/**
 * A value as an error about it quotes it: a scalar as JSON writes it (cut short when long), a list
 * or mapping by its kind, as it may be big (or, from YAML, hold the same node many times).
 */
export function quoted(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value !== null && typeof value === "object") return "a mapping";
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 3)}...` : text;
}
