import { secondsBetween, type Timestamp } from "../../capture/timestamp.js";

/**
 * The timeline's time column, in the ways tcpdump offers (its -t options), with the connection's
 * own clock as the default: interleaved connections each start at 0, as Wireshark's
 * tcp.time_relative does.
 */
export const TIME_FORMATS = ["connection", "since-first", "delta", "clock", "date", "epoch", "none"] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

/** Each connection on its own clock, as Wireshark's tcp.time_relative. */
export const DEFAULT_TIME_FORMAT: TimeFormat = "connection";

/** What each format shows, for --help and the docs; the tcpdump option it matches in brackets. */
export const TIME_FORMAT_MEANINGS: Record<TimeFormat, string> = {
  connection: "seconds since the connection's first segment (the default)",
  "since-first": "seconds since the first segment shown (tcpdump -ttttt)",
  delta: "seconds since the previous segment shown (tcpdump -ttt)",
  clock: "time of day, local time (tcpdump's default)",
  date: "date and time of day, local time (tcpdump -tttt)",
  epoch: "seconds since 1970-01-01 UTC (tcpdump -tt)",
  none: "no time column (tcpdump -t)",
};

/** Columns each format usually takes; a longer time widens its column (see SegmentRowLayout). */
export const TIME_COLUMNS: Record<TimeFormat, number> = {
  connection: 9,
  "since-first": 9,
  delta: 9,
  clock: 15,
  date: 26,
  epoch: 17,
  none: 0,
};

/** Turns each shown segment's timestamp into the column's text, remembering what "first" and "previous" were. */
export class TimeColumn {
  private first: Timestamp | undefined;
  private previous: Timestamp | undefined;

  constructor(readonly format: TimeFormat) {}

  /** The cell for a segment shown now; `sinceStart` is its time since its connection's first segment. */
  cell(time: Timestamp, sinceStart: number): string {
    const seconds = this.seconds(time, sinceStart);
    if (seconds !== undefined) return seconds.toFixed(6);
    this.shown(time);
    switch (this.format) {
      case "clock":
        return clockTime(time);
      case "date":
        return `${localDate(time)} ${clockTime(time)}`;
      case "epoch":
        return `${time.seconds}.${micros(time)}`;
      default:
        return "";
    }
  }

  /**
   * For the formats in seconds (connection, since-first, delta), the segment's, shown now, which
   * the cell writes with six places; undefined for the others, for which `cell` says the segment
   * was shown.
   */
  seconds(time: Timestamp, sinceStart: number): number | undefined {
    switch (this.format) {
      case "connection":
        this.shown(time);
        return sinceStart;
      case "since-first":
        this.shown(time);
        return secondsBetween(this.first!, time);
      case "delta":
        return secondsBetween(this.shown(time), time);
      default:
        return undefined;
    }
  }

  /** A segment at `time` is shown: it is the first if none was, and the previous from now on; the one before it is returned. */
  private shown(time: Timestamp): Timestamp {
    this.first ??= time;
    const previous = this.previous ?? time;
    this.previous = time;
    return previous;
  }
}

/**
 * The whole microseconds whose six places toFixed(6) writes for `seconds`, when they are sure
 * to be those: the seconds not negative, below 2^40 microseconds (12 days, where the product's
 * rounding error is below 2^-13) and not within a quarter of a microsecond of a half; else -1.
 */
export function sixPlaceMicros(seconds: number): number {
  const product = seconds * 1e6;
  if (!(product >= 0 && product < 2 ** 40)) return -1;
  const whole = Math.round(product);
  return Math.abs(product - whole) < 0.25 ? whole : -1;
}

/** Microseconds within the second, six digits: tcpdump's precision, whatever the capture's. */
function micros(time: Timestamp): string {
  return String(Math.floor(time.nanos / 1000)).padStart(6, "0");
}

const two = (value: number) => String(value).padStart(2, "0");

/** "14:03:07.123456" in the local time zone, as tcpdump prints it. */
function clockTime(time: Timestamp): string {
  const date = new Date(time.seconds * 1000);
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${micros(time)}`;
}

function localDate(time: Timestamp): string {
  const date = new Date(time.seconds * 1000);
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}
