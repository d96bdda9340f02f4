import { stat } from "node:fs/promises";
import { pathOf } from "./arguments.js";
import { formatCount } from "../render/shared/quantities.js";
import { terminalSafe } from "../render/shared/terminal-safe.js";
import { displayWidth } from "../render/shared/width.js";

/** The little of a stream the bar uses; process.stderr is one, and tests pass a fake terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  /** The terminal's width; the bar keeps to one column less, so that it never wraps. */
  columns?: number;
  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean;
}

/** Where and how the bar is drawn: everything a test needs to drive it without a terminal. */
export interface ProgressSettings {
  /** Where the bar is drawn (default: stderr). */
  stream?: ProgressStream;
  /** Standard output (default: stdout): when it is a terminal too, the bar gives way to its lines as well. */
  stdout?: { isTTY?: boolean; write?: ProgressStream["write"] };
  /** The environment, for TERM (default: the process's). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds from any fixed point, never going back (default: performance.now). */
  now?: () => number;
  /** Nothing is drawn before reading is this old: a short run shows no bar at all. */
  delayMs?: number;
  /** The least time between two drawings. */
  intervalMs?: number;
  /** Frames between two looks at the clock. */
  framesPerCheck?: number;
}

/** What the command says about the bar. */
export interface ProgressRequest {
  /** --quiet: never a bar. */
  quiet?: boolean;
  /**
   * The command writes its output while it reads (the timeline, the diagrams). When that goes to the
   * terminal it shows the progress itself, and a bar redrawn among its lines would garble them.
   */
  outputWhileReading?: boolean;
}

const DEFAULTS = { delayMs: 1000, intervalMs: 100, framesPerCheck: 4096 } as const;
const CLEAR_LINE = "\r\x1b[K";
/** Cells of the drawn bar, brackets aside; left out on a terminal too narrow for it. */
const BAR_CELLS = 20;
/** The drawn bar is left out rather than leave the file name fewer columns than this. */
const NAME_ROOM = 12;
const ELLIPSIS = "...";

/**
 * Whether a run gets a bar: only on a terminal (stderr, where it is drawn), never with --quiet,
 * never on a terminal that cannot clear a line (TERM=dumb), never when standard input is read (its
 * size is unknown, and a live capture has no end to count down to), and not when the command's own
 * output goes to the terminal while it reads.
 */
export function wantsProgressBar(
  inputs: readonly string[],
  request: ProgressRequest,
  settings: ProgressSettings = {},
): boolean {
  const stream = settings.stream ?? process.stderr;
  const stdout = settings.stdout ?? process.stdout;
  const env = settings.env ?? process.env;
  if (request.quiet === true || stream.isTTY !== true || env["TERM"] === "dumb") return false;
  if (inputs.length === 0 || inputs.includes("-")) return false;
  return !(request.outputWhileReading === true && stdout.isTTY === true);
}

/** The bar for reading these files, or undefined when the run gets none; sizes come from fs.stat. */
export async function progressBarFor(
  inputs: readonly string[],
  request: ProgressRequest,
  settings: ProgressSettings = {},
): Promise<ProgressBar | undefined> {
  if (!wantsProgressBar(inputs, request, settings)) return undefined;
  // A file that cannot be stat'ed counts for nothing: reading it reports the problem.
  const sizes = await Promise.all(
    inputs.map((input) =>
      stat(pathOf(input)).then(
        (stats) => (stats.isFile() ? stats.size : 0),
        () => 0,
      ),
    ),
  );
  return new ProgressBar(sizes, settings);
}

/**
 * One line on the terminal while captures are read: the file, a bar and the percentage of bytes
 * read across all the files, frames read, frames per second and the time left.
 *
 *     trace.pcap (2/3) [########............]  41%  1,204,331 frames  287k/s  ETA 0:09
 *
 * frame() is on the hot path (about a microsecond per frame): it only counts, and looks at the
 * clock every few thousand frames. A timer would not do, as it cannot fire while a large chunk is
 * parsed synchronously. Nothing is drawn in the first second, then at most ten times a second.
 *
 * While the bar is on screen, every other write to the terminal (a warning, an error, output)
 * first clears it, wherever that write comes from; the bar comes back at the next drawing. stop()
 * clears it for good and gives the streams back, and the process exiting clears it too.
 */
export class ProgressBar {
  private readonly stream: ProgressStream;
  private readonly stdout: NonNullable<ProgressSettings["stdout"]>;
  private readonly now: () => number;
  private readonly delayMs: number;
  private readonly intervalMs: number;
  private readonly framesPerCheck: number;
  private readonly total: number;
  private readonly started: number;
  private frames = 0;
  private nextCheck: number;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  /** The file being read: its number (from 0), safe name and how many of its bytes were read. */
  private file = -1;
  private name = "";
  private position: () => number = () => 0;
  /** Bytes of the files read before this one. */
  private before = 0;
  /** The bar is on screen. */
  private shown = false;
  /** Someone else's line is on screen unfinished: a bar drawn now would overwrite it. */
  private lineOpen = false;
  private stopped = false;
  /** The stream's own write, which the bar draws with. */
  private readonly rawWrite: (text: string) => void;
  private readonly releases: Array<() => void> = [];
  private readonly clearOnExit = () => this.clear();

  constructor(
    private readonly sizes: readonly number[],
    settings: ProgressSettings = {},
  ) {
    this.stream = settings.stream ?? process.stderr;
    this.stdout = settings.stdout ?? process.stdout;
    this.now = settings.now ?? (() => performance.now());
    this.delayMs = settings.delayMs ?? DEFAULTS.delayMs;
    this.intervalMs = settings.intervalMs ?? DEFAULTS.intervalMs;
    this.framesPerCheck = Math.max(1, settings.framesPerCheck ?? DEFAULTS.framesPerCheck);
    this.nextCheck = this.framesPerCheck;
    this.total = sizes.reduce((sum, size) => sum + size, 0);
    this.started = this.now();
    // From the start, not the first drawing, so that a line left unfinished before it is known.
    this.rawWrite = this.takeOver();
  }

  /** The next file starts; position() tells how many of its bytes have been read so far. */
  nextFile(name: string, position: () => number): void {
    if (this.file >= 0) this.before += this.sizes[this.file] ?? 0;
    this.file++;
    this.name = terminalSafe(name);
    this.position = position;
    this.check();
  }

  /** One more frame read. The only per-frame cost: a count and a comparison. */
  frame(): void {
    if (++this.frames >= this.nextCheck) this.check();
  }

  /** Reading is over: the bar leaves the screen and the stream is as it was. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.clear();
    for (const release of this.releases.splice(0)) release();
  }

  private check(): void {
    this.nextCheck = this.frames + this.framesPerCheck;
    if (this.stopped || this.lineOpen) return;
    const now = this.now();
    if (now - this.started < this.delayMs || now - this.lastDrawn < this.intervalMs) return;
    this.lastDrawn = now;
    this.draw(now);
  }

  private draw(now: number): void {
    this.rawWrite(`\r${this.line(now)}\x1b[K`);
    this.shown = true;
  }

  private clear(): void {
    if (!this.shown) return;
    this.shown = false;
    this.rawWrite(CLEAR_LINE);
  }

  /** The line as it fits the terminal, one column short of its width. */
  private line(now: number): string {
    // A terminal that does not say its width (0, as a pseudo-terminal may) is taken for 80 columns.
    const width = this.stream.columns !== undefined && this.stream.columns > 0 ? this.stream.columns : 80;
    const columns = Math.max(1, width - 1);
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const fraction =
      this.total > 0
        ? Math.min(1, (this.before + Math.min(this.position(), this.sizes[this.file] ?? 0)) / this.total)
        : 0;
    const stats = [
      `${Math.floor(fraction * 100)}%`.padStart(4),
      `${formatCount(this.frames)} frames`,
      `${formatRate(this.frames / seconds)}/s`,
      `ETA ${fraction > 0 ? formatEta((seconds * (1 - fraction)) / fraction) : "--:--"}`,
    ].join("  ");
    const bar = `[${"#".repeat(Math.floor(fraction * BAR_CELLS)).padEnd(BAR_CELLS, ".")}]`;
    const which = this.sizes.length > 1 ? ` (${this.file + 1}/${this.sizes.length})` : "";
    const label = this.name + which;
    const withBar = columns - bar.length - stats.length - 2 >= Math.min(NAME_ROOM, displayWidth(label));
    const right = withBar ? `${bar} ${stats}` : stats;
    const name = fitFromEnd(label, columns - right.length - 1);
    // The rest is ASCII, so a cut by length is a cut by columns.
    return (name === "" ? right : `${name} ${right}`).slice(0, columns).trimEnd();
  }

  /**
   * Puts the bar in front of its stream's write, and of stdout's when that is a terminal too: any
   * other text written while the bar is shown clears it first. Warnings are written by each command
   * as they come, so this is the one place that sees them all; a command that prints its results
   * while it reads (summary's NDJSON records) gets its lines whole too. Returns the stream's own write.
   */
  private takeOver(): (text: string) => void {
    const stream = this.stream;
    const original = this.giveWay(stream);
    const stdout = this.stdout;
    if (stdout !== stream && stdout.isTTY === true && stdout.write !== undefined)
      this.giveWay(stdout as ProgressStream);
    process.on("exit", this.clearOnExit);
    this.releases.push(() => process.off("exit", this.clearOnExit));
    return (text) => void original.call(stream, text);
  }

  /** Wraps the stream's write so that it clears the bar first; returns the write it wrapped. */
  private giveWay(stream: ProgressStream): ProgressStream["write"] {
    const own = Object.hasOwn(stream, "write");
    const original = stream.write;
    stream.write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      this.clear();
      this.lineOpen = !endsLine(chunk);
      return original.call(stream, chunk, ...rest);
    };
    this.releases.push(() => {
      if (own) stream.write = original;
      else delete (stream as { write?: unknown }).write;
    });
    return original;
  }
}

function endsLine(chunk: string | Uint8Array): boolean {
  if (typeof chunk === "string") return chunk.length === 0 || chunk.endsWith("\n");
  return chunk.length === 0 || chunk[chunk.length - 1] === 0x0a;
}

/** The end of the text that fits the columns, "..." in front when cut: a path's file name is at its end. */
function fitFromEnd(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  if (columns <= ELLIPSIS.length) return "";
  const chars = Array.from(text);
  let width = ELLIPSIS.length;
  let start = chars.length;
  while (start > 0) {
    const char = chars[start - 1] ?? "";
    if (width + displayWidth(char) > columns) break;
    width += displayWidth(char);
    start--;
  }
  return ELLIPSIS + chars.slice(start).join("");
}

/** 812, 28.3k, 287k, 1.4M */
function formatRate(perSecond: number): string {
  if (perSecond < 999.5) return String(Math.round(perSecond));
  if (perSecond < 9_950) return `${(perSecond / 1000).toFixed(1)}k`;
  if (perSecond < 999_500) return `${Math.round(perSecond / 1000)}k`;
  return `${(perSecond / 1e6).toFixed(1)}M`;
}

/** 0:09, 12:05, 1:02:03; "--:--" past 99 hours, where an estimate means nothing. */
function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds > 99 * 3600) return "--:--";
  const whole = Math.ceil(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor(whole / 60) % 60;
  const rest = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}
