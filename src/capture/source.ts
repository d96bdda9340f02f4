import { constants, openSync, statSync, type PathLike } from "node:fs";
import { Socket } from "node:net";
import { Readable } from "node:stream";
import { CaptureError } from "./errors.js";
import { CaptureFileStream, ChunksInUse } from "./file-stream.js";
import { gunzip, GzipDamage } from "./gunzip.js";
import type { CaptureInfo } from "./info.js";
import { CaptureReader } from "./reader.js";
import type { CaptureSink } from "./sink.js";

/** A file path, or a readable byte stream (standard input, a socket, a decompressor ...). */
export type CaptureInput = string | NodeJS.ReadableStream;

export interface ReadCaptureOptions {
  /** The number of the first record (default 1). */
  firstIndex?: number;
  /** The name warnings and errors give the input (default: its path; streams have none). */
  name?: string;
  /**
   * Stops reading when it aborts: the promise rejects with the signal's reason at once, even while
   * a read is waiting for input, and every record read before has been delivered.
   */
  signal?: AbortSignal;
}

/**
 * Large reads keep the per-chunk work (and the records split between chunks) rare; 256 KiB reads
 * as fast as 1 MiB, and the chunks read ahead and not yet freed hold 70 MB less at the peak
 * (the decode stage of the 114 MB benchmark capture: 69 MB peak RSS instead of 138 MB). A file's
 * chunks are read into the same few buffers over and over (CaptureFileStream).
 */
const READ_CHUNK_BYTES = 256 * 1024;
/** gzip members start with 1f 8b (RFC 1952 §2.3.1), whatever the file is called. */
const GZIP_MAGIC = Uint8Array.of(0x1f, 0x8b);

/** Whether bytes read from an input's start (in chunks as they came) begin a gzip member. */
export function startsAsGzip(head: readonly Uint8Array[]): boolean {
  return startsWith(head, GZIP_MAGIC);
}

const IO_REASONS: ReadonlyMap<string, string> = new Map([
  ["ENOENT", "no such file or directory"],
  ["EISDIR", "it is a directory"],
  ["EACCES", "permission denied"],
  ["EPERM", "operation not permitted"],
]);

/**
 * Streams a capture into the sink: a file read in 256 KiB chunks, or standard input (or any stream)
 * as it arrives, so that `tcpdump -U -w - | tcp-annotate -` shows each frame as it comes.
 * gzip input is recognised by its magic bytes and decompressed on the way.
 *
 * Rejects with a CaptureError (its `file` names the input) for anything that stops reading,
 * including files that cannot be opened; a capture or gzip stream cut short is a warning.
 */
export async function readCapture(
  input: CaptureInput,
  sink: CaptureSink,
  options: ReadCaptureOptions = {},
): Promise<CaptureInfo> {
  return (await readOne(input, sink, options.firstIndex ?? 1, options.name, options.signal)).info;
}

/**
 * Reads several captures one after another as one continuous capture: frame numbers go on counting
 * from one file to the next. Stops at the first fatal error. Returns each file's CaptureInfo.
 */
export async function readCaptures(inputs: readonly CaptureInput[], sink: CaptureSink): Promise<CaptureInfo[]> {
  const infos: CaptureInfo[] = [];
  let firstIndex = 1;
  for (const input of inputs) {
    const { info, nextIndex } = await readOne(input, sink, firstIndex);
    infos.push(info);
    firstIndex = nextIndex;
  }
  return infos;
}

async function readOne(
  input: CaptureInput,
  sink: CaptureSink,
  firstIndex: number,
  name?: string,
  signal?: AbortSignal,
): Promise<{ info: CaptureInfo; nextIndex: number }> {
  const file = name ?? (typeof input === "string" ? input : undefined);
  const stream = openInput(input);
  const opened = stream[Symbol.asyncIterator]();
  const raw = signal === undefined ? opened : abortable(opened, signal);
  try {
    const head = await readHead(raw);
    const gzip = startsAsGzip(head);
    const reader = new CaptureReader(sink, { gzip, firstIndex, file });
    // Decompressed chunks are zlib's own; only a file's chunks, pushed as read, go back to it.
    const inUse =
      stream instanceof CaptureFileStream && !gzip ? new ChunksInUse((chunk) => stream.recycle(chunk)) : undefined;
    await feed(replay(head, raw), { gzip, reader, sink, file, signal, inUse });
    return { info: reader.end(), nextIndex: reader.nextIndex };
  } catch (error) {
    throw isIoError(error) ? ioError(error, file) : error;
  } finally {
    // A read still waiting for input would keep the iterator from closing: stop the stream first.
    if (signal?.aborted === true && stream instanceof Readable) stream.destroy();
    // Closes the file (or stops reading the stream) however reading ended.
    await opened.return?.();
  }
}

function openInput(input: CaptureInput): NodeJS.ReadableStream {
  return typeof input === "string" ? openCaptureFile(input) : input;
}

/**
 * The stream readCapture reads a path with, for a caller that wants to watch it (its `bytesRead`
 * counts the bytes read from the file, compressed ones for gzip) and then pass it in. The path may
 * be bytes: a file name need not be UTF-8.
 */
export function openCaptureFile(path: PathLike): NodeJS.ReadableStream & { bytesRead: number } {
  return openFifo(path) ?? new CaptureFileStream(path, READ_CHUNK_BYTES);
}

/**
 * A FIFO (named pipe) read as standard input is, through the event loop: a file stream would wait
 * for its writer in a thread, first to open it, then at each read, and nothing can stop a thread
 * so waiting: Ctrl-C would go unheard until the writer came or wrote. Opened without waiting, the
 * pipe still has no end until a writer has come and gone (Linux reports the hang-up only then).
 * Undefined when the path is not a FIFO or cannot be opened so: the file stream then reads it or
 * says why not.
 */
function openFifo(path: PathLike): Socket | undefined {
  try {
    if (!statSync(path).isFIFO()) return undefined;
    return new Socket({
      fd: openSync(path, constants.O_RDONLY | constants.O_NONBLOCK),
      readable: true,
      writable: false,
    });
  } catch {
    return undefined;
  }
}

/** The same chunks, until the signal aborts: then the read in progress rejects with its reason. */
function abortable(chunks: AsyncIterator<unknown>, signal: AbortSignal): AsyncIterator<unknown> {
  return { next: () => untilAborted(() => chunks.next(), signal) };
}

/** What `start` promises, unless the signal aborts first (or already did, when `start` is not called). */
function untilAborted<T>(start: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return start();
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    start()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", abort));
  });
}

/** Reads the first chunks, enough to see whether the input is gzip. */
async function readHead(chunks: AsyncIterator<unknown>): Promise<Uint8Array[]> {
  const head: Uint8Array[] = [];
  let length = 0;
  while (length < GZIP_MAGIC.length) {
    const next = await chunks.next();
    if (next.done === true) break;
    const chunk = asBytes(next.value);
    head.push(chunk);
    length += chunk.length;
  }
  return head;
}

/** The chunks already read, then the rest of the stream. */
async function* replay(head: Uint8Array[], rest: AsyncIterator<unknown>): AsyncGenerator<Uint8Array> {
  yield* head;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield asBytes(next.value);
}

interface Feeding {
  gzip: boolean;
  reader: CaptureReader;
  sink: CaptureSink;
  file: string | undefined;
  signal: AbortSignal | undefined;
  /** For a file's chunks: hands each back to the file once no frame is read from it any more. */
  inUse: ChunksInUse | undefined;
}

/**
 * Pushes every chunk into the reader, decompressed if gzip: damage to the gzip data is a warning
 * where the data stays readable (gunzip.ts), an error where it does not, placed after the
 * decompressed bytes read before it.
 */
async function feed(
  chunks: AsyncIterable<Uint8Array>,
  { gzip, reader, sink, file, signal, inUse }: Feeding,
): Promise<void> {
  const place = (damage: GzipDamage) => ({
    kind: damage.kind,
    message: `${damage.message} after ${reader.bytesRead} decompressed bytes`,
    offset: reader.bytesRead,
    file,
  });
  const bytes = gzip ? gunzip(chunks, (damage) => sink.warning({ ...place(damage), gzip: true })) : chunks;
  try {
    for await (const chunk of bytes) {
      const handedOn = reader.framesHandedOn;
      reader.push(chunk);
      inUse?.pushed(chunk, reader.framesHandedOn > handedOn);
      // A gzip bomb inflates into many chunks from one read: Ctrl-C is looked for between them too.
      signal?.throwIfAborted();
      const ready = sink.ready?.();
      // Ctrl-C still stops reading while the output drains.
      if (ready !== undefined) await untilAborted(() => ready, signal);
    }
  } catch (error) {
    if (!(error instanceof GzipDamage)) throw error;
    const { kind, message, offset } = place(error);
    throw new CaptureError(kind, message, { offset, file });
  }
}

function startsWith(chunks: readonly Uint8Array[], prefix: Uint8Array): boolean {
  let matched = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length && matched < prefix.length; i++, matched++) {
      if (chunk[i] !== prefix[matched]) return false;
    }
  }
  return matched === prefix.length;
}

function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  throw new TypeError("the capture stream must yield bytes: do not set an encoding on it");
}

/** File system errors name the system call that failed (open, read). */
function isIoError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

/** The file's own problem in plain words ("no such file or directory"); anything rarer with its code. */
function ioError(error: NodeJS.ErrnoException, file: string | undefined): CaptureError {
  const known = IO_REASONS.get(error.code ?? "");
  const reason =
    known ??
    `cannot read ${file === undefined ? "the capture stream" : "it"}: ${error.message} (${error.code ?? "unknown error"})`;
  return new CaptureError("unreadable", reason, { offset: 0, file });
}
