import { close, open, read, type PathLike } from "node:fs";
import { Readable } from "node:stream";

/** Spare buffers kept for the next reads: one being read into, one read ahead, and the stream's own. */
const MAX_SPARE_BUFFERS = 4;

/**
 * A capture file read in chunks of `chunkBytes`, like fs.createReadStream, except that the buffers
 * the reader is done with can be handed back (recycle) and are read into again. A new buffer for
 * every chunk cost a fresh allocation the kernel had to map and zero, nearly a quarter of the
 * system time of reading and decoding a capture, and the garbage collector's time to let it go.
 */
export class CaptureFileStream extends Readable {
  /** Bytes read from the file so far. */
  bytesRead = 0;
  private fd = -1;
  private readonly spare: Buffer[] = [];

  constructor(
    private readonly path: PathLike,
    private readonly chunkBytes: number,
  ) {
    super({ highWaterMark: chunkBytes });
  }

  override _construct(callback: (error?: Error | null) => void): void {
    open(this.path, "r", (error, fd) => {
      if (error === null) this.fd = fd;
      callback(error);
    });
  }

  override _read(): void {
    const buffer = this.spare.pop() ?? Buffer.allocUnsafeSlow(this.chunkBytes);
    read(this.fd, buffer, 0, buffer.length, null, (error, count) => {
      if (error !== null) {
        this.destroy(error);
        return;
      }
      this.bytesRead += count;
      this.push(count === 0 ? null : count === buffer.length ? buffer : buffer.subarray(0, count));
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.fd < 0) {
      callback(error);
      return;
    }
    close(this.fd, (closeError) => callback(error ?? closeError));
  }

  /**
   * Takes back a chunk this stream yielded that nothing reads any more: it is read into again. A
   * chunk of another length (the last, short one) is left to the garbage collector.
   */
  recycle(chunk: Uint8Array): void {
    if (chunk.byteOffset !== 0 || chunk.buffer.byteLength !== this.chunkBytes) return;
    if (this.spare.length < MAX_SPARE_BUFFERS) this.spare.push(Buffer.from(chunk.buffer, 0, this.chunkBytes));
  }
}

/**
 * The chunks pushed into a CaptureReader whose bytes a frame may still be read from: a frame's
 * bytes must stay as they are until the next frame is handed on (a decoded segment reads them
 * until then: TcpSegment.leaveFrame), so a chunk is handed back only once a frame from a later
 * chunk was. Records split between chunks were copied out by the reader, so they hold none.
 */
export class ChunksInUse {
  private readonly chunks: Uint8Array[] = [];

  constructor(private readonly recycle: (chunk: Uint8Array) => void) {}

  /** `chunk` was pushed; `handedOn` says whether any frame was handed to the sink meanwhile. */
  pushed(chunk: Uint8Array, handedOn: boolean): void {
    if (handedOn) {
      for (const earlier of this.chunks) this.recycle(earlier);
      this.chunks.length = 0;
    }
    this.chunks.push(chunk);
  }
}
