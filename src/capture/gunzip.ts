import { createInflateRaw, crc32, type InflateRaw } from "node:zlib";

/**
 * gzip (RFC 1952) decompressed as it arrives, member after member, with zlib doing only the
 * inflating (raw deflate, RFC 1951). The wrapper is read here so that damage to it costs nothing
 * that decompressed: Node's gunzip stream, on a bad CRC or bytes after the last member, reports
 * an error and drops what zlib decoded in its last step, the last up to 256 KiB of the capture
 * (4,000 frames of 140,000). Here the CRC-32 and length are checked against the trailer after
 * every byte was handed on, and bytes after the data are skipped, as gzip itself does, each said
 * as a warning. Only data that cannot be inflated any further is fatal.
 */

/** What is wrong with the gzip data; "truncated" when it ends early. Thrown when reading cannot go on. */
export class GzipDamage extends Error {
  constructor(
    readonly kind: "truncated" | "malformed",
    message: string,
  ) {
    super(message);
    this.name = "GzipDamage";
  }
}

/** zlib hands on decompressed bytes in pieces this large (the reader's chunk size). */
const OUTPUT_CHUNK_BYTES = 256 * 1024;
const MAGIC = [0x1f, 0x8b] as const;
const DEFLATE = 8;
/** RFC 1952 §2.3.1 FLG bits. */
const FLAG = { hcrc: 0x02, extra: 0x04, name: 0x08, comment: 0x10, reserved: 0xe0 } as const;
const FIXED_HEADER_BYTES = 10;
const TRAILER_BYTES = 8;

/**
 * The decompressed bytes of every member in turn. Damage that leaves the data readable (a CRC or
 * length that does not match, bytes after the last member that are not gzip, the input ending
 * inside a member) goes to `warn` where it is found, after every byte before it was yielded; a
 * member that cannot be inflated throws GzipDamage.
 */
export async function* gunzip(
  compressed: AsyncIterable<Uint8Array>,
  warn: (damage: GzipDamage) => void,
): AsyncGenerator<Uint8Array> {
  const bytes = new ByteQueue(compressed);
  for (let member = 1; ; member++) {
    if (!(await readHeader(bytes, member, warn))) return warn(endsEarly(`inside member ${member}'s header`));
    const data = { crc: 0, length: 0 };
    try {
      for await (const chunk of inflate(bytes)) {
        data.crc = crc32(chunk, data.crc);
        data.length += chunk.length;
        yield chunk;
      }
    } catch (error) {
      if (error instanceof GzipDamage && error.kind === "truncated") return warn(error);
      throw error;
    }
    const trailer = await bytes.take(TRAILER_BYTES);
    if (trailer.length < TRAILER_BYTES)
      return warn(endsEarly(`inside member ${member}'s ${TRAILER_BYTES}-byte trailer`));
    checkTrailer(trailer, data, member, warn);
    const next = await bytes.take(MAGIC.length);
    if (next.length === 0) return;
    if (next[0] !== MAGIC[0] || next[1] !== MAGIC[1]) return skipTrailing(bytes, next, warn);
    bytes.unread(next);
  }
}

function endsEarly(where: string): GzipDamage {
  return new GzipDamage("truncated", `the gzip stream ends early (${where})`);
}

/**
 * RFC 1952 §2.3: the fixed fields, then the optional ones FLG announces. False when the input
 * ends inside it. The magic bytes were seen already (the input was taken for gzip by them).
 */
async function readHeader(bytes: ByteQueue, member: number, warn: (damage: GzipDamage) => void): Promise<boolean> {
  let crc = 0;
  const seen = (part: Uint8Array) => (crc = crc32(part, crc));
  const fixed = await bytes.take(FIXED_HEADER_BYTES, seen);
  if (fixed.length < FIXED_HEADER_BYTES) return false;
  if (fixed[2] !== DEFLATE)
    throw new GzipDamage("malformed", `gzip member ${member} uses compression method ${fixed[2]}, not deflate (8)`);
  const flags = fixed[3]!;
  if ((flags & FLAG.reserved) !== 0)
    throw new GzipDamage("malformed", `gzip member ${member} sets reserved header flags (0x${flags.toString(16)})`);
  if ((flags & FLAG.extra) !== 0) {
    const length = await bytes.take(2, seen);
    if (length.length < 2 || !(await bytes.skip(length[0]! | (length[1]! << 8), seen))) return false;
  }
  if ((flags & FLAG.name) !== 0 && !(await bytes.skipPastZero(seen))) return false;
  if ((flags & FLAG.comment) !== 0 && !(await bytes.skipPastZero(seen))) return false;
  if ((flags & FLAG.hcrc) === 0) return true;
  // CRC16: the low half of the CRC-32 of the header's bytes before it.
  const given = await bytes.take(2);
  if (given.length < 2) return false;
  if ((given[0]! | (given[1]! << 8)) !== (crc & 0xffff))
    warn(
      new GzipDamage(
        "malformed",
        `gzip member ${member}'s header CRC-16 does not match its header: the header may be damaged`,
      ),
    );
  return true;
}

/** RFC 1952 §2.3.1: CRC32 and ISIZE (the length modulo 2^32), little-endian. */
function checkTrailer(
  trailer: Uint8Array,
  data: { crc: number; length: number },
  member: number,
  warn: (damage: GzipDamage) => void,
): void {
  const view = new DataView(trailer.buffer, trailer.byteOffset, TRAILER_BYTES);
  const [crc, length] = [view.getUint32(0, true), view.getUint32(4, true)];
  const hex = (value: number) => `0x${value.toString(16).padStart(8, "0")}`;
  const differs = (what: string, given: string, found: string) =>
    warn(
      new GzipDamage(
        "malformed",
        `gzip member ${member}'s ${what} does not match (its trailer gives ${given}, its data has ${found}: the data may be damaged)`,
      ),
    );
  if (crc !== data.crc) differs("CRC-32", hex(crc), hex(data.crc));
  if (length !== data.length % 2 ** 32) differs("length", `${length} bytes`, `${data.length % 2 ** 32}`);
}

/** Bytes after the last member that do not start another: zero padding is skipped silently, anything else said and skipped. */
async function skipTrailing(bytes: ByteQueue, first: Uint8Array, warn: (damage: GzipDamage) => void): Promise<void> {
  let count = 0;
  let padding = true;
  for (let chunk: Uint8Array | undefined = first; chunk !== undefined; chunk = await bytes.next()) {
    count += chunk.length;
    padding &&= chunk.every((byte) => byte === 0);
  }
  if (!padding)
    warn(
      new GzipDamage(
        "malformed",
        `${count} byte${count === 1 ? "" : "s"} that are not gzip follow the gzip data (ignored)`,
      ),
    );
}

/**
 * One member's deflate data through zlib's raw inflater, yielded as it comes. The chunks are
 * written one at a time: zlib uses none of the input after the deflate data ends (Node's zlib
 * stream then ends its output), so what it left of the last chunk is the trailer and what follows,
 * put back for the caller. The input ending first is GzipDamage "truncated"; data zlib cannot
 * inflate, "malformed".
 */
async function* inflate(bytes: ByteQueue): AsyncGenerator<Uint8Array> {
  const inflater = createInflateRaw({ chunkSize: OUTPUT_CHUNK_BYTES });
  // A read that fails (Ctrl-C, an I/O error) ends the output with its error, which the loop throws.
  const writing = writeUntilEnd(inflater, bytes).catch((error: unknown) => inflater.destroy(error as Error));
  try {
    for await (const chunk of inflater) yield chunk as Uint8Array;
    await writing;
  } catch (error) {
    throw asDamage(error);
  } finally {
    inflater.destroy();
  }
}

async function writeUntilEnd(inflater: InflateRaw, bytes: ByteQueue): Promise<void> {
  let written = 0;
  for (let chunk = await bytes.next(); chunk !== undefined; chunk = await bytes.next()) {
    // The output may have ended (and the inflater closed) while the next chunk was read.
    if (inflater.destroyed) return bytes.unread(chunk);
    written += chunk.length;
    // Settles once zlib is done with the chunk; an error also reaches the reading side.
    await new Promise<void>((resolve) => inflater.write(chunk, () => resolve()));
    const unused = written - inflater.bytesWritten;
    if (unused > 0) {
      bytes.unread(chunk.subarray(chunk.length - unused));
      break;
    }
  }
  inflater.end();
}

/** zlib's errors carry codes: Z_BUF_ERROR when the data ended early, Z_DATA_ERROR when it is not deflate. */
function asDamage(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (!(error instanceof Error) || code?.startsWith("Z_") !== true) return error;
  return code === "Z_BUF_ERROR"
    ? endsEarly(error.message)
    : new GzipDamage("malformed", `the gzip data is corrupt (${error.message})`);
}

/** The compressed input, read as needed, with bytes read too far put back. */
class ByteQueue {
  private readonly chunks: AsyncIterator<Uint8Array>;
  private held: Uint8Array[] = [];

  constructor(source: AsyncIterable<Uint8Array>) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** The next bytes, those put back first; undefined at the end of the input. */
  async next(): Promise<Uint8Array | undefined> {
    const held = this.held.pop();
    if (held !== undefined) return held;
    for (;;) {
      const next = await this.chunks.next();
      if (next.done === true) return undefined;
      if (next.value.length > 0) return next.value;
    }
  }

  unread(bytes: Uint8Array): void {
    if (bytes.length > 0) this.held.push(bytes);
  }

  /**
   * The next `count` bytes (a few: header fields, the trailer), fewer if the input ends first.
   * `seen` is shown every byte passed (here and in the skips): the header's CRC is over them all.
   */
  async take(count: number, seen?: (bytes: Uint8Array) => void): Promise<Uint8Array> {
    const taken = new Uint8Array(count);
    let length = 0;
    while (length < count) {
      const chunk = await this.next();
      if (chunk === undefined) break;
      const used = Math.min(count - length, chunk.length);
      taken.set(chunk.subarray(0, used), length);
      length += used;
      this.unread(chunk.subarray(used));
    }
    seen?.(taken.subarray(0, length));
    return taken.subarray(0, length);
  }

  /** Passes over `count` bytes; false if the input ends first. */
  async skip(count: number, seen: (bytes: Uint8Array) => void): Promise<boolean> {
    for (let left = count; left > 0; ) {
      const chunk = await this.next();
      if (chunk === undefined) return false;
      const used = Math.min(left, chunk.length);
      seen(chunk.subarray(0, used));
      this.unread(chunk.subarray(used));
      left -= used;
    }
    return true;
  }

  /** Passes over a zero-terminated field (a file name, a comment); false if the input ends first. */
  async skipPastZero(seen: (bytes: Uint8Array) => void): Promise<boolean> {
    for (let chunk = await this.next(); chunk !== undefined; chunk = await this.next()) {
      const zero = chunk.indexOf(0);
      seen(zero < 0 ? chunk : chunk.subarray(0, zero + 1));
      if (zero >= 0) {
        this.unread(chunk.subarray(zero + 1));
        return true;
      }
    }
    return false;
  }
}
