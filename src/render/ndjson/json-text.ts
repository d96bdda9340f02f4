import { encodeText, type ByteWriter } from "../shared/byte-writer.js";
import { CONTROL_RANGES, terminalSafe } from "../shared/terminal-safe.js";
import { secondsOf, type Timestamp } from "../../capture/timestamp.js";

/**
 * JSON text written piece by piece into a byte buffer, for records printed once per segment:
 * JSON.stringify of a nested object (built first, with its arrays mapped into it) costs several
 * times what writing out known keys does. Every value still goes through JSON's own rules.
 */

const NULL = encodeText("null");

/**
 * A JSON number; JSON has no NaN or Infinity, and JSON.stringify writes them as null too. A
 * fraction that is a whole number of microseconds (times in seconds, most of the records'
 * fractions) is written as writeMicrosAsSeconds does, without printing the double.
 */
export function writeJsonNumber(out: ByteWriter, value: number): void {
  if (Number.isInteger(value)) return out.number(value);
  if (!Number.isFinite(value)) return out.bytes(NULL);
  const micros = Math.round(value * 1e6);
  if (micros / 1e6 === value && Math.abs(micros) < MAX_EXACT_DECIMAL) writeMicrosAsSeconds(out, micros);
  else out.number(value);
}

export function writeJsonNullableNumber(out: ByteWriter, value: number | null): void {
  if (value === null) out.bytes(NULL);
  else writeJsonNumber(out, value);
}

/**
 * Microseconds as seconds, as JSON.stringify(micros / 1e6) writes them, without its call to
 * print a double (the NDJSON record's most costly number): for a decimal of at most 15
 * significant digits, the shortest digits that read back as the same double (what
 * Number.prototype.toString writes) are the decimal's own, its fraction's trailing zeros dropped.
 */
export function writeMicrosAsSeconds(out: ByteWriter, micros: number): void {
  if (!Number.isSafeInteger(micros) || Math.abs(micros) >= MAX_EXACT_DECIMAL) return writeJsonNumber(out, micros / 1e6);
  if (micros < 0) {
    out.byte(MINUS);
    micros = -micros;
  }
  const whole = Math.floor(micros / 1e6);
  out.digits(whole);
  writeFraction(out, micros - whole * 1e6);
}

/**
 * A capture time as JSON.stringify(secondsOf(time)) writes it. A time of whole microseconds in
 * 2004-2038 (its seconds between 2^30 and 2^31, where a double's step is 2^-22 s) is written from
 * its parts when the double lies within half a step of the decimal: then no other decimal of six
 * places reads back as it, and the decimal's digits are the shortest. Any other time is printed.
 */
export function writeSeconds(out: ByteWriter, time: Timestamp): void {
  const value = secondsOf(time);
  const { seconds, nanos } = time;
  if (nanos % 1000 === 0 && seconds >= 2 ** 30 && seconds < 2 ** 31 - 1) {
    // Both exact: seconds <= value <= 2 * seconds (Sterbenz), and the fraction has at most 22 bits.
    const micros = nanos / 1000;
    const offBy = (value - seconds) * 1e6 - micros;
    if (Math.abs(offBy) < HALF_STEP_IN_MICROS) {
      out.digits(seconds);
      writeFraction(out, micros);
      return;
    }
  }
  writeJsonNumber(out, value);
}

/** Microseconds within a second (0..999999) as a decimal fraction: none for 0, else the point and up to six places. */
function writeFraction(out: ByteWriter, micros: number): void {
  if (micros === 0) return;
  let places = 6;
  while (micros % 10 === 0) {
    micros /= 10;
    places--;
  }
  out.byte(POINT);
  out.paddedDigits(micros, places);
}

const MAX_EXACT_DECIMAL = 1e15;
/** Half of a double's step between 2^30 and 2^31 (2^-22 s), in microseconds. */
const HALF_STEP_IN_MICROS = 2 ** -23 * 1e6;
const MINUS = 0x2d;
const POINT = 0x2e;

/**
 * What a string must not hold to be written between quotes as it is: what JSON escapes (the
 * quote, the backslash, C0 controls) and what a terminal may act on (terminal-safe.ts), every
 * surrogate included (a pair is rare, and merely takes the longer way).
 */
const NEEDS_ESCAPES = new RegExp(`["\\\\${CONTROL_RANGES}\\ud800-\\udfff]`);

/** What writeJsonString writes between the quotes. */
export function jsonStringContent(value: string): string {
  if (isPlainAscii(value)) return value;
  return NEEDS_ESCAPES.test(value) ? terminalSafe(JSON.stringify(value)).slice(1, -1) : value;
}

const QUOTE = 0x22;

/**
 * A JSON string, quoted, escaped and safe to print (terminalSafe): a record whose strings are
 * all written by this needs no pass over the whole line, as the rest is numbers and punctuation.
 */
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
