import { CaptureError, readCapture } from "../capture/index.js";
import type { CaptureWarning } from "../capture/errors.js";
import type { Frame } from "../capture/frame.js";
import type { CaptureInfo } from "../capture/info.js";
import type { Annotator } from "../annotate/annotator.js";

export interface ReadResult {
  /** The error that stopped reading, if any; everything before it was annotated. */
  error: CaptureError | undefined;
}

export interface ReadHooks {
  /** A file's headers are known and its first frame is about to be annotated (or it had none). */
  capture(file: string, info: CaptureInfo): void;
  /** Called while a live capture is quiet, so held output can be shown. */
  idle(): void;
}

const LIVE_IDLE_MS = 250;

/**
 * Reads each input in turn into the annotator, as one continuous capture: frame numbers go on
 * from one file to the next (tcpdump -C / -G rotations), connections span files.
 */
export async function readInputs(inputs: readonly string[], annotator: Annotator, hooks: ReadHooks): Promise<ReadResult> {
  let nextIndex = 1;
  for (const input of inputs) {
    const file = input === "-" ? "stdin" : input;
    const source = input === "-" ? process.stdin : input;
    annotator.file = file;
    const sink = new AnnouncingSink(annotator, (info) => hooks.capture(file, info));
    const stopIdle = input === "-" ? watchIdle(sink, hooks) : () => {};
    try {
      const info = await readCapture(source, sink, { firstIndex: nextIndex, name: file });
      sink.announce(info);
    } catch (error) {
      if (error instanceof CaptureError) return { error };
      throw error;
    } finally {
      stopIdle();
    }
    nextIndex = sink.lastIndex + 1;
  }
  return { error: undefined };
}

/** Passes frames to the annotator, announcing the capture just before its first frame. */
class AnnouncingSink {
  lastIndex = 0;
  framesSeen = 0;
  private latest: CaptureInfo | undefined;
  private announced = false;

  constructor(
    private readonly annotator: Annotator,
    private readonly onCapture: (info: CaptureInfo) => void,
  ) {}

  info(info: CaptureInfo): void {
    this.latest = info;
  }

  frame(frame: Frame): void {
    if (this.latest !== undefined) this.announce(this.latest);
    this.lastIndex = frame.index;
    this.framesSeen++;
    this.annotator.frame(frame);
  }

  warning(warning: CaptureWarning): void {
    // A record skipped with a warning still used up its number.
    if (warning.frame !== undefined) this.lastIndex = Math.max(this.lastIndex, warning.frame);
    this.annotator.warning(warning);
  }

  announce(info: CaptureInfo): void {
    if (this.announced) return;
    this.announced = true;
    this.onCapture(info);
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
