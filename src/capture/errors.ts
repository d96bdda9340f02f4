/**
 * What can go wrong while reading a capture.
 * - truncated: the input ends inside a header or record (more bytes would have made it valid).
 * - malformed: the bytes contradict the format (impossible lengths, bad magic inside a block).
 * - unsupported: a format or version this reader does not read (including "not a capture").
 * - unreadable: the input itself could not be read (missing file, directory, no permission).
 * - too-large: the capture holds more at once than memory can (the CLI's MemoryGuard).
 */
export type CaptureProblemKind = "truncated" | "malformed" | "unsupported" | "unreadable" | "too-large";

/** Where a problem sits: a byte offset in the decompressed stream and, when it concerns one, a record. */
export interface CaptureProblemPlace {
  /** Byte offset in the (decompressed) capture stream. */
  offset: number;
  /** 1-based record number the problem concerns, as Frame.index counts them. */
  frame?: number | undefined;
  /** The input's name (a path, or "stdin"), set by readCapture / readCaptures. */
  file?: string | undefined;
}

/**
 * Damage the reader stepped over: reading went on after it. The message carries the numbers
 * involved, so it can be shown as it is.
 */
export interface CaptureWarning extends CaptureProblemPlace {
  kind: CaptureProblemKind;
  message: string;
  /**
   * Damage to the gzip wrapper rather than to the capture in it (a trailer whose CRC-32 or length
   * does not match, bytes after the last member, the stream ending early): the CLI's --strict
   * makes it an error, as it does a capture cut short.
   */
  gzip?: true;
}

/** A problem that stops reading. Every good record before it has already been delivered. */
export class CaptureError extends Error {
  readonly kind: CaptureProblemKind;
  readonly offset: number;
  readonly frame: number | undefined;
  readonly file: string | undefined;

  constructor(kind: CaptureProblemKind, message: string, place: CaptureProblemPlace) {
    super(message);
    this.name = "CaptureError";
    this.kind = kind;
    this.offset = place.offset;
    this.frame = place.frame;
    this.file = place.file;
  }

  /** The same error, attributed to an input by name (the message and stack are kept as they are). */
  inFile(file: string): CaptureError {
    const attributed = new CaptureError(this.kind, this.message, { offset: this.offset, frame: this.frame, file });
    if (this.stack !== undefined) attributed.stack = this.stack;
    return attributed;
  }
}
