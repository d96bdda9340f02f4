import { CaptureError } from "./errors.js";
import type { FormatParser } from "./format-parser.js";
import type { CaptureFormat, CaptureInfo } from "./info.js";
import { Leftover } from "./leftover.js";
import { ParserOutput } from "./parser-output.js";
import { PcapParser } from "./pcap.js";
import { PcapngParser } from "./pcapng.js";
import type { CaptureSink } from "./sink.js";
import { MAGIC_LENGTH, sniffFormat } from "./sniff.js";

export interface CaptureReaderOptions {
  /** Whether the bytes were gzip-compressed before they reached the reader (shown in CaptureInfo). */
  gzip?: boolean;
  /** The number of the first record (default 1), so that several files can number on as one capture. */
  firstIndex?: number;
  /** The input's name (a path, "stdin"), given to every warning and error as `file`. */
  file?: string | undefined;
}

/**
 * Reads a pcap or pcapng capture pushed to it in chunks of any size, and hands each record to the
 * sink as soon as its last byte arrives. The format is sniffed from the first four bytes.
 *
 * A record inside one chunk reaches the sink as a view into that chunk (zero copy); a record split
 * between chunks is joined in a leftover buffer first. The Frame object is reused (see CaptureSink).
 *
 * Fatal problems throw CaptureError from push() or end(), after every good record before them has
 * been delivered; the reader then keeps throwing that error. A capture cut short inside its last
 * record is not fatal: end() reports it to the sink as a warning of kind "truncated".
 */
export class CaptureReader {
  private readonly output: ParserOutput;
  private parser: FormatParser | undefined;
  private readonly leftover = new Leftover();
  private received = 0;
  private failure: { error: unknown } | undefined;
  private readonly file: string | undefined;

  constructor(sink: CaptureSink, options: CaptureReaderOptions = {}) {
    this.file = options.file;
    this.output = new ParserOutput(sink, options.gzip ?? false, options.firstIndex ?? 1, options.file);
  }

  /** What the headers read so far say about the capture (undefined before the first header). */
  get info(): CaptureInfo | undefined {
    return this.output.info;
  }

  /** The number the next record would get: one more than the last record's. */
  get nextIndex(): number {
    return this.output.nextIndex;
  }

  /** Frames handed to the sink so far (records skipped with a warning are not). */
  get framesHandedOn(): number {
    return this.output.framesHandedOn;
  }

  /** Bytes pushed so far. */
  get bytesRead(): number {
    return this.received;
  }

  push(chunk: Uint8Array): void {
    this.guard(() => this.consume(plainBytes(chunk)));
  }

  /**
   * Declares the input complete: reports a record cut short, or throws if even the header is.
   * Returns what the headers said about the capture.
   */
  end(): CaptureInfo {
    this.guard(() => this.finish());
    // finish() throws unless a file or section header was read, and reading one publishes info.
    return this.output.info as CaptureInfo;
  }

  /** Runs a step unless an earlier one failed; a failure is kept so the reader never resumes mid-record. */
  private guard(step: () => void): void {
    if (this.failure !== undefined) throw this.failure.error;
    try {
      step();
    } catch (error) {
      const attributed = error instanceof CaptureError && this.file !== undefined ? error.inFile(this.file) : error;
      this.failure = { error: attributed };
      throw attributed;
    }
  }

  private consume(chunk: Uint8Array): void {
    const chunkOffset = this.received;
    this.received += chunk.length;
    let pos = this.parser === undefined ? this.sniff(chunk) : 0;
    const parser = this.parser;
    if (parser === undefined) return;
    if (this.leftover.length > 0) {
      pos = this.completeLeftover(parser, chunk, pos);
      if (this.leftover.length > 0) return;
    }
    const stop = parser.parse(chunk, pos, chunk.length, chunkOffset);
    this.leftover.replace(chunk, stop, chunk.length, chunkOffset + stop);
  }

  /** Collects the magic number, then picks the parser; returns how much of the chunk it took. */
  private sniff(chunk: Uint8Array): number {
    const take = Math.min(MAGIC_LENGTH - this.leftover.length, chunk.length);
    this.leftover.append(chunk, 0, take);
    if (this.leftover.length === MAGIC_LENGTH) this.parser = this.createParser(sniffFormat(this.leftover.view()));
    return take;
  }

  private createParser(format: CaptureFormat): FormatParser {
    return format === "pcap" ? new PcapParser(this.output) : new PcapngParser(this.output);
  }

  /**
   * Tops the leftover up from chunk[pos...] to the length its unit needs and parses it, until the
   * leftover is used up (returns where the chunk's own units start) or the chunk is.
   */
  private completeLeftover(parser: FormatParser, chunk: Uint8Array, pos: number): number {
    while (this.leftover.length > 0) {
      const missing = parser.needed - this.leftover.length;
      if (missing > 0) {
        const take = Math.min(missing, chunk.length - pos);
        this.leftover.append(chunk, pos, take);
        pos += take;
        if (take < missing) return pos;
      }
      this.leftover.dropFront(parser.parse(this.leftover.bytes, 0, this.leftover.length, this.leftover.offset));
    }
    return pos;
  }

  private finish(): void {
    if (this.parser === undefined) {
      const message =
        this.received === 0
          ? "the input is empty: there is no capture header"
          : `the input ends after ${this.received} bytes, before the ${MAGIC_LENGTH}-byte magic number is complete`;
      throw new CaptureError("truncated", message, { offset: 0 });
    }
    this.parser.finish(this.leftover.view(), this.leftover.offset);
  }
}

/**
 * A plain Uint8Array over the same memory: Node Buffers would make every record's view a Buffer,
 * which costs more to create, and Frame.data should have one type whatever the source.
 */
function plainBytes(chunk: Uint8Array): Uint8Array {
  return chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
