import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RecordStore } from "../render/ndjson/record-store.js";

/** Characters of record text held in memory before they go to the temporary file. */
export const DEFAULT_MEMORY_BUDGET = 16 * 1024 * 1024;
/** How much of the file one read brings back: the records come back nearly in the order they were written. */
const READ_WINDOW = 1024 * 1024;
/** How much one write to the file takes. */
const WRITE_WINDOW = 1024 * 1024;

/**
 * The NDJSON connection records of a long capture, kept on disk: past a budget the lines held in
 * memory are appended to a temporary file, and only each line's stream, offset and length stay in
 * memory (three numbers where the line was about 500 bytes). At the end they are read back in
 * stream order. The file is unlinked as soon as it is open, so it goes with the process however
 * that ends. If it cannot be made or written, the rest is held in memory, as the library does, and
 * a warning says so.
 */
export class SpillingRecordStore implements RecordStore {
  /** Lines not in the file: all of them while under the budget, and every one after a failure. */
  private heldStreams: number[] = [];
  private heldLines: string[] = [];
  private heldLength = 0;
  private readonly spilledStreams: number[] = [];
  private readonly spilledOffsets: number[] = [];
  private readonly spilledLengths: number[] = [];
  private fileEnd = 0;
  private fd: number | undefined;
  private failed = false;
  /** Where lines are encoded on their way to the file (made at the first spill). */
  private window: Buffer | undefined;

  constructor(
    private readonly warn: (message: string) => void,
    private readonly memoryBudget = DEFAULT_MEMORY_BUDGET,
  ) {}

  add(stream: number, line: string): void {
    this.heldStreams.push(stream);
    this.heldLines.push(line);
    this.heldLength += line.length;
    if (this.heldLength > this.memoryBudget && !this.failed) this.spill();
  }

  *inStreamOrder(): Iterable<string> {
    const spilled = this.spilledStreams.length;
    const streamOf = (index: number) =>
      index < spilled ? this.spilledStreams[index]! : this.heldStreams[index - spilled]!;
    const order = Array.from({ length: spilled + this.heldStreams.length }, (_, index) => index).sort(
      (a, b) => streamOf(a) - streamOf(b),
    );
    const file = this.fd === undefined ? undefined : new FileWindow(this.fd);
    for (const index of order) {
      yield index < spilled
        ? file!.text(this.spilledOffsets[index]!, this.spilledLengths[index]!)
        : this.heldLines[index - spilled]!;
    }
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Append the held lines to the file, and keep where each went. */
  private spill(): void {
    let lengths: number[];
    try {
      this.fd ??= openUnlinkedFile();
      lengths = this.writeHeld(this.fd);
    } catch (error) {
      this.failed = true;
      this.warn(
        `cannot keep the connection records in a temporary file in ${tmpdir()} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): the rest are held in memory`,
      );
      return;
    }
    for (let i = 0; i < lengths.length; i++) {
      this.spilledStreams.push(this.heldStreams[i]!);
      this.spilledOffsets.push(this.fileEnd);
      this.spilledLengths.push(lengths[i]!);
      this.fileEnd += lengths[i]!;
    }
    this.heldStreams = [];
    this.heldLines = [];
    this.heldLength = 0;
  }

  /**
   * The held lines written after the file's end, encoded a window at a time into one buffer kept
   * for it: each line's length in bytes comes from its encoding, where joining them all, encoding
   * the whole and measuring each line again was a fortieth of the NDJSON timeline's time.
   */
  private writeHeld(fd: number): number[] {
    const buffer = (this.window ??= Buffer.allocUnsafe(WRITE_WINDOW));
    const lengths: number[] = [];
    let position = this.fileEnd;
    let used = 0;
    for (const line of this.heldLines) {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      if (used + 3 * line.length > buffer.length) {
        writeAll(fd, buffer.subarray(0, used), position);
        position += used;
        used = 0;
      }
      const bytes = 3 * line.length > buffer.length ? Buffer.from(line) : undefined;
      if (bytes !== undefined) {
        writeAll(fd, bytes, position);
        position += bytes.length;
        lengths.push(bytes.length);
        continue;
      }
      const length = buffer.write(line, used);
      used += length;
      lengths.push(length);
    }
    writeAll(fd, buffer.subarray(0, used), position);
    return lengths;
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

function writeAll(fd: number, bytes: Buffer, position: number): void {
  for (let written = 0; written < bytes.length; )
    written += writeSync(fd, bytes, written, bytes.length - written, position + written);
}

/** Reads lines back through one buffer, refilled only when a line lies outside it. */
class FileWindow {
  private buffer = Buffer.allocUnsafe(READ_WINDOW);
  private start = 0;
  private end = 0;

  constructor(private readonly fd: number) {}

  text(offset: number, length: number): string {
    if (offset < this.start || offset + length > this.end) this.fill(offset, length);
    return this.buffer.toString("utf8", offset - this.start, offset - this.start + length);
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
