import { CaptureError, openCaptureFile, readCapture } from "../capture/index.js";
import type { CaptureWarning } from "../capture/errors.js";
import type { Frame } from "../capture/frame.js";
import type { CaptureInfo } from "../capture/info.js";
import type { CaptureSink } from "../capture/sink.js";
import type { Annotator } from "../annotate/annotator.js";
import { LINK_TYPES, linkTypeName } from "../decode/link-types.js";
import { pathOf } from "./arguments.js";
import { EXIT, exitCodeOfSignal, formatCaptureError } from "./problems.js";
import { progressBarFor, type ProgressBar, type ProgressRequest, type ProgressSettings } from "./progress-bar.js";
import { leaveShortInputUnoptimized } from "./short-input.js";
import { MemoryGuard } from "./memory-guard.js";

export interface ReadResult {
  /**
   * Why the input could not be read, if it could not: the error that stopped reading (everything
   * before it was annotated), a capture cut short under --strict, or frames of which not one has a
   * link type this tool decodes.
   */
  error: CaptureError | undefined;
  /** The signal that stopped reading (Ctrl-C's SIGINT, SIGTERM, SIGHUP); everything read before it was annotated. */
  interrupted: NodeJS.Signals | undefined;
}

export interface ReadHooks {
  /** A file's headers are known and its first frame is about to be annotated (or it had none). */
  capture(file: string, info: CaptureInfo): void;
  /** Called while a live capture is quiet, so held output can be shown. */
  idle(): void;
  /** Called after each chunk read; a promise holds reading back until the output has room (see CaptureSink.ready). */
  ready?(): Promise<void> | undefined;
}

export interface ReadOptions extends ProgressRequest {
  /** A capture cut short in its last record, or its gzip wrapper damaged, is an error rather than a warning. */
  strict?: boolean;
  /** Where and how the progress bar is drawn, when the run gets one (tests pass a fake terminal and clock). */
  progress?: ProgressSettings;
}

const LIVE_IDLE_MS = 250;
/** Signals that stop reading, the command then reporting what was read: Ctrl-C, kill's default, a terminal closed. */
const STOPPING_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * The exit status reading decided, said on stderr: 2 when the input could not be read, 128 + the
 * signal's number when a signal stopped it (130 for Ctrl-C); undefined when reading went well and
 * the command decides.
 */
export function readStatus(result: ReadResult): number | undefined {
  if (result.error !== undefined) {
    process.stderr.write(formatCaptureError(result.error) + "\n");
    return EXIT.unreadable;
  }
  if (result.interrupted === undefined) return undefined;
  const by = result.interrupted === "SIGINT" ? "" : ` by ${result.interrupted}`;
  process.stderr.write(`tcp-annotate: interrupted${by}: reading stopped; what was read before is reported\n`);
  return exitCodeOfSignal(result.interrupted);
}

/**
 * Reads each input in turn into the annotator, as one continuous capture: frame numbers go on
 * from one file to the next (tcpdump -C / -G rotations), connections span files. Ctrl-C (or
 * SIGTERM, SIGHUP) stops reading and the command reports what was read; a second signal ends the
 * program at once, as nothing listens for it any more.
 */
export async function readInputs(
  inputs: readonly string[],
  annotator: Annotator,
  hooks: ReadHooks,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const interrupt = new AbortController();
  let interrupted: NodeJS.Signals | undefined;
  const stopListening = () => {
    for (const signal of STOPPING_SIGNALS) process.off(signal, stop);
  };
  const stop = (signal: NodeJS.Signals) => {
    interrupted = signal;
    stopListening();
    interrupt.abort();
  };
  for (const signal of STOPPING_SIGNALS) process.on(signal, stop);
  leaveShortInputUnoptimized(inputs);
  let progress: ProgressBar | undefined;
  const memory = new MemoryGuard();
  try {
    progress = await progressBarFor(inputs, options, options.progress);
    const error = await readAll(inputs, annotator, hooks, options, interrupt.signal, progress, memory);
    return { error, interrupted: undefined };
  } catch (error) {
    if (interrupted !== undefined) return { error: undefined, interrupted };
    throw error;
  } finally {
    progress?.stop();
    memory.stop();
    stopListening();
  }
}

async function readAll(
  inputs: readonly string[],
  annotator: Annotator,
  hooks: ReadHooks,
  options: ReadOptions,
  signal: AbortSignal,
  progress: ProgressBar | undefined,
  memory: MemoryGuard,
): Promise<CaptureError | undefined> {
  const linkTypes = new LinkTypeWatch();
  let nextIndex = 1;
  for (const input of inputs) {
    const file = input === "-" ? "stdin" : input;
    const source = input === "-" ? process.stdin : openFile(input, progress);
    const sink = new AnnouncingSink(
      file,
      annotator.input(file),
      hooks,
      linkTypes,
      options.strict === true,
      progress,
      memory,
    );
    const stopIdle = input === "-" ? watchIdle(sink, hooks) : () => {};
    try {
      const info = await readCapture(source, sink, { firstIndex: nextIndex, name: file, signal });
      sink.announce(info);
    } catch (error) {
      if (error instanceof CaptureError) return error;
      throw error;
    } finally {
      stopIdle();
    }
    if (sink.cutShort !== undefined) return sink.cutShort;
    nextIndex = sink.lastIndex + 1;
  }
  return linkTypes.undecodable(annotator.totals.frames);
}

/** A capture file opened for reading; the progress bar follows the bytes read from it. */
function openFile(path: string, progress: ProgressBar | undefined): NodeJS.ReadableStream {
  const stream = openCaptureFile(pathOf(path));
  // The file's own bytes, not the frames' offsets: those count decompressed bytes in a gzip capture.
  progress?.nextFile(path, () => stream.bytesRead);
  return stream;
}

/** Passes an input's frames to the annotator, announcing the capture just before its first frame. */
class AnnouncingSink {
  lastIndex = 0;
  framesSeen = 0;
  /** Under --strict: the capture was cut short, which ends reading as an error. */
  cutShort: CaptureError | undefined;
  private latest: CaptureInfo | undefined;
  private announced = false;

  constructor(
    private readonly file: string,
    private readonly annotator: CaptureSink,
    private readonly hooks: ReadHooks,
    private readonly linkTypes: LinkTypeWatch,
    private readonly strict: boolean,
    private readonly progress: ProgressBar | undefined,
    private readonly memory: MemoryGuard,
  ) {}

  info(info: CaptureInfo): void {
    this.latest = info;
  }

  frame(frame: Frame): void {
    const outOfMemory = this.memory.stopAt(frame, this.file);
    if (outOfMemory !== undefined) throw outOfMemory;
    if (this.latest !== undefined) this.announce(this.latest);
    this.lastIndex = frame.index;
    this.framesSeen++;
    this.progress?.frame();
    this.linkTypes.see(frame, this.file);
    this.annotator.frame(frame);
  }

  ready(): Promise<void> | undefined {
    return this.hooks.ready?.();
  }

  warning(warning: CaptureWarning): void {
    // A record skipped with a warning still used up its number.
    if (warning.frame !== undefined) this.lastIndex = Math.max(this.lastIndex, warning.frame);
    if (this.strict && (warning.kind === "truncated" || warning.gzip === true)) {
      this.cutShort ??= new CaptureError("truncated", `${warning.message} (an error under --strict)`, warning);
      return;
    }
    this.annotator.warning(warning);
  }

  announce(info: CaptureInfo): void {
    if (this.announced) return;
    this.announced = true;
    this.hooks.capture(this.file, info);
  }
}

/** Notes the frames whose link type this tool does not decode, to tell a capture it cannot read at all. */
class LinkTypeWatch {
  private unsupportedFrames = 0;
  private readonly unsupported = new Set<number>();
  /** Where the first such frame is, which the error points at. */
  private first: { frame: number; offset: number; file: string } | undefined;
  /** The last link type seen that this tool decodes: a capture's frames mostly share one, looked up once. */
  private decoded = -1;

  see(frame: Frame, file: string): void {
    const linkType = frame.linkType;
    if (linkType === this.decoded) return;
    if (LINK_TYPES.has(linkType)) {
      this.decoded = linkType;
      return;
    }
    this.unsupportedFrames++;
    this.unsupported.add(frame.linkType);
    this.first ??= { frame: frame.index, offset: frame.offset, file };
  }

  /** The error when there were frames and not one had a link type this tool decodes. */
  undecodable(frames: number): CaptureError | undefined {
    if (this.first === undefined || this.unsupportedFrames < frames) return undefined;
    const types = [...this.unsupported].join(", ");
    const decoded = [...new Set([...LINK_TYPES.keys()].map(linkTypeName))].join(", ");
    const none = frames === 1 ? "its one frame could not be decoded" : `none of its ${frames} frames could be decoded`;
    const message = `this tool does not read link type ${types} (it reads ${decoded}), so ${none}`;
    return new CaptureError("unsupported", message, this.first);
  }
}

/** On a live capture, shows held output once no frame has come for a moment. */
function watchIdle(sink: AnnouncingSink, hooks: ReadHooks): () => void {
  let seen = sink.framesSeen;
  const timer = setInterval(() => {
    if (sink.framesSeen === seen) hooks.idle();
    seen = sink.framesSeen;
  }, LIVE_IDLE_MS);
  timer.unref();
  return () => clearInterval(timer);
}
