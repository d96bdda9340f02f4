import { MICROS_DECIMALS, millis, millisMicros } from "../../explain/millis.js";
import { type ByteWriter, encodeText } from "./byte-writer.js";

/**
 * Numbers as the pictures print them: short, and in plain ASCII so that a terminal that draws
 * ambiguous-width characters (µ, …, →) two columns wide still keeps the lifelines straight.
 * The write functions put the same text into a ByteWriter, the common short forms digit by digit
 * (the summary table writes four to six of them per connection).
 */

/** Made at the first count that needs it: making one costs 10 ms, a tenth of the program's start. */
let countFormat: Intl.NumberFormat | undefined;

/** 1204 -> "1,204". Below a thousand a whole number needs no separator, nor Intl's time (three per summary row). */
export function formatCount(count: number): string {
  if (isPlainCount(count)) return String(count);
  countFormat ??= new Intl.NumberFormat("en-US");
  return countFormat.format(count);
}

/** formatCount, written. */
export function writeCount(out: ByteWriter, count: number): void {
  if (isPlainCount(count)) out.number(count);
  else out.text(formatCount(count));
}

function isPlainCount(count: number): boolean {
  return Number.isInteger(count) && count >= 0 && count < 1000;
}

const BYTE_UNITS = ["kB", "MB", "GB", "TB"] as const;

/** Decimal units as network tools count them: "812 B", "28.3 kB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  return bytes < 1000 ? `${bytes} B` : scaledBytes(bytes);
}

/** formatBytes, written. */
export function writeBytes(out: ByteWriter, bytes: number): void {
  if (bytes < 1000) {
    out.number(bytes);
    out.bytes(BYTE_UNIT);
  } else out.text(scaledBytes(bytes));
}

const BYTE_UNIT = encodeText(" B");

/** A thousand bytes or more, in the largest unit that keeps the value under a thousand. */
function scaledBytes(bytes: number): string {
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.95 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** "13us", "1.5ms", "200ms", "4.8s", "12s", "2m05s", "3h20m": two or three significant digits. */
export function formatDuration(seconds: number): string {
  const micros = microsShown(seconds);
  return micros === undefined ? longDuration(seconds) : `${micros}us`;
}

/** formatDuration, written. */
export function writeDuration(out: ByteWriter, seconds: number): void {
  const micros = microsShown(seconds);
  if (micros !== undefined) {
    out.number(micros);
    out.bytes(MICROS_UNIT);
    return;
  }
  // Whole milliseconds (most summary rows' durations) digit by digit, without a string made.
  const millis = millisShown(seconds);
  if (millis !== undefined) {
    out.number(millis);
    out.bytes(MILLIS_UNIT);
  } else out.text(longDuration(seconds));
}

const MICROS_UNIT = encodeText("us");
const MILLIS_UNIT = encodeText("ms");

/** A duration under a millisecond is shown in whole microseconds: how many, else undefined. */
function microsShown(seconds: number): number | undefined {
  const micros = Math.round(seconds * 1e6);
  return micros < 1000 ? micros : undefined;
}

/** From 9.95 ms to under a second a duration is shown in whole milliseconds (see withUnit): how many, else undefined. */
function millisShown(seconds: number): number | undefined {
  const millis = seconds * 1000;
  return millis >= 9.95 && millis < 999.5 ? Math.round(millis) : undefined;
}

/** A millisecond or more. */
function longDuration(seconds: number): string {
  const millis = seconds * 1000;
  if (millis < 999.5) return withUnit(millis, "ms");
  if (seconds < 59.5) return withUnit(seconds, "s");
  const wholeSeconds = Math.round(seconds);
  if (wholeSeconds < 3600) return `${Math.floor(wholeSeconds / 60)}m${twoDigits(wholeSeconds % 60)}s`;
  const wholeMinutes = Math.round(seconds / 60);
  return `${Math.floor(wholeMinutes / 60)}h${twoDigits(wholeMinutes % 60)}m`;
}

/** millis (explain/millis.ts), written: the milliseconds digit by digit, the decimals encoded once. */
export function writeMillis(out: ByteWriter, seconds: number): void {
  const micros = millisMicros(seconds);
  if (micros < 0) {
    out.text(millis(seconds));
    return;
  }
  const ms = Math.floor(micros / 1000);
  out.digits(ms);
  out.bytes(MICROS_DECIMAL_BYTES[micros - ms * 1000]!);
}

const MICROS_DECIMAL_BYTES = MICROS_DECIMALS.map(encodeText);

/** The time since the previous row, as the margin shows it: "+200ms" ("" for the first row). */
export function gapLabel(gap: number | null): string {
  return gap === null ? "" : `+${formatDuration(gap)}`;
}

/** One decimal below 10 ("1.5ms"), none above ("200ms"). */
function withUnit(value: number, unit: string): string {
  return value < 9.95 ? `${value.toFixed(1)}${unit}` : `${Math.round(value)}${unit}`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}
