import type { CaptureProblemKind } from "./errors.js";
import type { Frame } from "./frame.js";
import { CaptureSummary, type CaptureFormat, type CaptureInfo } from "./info.js";
import type { CaptureSink } from "./sink.js";

/**
 * What the format parsers share: the sink, the one Frame object reused for every record, the
 * record counter, and the capture description. Frame numbering lives here and nowhere else.
 */
export class ParserOutput {
  /** Reused for every record so that reading allocates nothing per record but the data view. */
  readonly frame: Frame = {
    index: 0,
    seconds: 0,
    nanos: 0,
    noTimestamp: false,
    capLen: 0,
    origLen: 0,
    linkType: 0,
    offset: 0,
    data: new Uint8Array(0),
  };
  /** The number the next packet record gets (1-based, counting every packet record). */
  nextIndex: number;
  /** Frames handed to the sink so far: records skipped with a warning use up a number but are not handed on. */
  framesHandedOn = 0;
  info: CaptureInfo | undefined;
  private summary: CaptureSummary | undefined;

  constructor(
    readonly sink: CaptureSink,
    private readonly gzip: boolean,
    firstIndex: number,
    /** The input's name, given to every warning. */
    private readonly file: string | undefined,
  ) {
    this.nextIndex = firstIndex;
  }

  /** Starts describing a capture of the given format; returns the summary to fill in. */
  describe(format: CaptureFormat): CaptureSummary {
    this.summary = new CaptureSummary(format, this.gzip);
    return this.summary;
  }

  /** Hands the sink a new CaptureInfo if the summary changed since the last time. */
  publish(): void {
    const info = this.summary?.takeChange();
    if (info === undefined) return;
    this.info = info;
    this.sink.info?.(info);
  }

  warn(kind: CaptureProblemKind, message: string, offset: number, frame?: number): void {
    this.sink.warning({ kind, message, offset, frame, file: this.file });
  }
}
