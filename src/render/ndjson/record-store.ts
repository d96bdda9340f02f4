/**
 * Where a timeline keeps the lines it writes at the end (the NDJSON connection records), each
 * with its stream number: they are made as connections retire, nearly in stream order, and
 * written out in stream order. They are kept as the bytes they were written as: kept as strings,
 * each was decoded from its bytes and encoded again on its way out (and to the temporary file
 * and back), for nothing.
 */
export interface RecordStore {
  /** A line's bytes, copied in: `line` may be written over once this returns. */
  add(stream: number, line: Uint8Array): void;
  /** Every line added, in stream order, each to be read before the next is taken; read once, at the end. */
  inStreamOrder(): Iterable<Uint8Array>;
}

/** Lines held in memory: what a library caller gets, and a short capture. */
export class MemoryRecordStore implements RecordStore {
  private readonly held = new HeldLines();

  add(stream: number, line: Uint8Array): void {
    this.held.add(stream, line);
  }

  inStreamOrder(): Iterable<Uint8Array> {
    const held = this.held;
    return held.streamOrder().map((index) => held.line(index));
  }
}

/**
 * Lines one after the other in one buffer, which doubles when full, with each one's stream and
 * end: no object per line (a line of its own each was a buffer for the collector to track).
 */
export class HeldLines {
  private bytes = Buffer.allocUnsafe(0);
  /** Bytes held. */
  length = 0;
  private streams: number[] = [];
  /** Where each line ends (the next begins there). */
  private ends: number[] = [];

  get count(): number {
    return this.streams.length;
  }

  add(stream: number, line: Uint8Array): void {
    const end = this.length + line.length;
    if (end > this.bytes.length) this.grow(end);
    this.bytes.set(line, this.length);
    this.length = end;
    this.streams.push(stream);
    this.ends.push(end);
  }

  streamOf(index: number): number {
    return this.streams[index]!;
  }

  /** The line at `index` (in the order added): a view of the held bytes, valid until the next `add` or `clear`. */
  line(index: number): Uint8Array {
    return this.bytes.subarray(index === 0 ? 0 : this.ends[index - 1]!, this.ends[index]!);
  }

  /** The length of the line at `index`. */
  lengthOf(index: number): number {
    return this.ends[index]! - (index === 0 ? 0 : this.ends[index - 1]!);
  }

  /** All the bytes held, every line one after the other. */
  all(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** The indexes of the lines, by stream (the lines of one stream in the order added). */
  streamOrder(): number[] {
    const streams = this.streams;
    return Array.from({ length: streams.length }, (_, index) => index).sort((a, b) => streams[a]! - streams[b]!);
  }

  /** Forget every line; the buffer is kept, to be written into again. */
  clear(): void {
    this.length = 0;
    this.streams = [];
    this.ends = [];
  }

  private grow(needed: number): void {
    const larger = Buffer.allocUnsafe(Math.max(needed, 2 * this.bytes.length, INITIAL_BYTES));
    this.bytes.copy(larger, 0, 0, this.length);
    this.bytes = larger;
  }
}

/** The buffer's first size: a connection record takes about 500 bytes. */
const INITIAL_BYTES = 64 * 1024;
