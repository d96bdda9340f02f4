import { encodeText, type ByteWriter } from "../shared/byte-writer.js";
import { CONTROL_RANGES, terminalSafe } from "../shared/terminal-safe.js";

/**
 * JSON text written piece by piece into a byte buffer, for records printed once per segment:
 * JSON.stringify of a nested object (built first, with its arrays mapped into it) costs several
 * times what writing out known keys does. Every value still goes through JSON's own rules.
 */

const NULL = encodeText("null");

/** A JSON number; JSON has no NaN or Infinity, and JSON.stringify writes them as null too. */
export function writeJsonNumber(out: ByteWriter, value: number): void {
  if (Number.isFinite(value)) out.number(value);
  else out.bytes(NULL);
}

export function writeJsonNullableNumber(out: ByteWriter, value: number | null): void {
  if (value === null) out.bytes(NULL);
  else writeJsonNumber(out, value);
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

const QUOTE = 0x22;

/** jsonString, written. */
export function writeJsonString(out: ByteWriter, value: string): void {
  out.byte(QUOTE);
  writeJsonStringContent(out, value);
  out.byte(QUOTE);
}

/** jsonStringContent, written; printable ASCII (addresses, states, causes) skips the expression. */
export function writeJsonStringContent(out: ByteWriter, value: string): void {
  out.text(isPlainAscii(value) ? value : jsonStringContent(value));
}

/** Only characters from space to tilde, but the quote and the backslash. */
function isPlainAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code > 0x7e || code === QUOTE || code === 0x5c) return false;
  }
  return true;
}

/** An array of strings. */
export function writeJsonStrings(out: ByteWriter, values: readonly string[]): void {
  out.byte(0x5b);
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out.byte(0x2c);
    writeJsonString(out, values[i]!);
  }
  out.byte(0x5d);
}
