import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HeldLines, type RecordStore } from "../render/ndjson/record-store.js";

/** Bytes of records held in memory before they go to the temporary file. */
export const DEFAULT_MEMORY_BUDGET = 16 * 1024 * 1024;
/** How much of the file one read brings back: the records come back nearly in the order they were written. */
const READ_WINDOW = 1024 * 1024;

/**
 * The NDJSON connection records of a long capture, kept on disk: past a budget the lines held in
 * memory are appended to a temporary file, as the bytes they are held as, and only each line's
 * stream, offset and length stay in memory (three numbers where the line was about 500 bytes).
 * At the end they are read back in stream order. The file is unlinked as soon as it is open, so
 * it goes with the process however that ends. If it cannot be made or written, the rest is held
 * in memory, as the library does, and a warning says so.
 */
export class SpillingRecordStore implements RecordStore {
  /** Lines not in the file: all of them while under the budget, and every one after a failure. */
  private readonly held = new HeldLines();
  private readonly spilledStreams: number[] = [];
  private readonly spilledOffsets: number[] = [];
  private readonly spilledLengths: number[] = [];
  private fileEnd = 0;
  private fd: number | undefined;
  private failed = false;

  constructor(
    private readonly warn: (message: string) => void,
    private readonly memoryBudget = DEFAULT_MEMORY_BUDGET,
  ) {}

  add(stream: number, line: Uint8Array): void {
    this.held.add(stream, line);
    if (this.held.length > this.memoryBudget && !this.failed) this.spill();
  }

  *inStreamOrder(): Iterable<Uint8Array> {
    const spilled = this.spilledStreams.length;
    const held = this.held;
    const streamOf = (index: number) =>
      index < spilled ? this.spilledStreams[index]! : held.streamOf(index - spilled);
    const order = Array.from({ length: spilled + held.count }, (_, index) => index).sort(
      (a, b) => streamOf(a) - streamOf(b),
    );
    const file = this.fd === undefined ? undefined : new FileWindow(this.fd);
    for (const index of order) {
      yield index < spilled
        ? file!.bytes(this.spilledOffsets[index]!, this.spilledLengths[index]!)
        : held.line(index - spilled);
    }
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Append the held lines to the file, in one write, and keep where each went. */
  private spill(): void {
    const held = this.held;
    try {
      this.fd ??= openUnlinkedFile();
      writeAll(this.fd, held.all(), this.fileEnd);
    } catch (error) {
      this.failed = true;
      this.warn(
        `cannot keep the connection records in a temporary file in ${tmpdir()} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): the rest are held in memory`,
      );
      return;
    }
    for (let i = 0; i < held.count; i++) {
      const length = held.lengthOf(i);
      this.spilledStreams.push(held.streamOf(i));
      this.spilledOffsets.push(this.fileEnd);
      this.spilledLengths.push(length);
      this.fileEnd += length;
    }
    held.clear();
  }
}

/** A file only this process can reach: made in a directory of its own, then unlinked while open. */
function openUnlinkedFile(): number {
  const directory = mkdtempSync(join(tmpdir(), "tcp-annotate-"));
  const path = join(directory, "connection-records");
  try {
    const fd = openSync(path, "w+", 0o600);
    unlinkSync(path);
    return fd;
  } finally {
    rmdirSync(directory);
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let written = 0; written < bytes.length; )
    written += writeSync(fd, bytes, written, bytes.length - written, position + written);
}

/** Reads lines back through one buffer, refilled only when a line lies outside it. */
class FileWindow {
  private buffer = Buffer.allocUnsafe(READ_WINDOW);
  private start = 0;
  private end = 0;

  constructor(private readonly fd: number) {}

  /** The bytes from `offset`: a view of the window, valid until the next read. */
  bytes(offset: number, length: number): Uint8Array {
    if (offset < this.start || offset + length > this.end) this.fill(offset, length);
    return this.buffer.subarray(offset - this.start, offset - this.start + length);
  }

  private fill(offset: number, length: number): void {
    if (length > this.buffer.length) this.buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < this.buffer.length) {
      const read = readSync(this.fd, this.buffer, filled, this.buffer.length - filled, offset + filled);
      if (read === 0) break;
      filled += read;
    }
    if (filled < length)
      throw new Error(
        `the temporary file of connection records ends at byte ${offset + filled}, before the record at ${offset} (${length} bytes)`,
      );
    this.start = offset;
    this.end = offset + filled;
  }
}
