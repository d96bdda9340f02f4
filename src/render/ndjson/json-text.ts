import { CONTROL_RANGES, terminalSafe } from "../shared/terminal-safe.js";

/**
 * JSON text written piece by piece, for records printed once per segment: JSON.stringify of a
 * nested object (built first, with its arrays mapped into it) costs several times what writing
 * out known keys does. Every value still goes through JSON's own rules.
 */

/** A JSON number; JSON has no NaN or Infinity, and JSON.stringify writes them as null too. */
export function jsonNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : "null";
}

export function jsonNullableNumber(value: number | null): string {
  return value === null ? "null" : jsonNumber(value);
}

/**
 * What a string must not hold to be written between quotes as it is: what JSON escapes (the
 * quote, the backslash, C0 controls) and what a terminal may act on (terminal-safe.ts), every
 * surrogate included (a pair is rare, and merely takes the longer way).
 */
const NEEDS_ESCAPES = new RegExp(`["\\\\${CONTROL_RANGES}\\ud800-\\udfff]`);

/**
 * A JSON string, quoted, escaped and safe to print (terminalSafe): a record whose strings are
 * all written by this needs no pass over the whole line, as the rest is numbers and punctuation.
 */
export function jsonString(value: string): string {
  return `"${jsonStringContent(value)}"`;
}

/** What jsonString writes between the quotes. */
export function jsonStringContent(value: string): string {
  return NEEDS_ESCAPES.test(value) ? terminalSafe(JSON.stringify(value)).slice(1, -1) : value;
}

/**
 * Names that recur in every record (roles, states, causes, addresses) by their quoted form:
 * looking one up costs a fraction of quoting it again. Emptied when full, so that a capture of
 * many addresses keeps it small.
 */
const quotedNames = new Map<string, string>();
const QUOTED_NAMES_LIMIT = 4096;

/** jsonString for a value from a small set that recurs. */
export function jsonName(value: string): string {
  let quoted = quotedNames.get(value);
  if (quoted === undefined) {
    if (quotedNames.size >= QUOTED_NAMES_LIMIT) quotedNames.clear();
    quoted = jsonString(value);
    quotedNames.set(value, quoted);
  }
  return quoted;
}

/** An array of names. */
export function jsonNames(values: readonly string[]): string {
  return values.length === 0 ? "[]" : `[${values.map(jsonName).join(",")}]`;
}
