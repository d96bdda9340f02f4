import { ByteWriter } from "./byte-writer.js";

/**
 * Bytes written in order and moved out from the front, kept in the chunks their writer fills:
 * where output waits for its turn (the output queue's lookahead holds events as their bytes
 * here, not as their objects, which lived long enough to burden the collector). Positions count
 * every byte written since the store was made: `end` is the one after the last byte written, and
 * `moveTo(position, out)` appends to `out` what lies before it that was not moved out yet. A chunk
 * read to its end goes back to the writer to be written into again.
 */
export class ByteStore {
  /** Where the bytes are written. */
  readonly writer: ByteWriter;
  /** The chunks the writer handed over and not yet moved out to their end, oldest first, with their release. */
  private readonly chunks: Buffer[] = [];
  private readonly releases: Array<(() => void) | undefined> = [];
  /** The position of chunks[0]'s first byte. */
  private chunkStart = 0;
  /** The position after the last chunk handed over: the writer's own buffer starts there. */
  private handedEnd = 0;
  /** Bytes before this position were moved out. */
  private moved = 0;

  constructor(chunkSize = CHUNK_SIZE) {
    this.writer = new ByteWriter((chunk, release) => this.handed(chunk, release), chunkSize);
  }

  /** The position after the last byte written. */
  get end(): number {
    return this.handedEnd + this.writer.length;
  }

  /** Append the bytes not moved out yet before `position` (at most `end`) to `out`. */
  moveTo(position: number, out: ByteWriter): void {
    while (this.moved < position && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const chunkEnd = this.chunkStart + chunk.length;
      const to = Math.min(position, chunkEnd);
      out.append(chunk, this.moved - this.chunkStart, to - this.chunkStart);
      this.moved = to;
      if (to < chunkEnd) return;
      this.chunks.shift();
      this.releases.shift()?.();
      this.chunkStart = chunkEnd;
    }
    if (this.moved < position) {
      this.writer.copyHeld(out, this.moved - this.handedEnd, position - this.handedEnd);
      this.moved = position;
    }
    // All moved out: the writer starts its buffer again rather than fill it to hand it over.
    if (this.moved === this.end && this.chunks.length === 0) {
      this.writer.discard();
      this.handedEnd = this.chunkStart = this.moved;
    }
  }

  private handed(chunk: Buffer, release?: () => void): void {
    if (this.chunks.length === 0) this.chunkStart = this.handedEnd;
    this.chunks.push(chunk);
    this.releases.push(release);
    this.handedEnd += chunk.length;
  }
}

/** Bytes per chunk: a held event takes a few hundred. */
const CHUNK_SIZE = 64 * 1024;
