import { ByteWriter, wordsOf } from "./byte-writer.js";

/**
 * Bytes written one after the other and moved out a range at a time, in any order, kept in the
 * chunks their writer fills: where output waits for its turn (the output queue's lookahead holds
 * events as their bytes here, not as their objects, which lived long enough to burden the
 * collector). Positions count every byte written since the store was made (`end` is the one
 * after the last); each byte written is moved out once (`move`). A chunk all moved out goes back
 * to the writer to be written into again once those before it have.
 */
export class ByteStore {
  /** Where the bytes are written. */
  readonly writer: ByteWriter;
  /**
   * The chunks the writer handed over and not yet all moved out, oldest first, with the position
   * of each one's first byte (one follows another but where the writer's buffer was moved out
   * whole and written into again), their release, and the bytes of each moved out.
   */
  private readonly chunks: Buffer[] = [];
  /** Each chunk's wordsOf, for copying out of it (ByteWriter.append). */
  private readonly chunkWords: DataView[] = [];
  private readonly starts: number[] = [];
  private readonly releases: Array<(() => void) | undefined> = [];
  private readonly movedCounts: number[] = [];
  /** The position after the last chunk handed over: the writer's own buffer starts there. */
  private handedEnd = 0;
  /** Bytes moved out of the writer's own buffer. */
  private movedHeld = 0;

  constructor(chunkSize = CHUNK_SIZE) {
    this.writer = new ByteWriter((chunk, release) => this.handed(chunk, release), chunkSize);
  }

  /** The position after the last byte written. */
  get end(): number {
    return this.handedEnd + this.writer.length;
  }

  /** Append the bytes from `from` to `to` (written, and not moved out before) to `out`. */
  move(from: number, to: number, out: ByteWriter): void {
    const chunks = this.chunks;
    for (let i = this.chunkAt(from); i < chunks.length && from < to; i++) {
      const chunk = chunks[i]!;
      const start = this.starts[i]!;
      const chunkEnd = start + chunk.length;
      if (from < chunkEnd) {
        const upTo = Math.min(to, chunkEnd);
        out.append(chunk, from - start, upTo - start, this.chunkWords[i]);
        this.movedCounts[i]! += upTo - from;
        from = upTo;
      }
    }
    if (from < to) {
      this.writer.copyHeld(out, from - this.handedEnd, to - this.handedEnd);
      this.movedHeld += to - from;
    }
    this.letGoOfMoved();
  }

  /**
   * The index of the first chunk that ends after `position` (the chunks' count when none does):
   * a lookahead of thousands of held events keeps dozens of chunks, and a search from the oldest
   * for every range moved out was a walk past them all.
   */
  private chunkAt(position: number): number {
    const starts = this.starts;
    let low = 0;
    let high = starts.length;
    // The last chunk starting at or before the position, if any, is the one that may hold it.
    while (high - low > 1) {
      const middle = (low + high) >>> 1;
      if (starts[middle]! <= position) low = middle;
      else high = middle;
    }
    return low;
  }

  /** Chunks all moved out go back to the writer, oldest first; the writer starts its buffer again once all of it was moved out. */
  private letGoOfMoved(): void {
    const chunks = this.chunks;
    while (chunks.length > 0 && this.movedCounts[0] === chunks[0]!.length) {
      chunks.shift();
      this.chunkWords.shift();
      this.starts.shift();
      this.movedCounts.shift();
      this.releases.shift()?.();
    }
    const held = this.writer.length;
    if (held > 0 && this.movedHeld === held) {
      this.writer.discard();
      this.handedEnd += held;
      this.movedHeld = 0;
    }
  }

  /** The writer handed over what it held: the bytes of it moved out so far go with it. */
  private handed(chunk: Buffer, release?: () => void): void {
    this.chunks.push(chunk);
    this.chunkWords.push(wordsOf(chunk));
    this.starts.push(this.handedEnd);
    this.releases.push(release);
    this.movedCounts.push(this.movedHeld);
    this.movedHeld = 0;
    this.handedEnd += chunk.length;
    // A chunk handed over all moved out (the writer's buffer filled as it was moved out) is let go of at once.
    this.letGoOfMoved();
  }
}

/** Bytes per chunk: a held event takes a few hundred. */
const CHUNK_SIZE = 64 * 1024;
