/** Where a ByteWriter's bytes go; `release`, if given, is to be called once `chunk` is no longer needed. */
export type ByteSink = (chunk: Buffer, release?: () => void) => void;

/**
 * Text written as UTF-8 straight into a byte buffer, a piece at a time: the timelines write every
 * segment's line this way instead of joining strings that are then encoded (the joined strings
 * and the numbers turned into strings first were a fifth of the NDJSON timeline's time, and much
 * of the collector's). Numbers are written digit by digit, text the program knows beforehand as
 * bytes encoded once (encodeText), short ASCII strings a character at a time.
 *
 * When the buffer is full it is handed to `full` (the output) if there is one, else it grows, so
 * that a writer without one collects all it is given (takeText).
 */
export class ByteWriter {
  private buffer: Buffer;
  /** The buffer read and written four bytes at a time (append). */
  private words: DataView;
  private used = 0;
  /** Bytes handed over so far. */
  private handed = 0;
  /** Buffers handed over and given back, to be written into again. */
  private readonly spares: Buffer[] = [];

  constructor(
    private readonly full?: ByteSink,
    size = DEFAULT_SIZE,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
    this.words = wordsOf(this.buffer);
  }

  /** Bytes written and not yet handed over. */
  get length(): number {
    return this.used;
  }

  /** Bytes written so far, handed over or not. */
  get position(): number {
    return this.handed + this.used;
  }

  /** Any text. */
  text(value: string): void {
    const length = value.length;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair takes 4 for its 2).
    if (length * 3 > this.buffer.length && this.full !== undefined) {
      // More than the buffer holds: handed over as it is, after what came before it.
      this.flush();
      const bytes = Buffer.from(value, "utf8");
      this.handed += bytes.length;
      this.full(bytes);
      return;
    }
    this.room(length * 3);
    if (length > SHORT_TEXT) {
      this.used += this.buffer.write(value, this.used);
      return;
    }
    const buffer = this.buffer;
    let at = this.used;
    for (let i = 0; i < length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 0x80) {
        this.used = at + buffer.write(value.slice(i), at);
        return;
      }
      buffer[at++] = code;
    }
    this.used = at;
  }

  /** Text encoded beforehand (encodeText). */
  bytes(encoded: Uint8Array): void {
    const length = encoded.length;
    this.room(length);
    const buffer = this.buffer;
    const at = this.used;
    if (length > SHORT_BYTES) buffer.set(encoded, at);
    else for (let i = 0; i < length; i++) buffer[at + i] = encoded[i]!;
    this.used = at + length;
  }

  /** One ASCII character, by its code. */
  byte(code: number): void {
    this.room(1);
    this.buffer[this.used++] = code;
  }

  /** `count` spaces (padding). */
  spaces(count: number): void {
    if (count <= 0) return;
    this.room(count);
    const buffer = this.buffer;
    const end = this.used + count;
    // A column's padding is a few spaces: a loop is cheaper than a call to fill.
    if (count > SHORT_BYTES) buffer.fill(SPACE, this.used, end);
    else for (let at = this.used; at < end; at++) buffer[at] = SPACE;
    this.used = end;
  }

  /**
   * A number as String() and JSON.stringify write it (JSON has no NaN or Infinity: write those
   * as null with `nonFinite`). Integers that are exact are written digit by digit.
   */
  number(value: number): void {
    // Most numbers written are counts, ports and sequence numbers.
    if (value >= 0 && value <= MAX_INT32 && (value | 0) === value) return this.paddedDigits(value, digitCount(value));
    if (Number.isSafeInteger(value)) {
      if (value < 0) {
        this.byte(MINUS);
        this.digits(-value);
      } else this.digits(value);
    } else this.text(String(value));
  }

  /** The digits of a non-negative safe integer. */
  digits(value: number): void {
    if (value <= MAX_INT32) return this.paddedDigits(value, digitCount(value));
    // In two parts, each of int32 arithmetic: % and division on larger numbers are floating
    // point (a call to fmod per digit), which made writing numbers a fifth of the NDJSON time.
    let high = Math.floor(value / LOW_PART);
    let low = value - high * LOW_PART;
    if (low < 0) {
      high--;
      low += LOW_PART;
    } else if (low >= LOW_PART) {
      high++;
      low -= LOW_PART;
    }
    this.paddedDigits(high, digitCount(high));
    this.paddedDigits(low, LOW_DIGITS);
  }

  /**
   * A non-negative int32's digits, `count` of them (leading zeros when it has fewer): two at a
   * time from a table, half the divisions of one at a time.
   */
  paddedDigits(value: number, count: number): void {
    this.room(count);
    const buffer = this.buffer;
    const start = this.used;
    let at = start + count;
    this.used = at;
    while (at - start >= 2) {
      const rest = (value / 100) | 0;
      const pair = 2 * (value - rest * 100);
      buffer[--at] = DIGIT_PAIRS[pair + 1]!;
      buffer[--at] = DIGIT_PAIRS[pair]!;
      value = rest;
    }
    if (at > start) buffer[start] = ZERO + value - ((value / 10) | 0) * 10;
  }

  /**
   * Hand what was written to `full` (a no-op without one, or with nothing written). A little is
   * copied out; a full buffer is handed over whole, and taken back to be written into again once
   * `full` calls `release` (when the stream is done with it): a new buffer per piece cost more in
   * page faults on its first writing than all the copying.
   */
  flush(): void {
    if (this.full === undefined || this.used === 0) return;
    const used = this.used;
    this.used = 0;
    this.handed += used;
    const whole = this.buffer;
    if (used < whole.length / 4) {
      // A copy, since the buffer is written into again and a stream may write what it was given later.
      const chunk = Buffer.allocUnsafe(used);
      whole.copy(chunk, 0, 0, used);
      this.full(chunk);
      return;
    }
    this.buffer = this.spares.pop() ?? Buffer.allocUnsafe(whole.length);
    this.words = wordsOf(this.buffer);
    this.full(whole.subarray(0, used), () => {
      if (this.spares.length < MAX_SPARES) this.spares.push(whole);
    });
  }

  /**
   * Bytes `from` to `to` of `source`, copied in. The byte store moves every byte of the timelines
   * out so, a few hundred at a time: given `sourceWords` (wordsOf the source), a range up to
   * WORD_COPY_BYTES long is copied four bytes at a time, else with set over a view of it (the view
   * is an object for the collector, and Buffer.copy makes one too, after checking its arguments).
   */
  append(source: Buffer, from: number, to: number, sourceWords?: DataView): void {
    const length = to - from;
    this.room(length);
    const buffer = this.buffer;
    let at = this.used;
    this.used = at + length;
    if (length > SHORT_BYTES && (sourceWords === undefined || length > WORD_COPY_BYTES)) {
      buffer.set(new Uint8Array(source.buffer, source.byteOffset + from, length), at);
      return;
    }
    if (sourceWords !== undefined) {
      const words = this.words;
      for (const last = to - 4; from <= last; from += 4, at += 4)
        words.setInt32(at, sourceWords.getInt32(from, true), true);
    }
    while (from < to) buffer[at++] = source[from++]!;
  }

  /** Bytes `from` to `to` of what was written and not handed over, appended to `out` (ByteStore reads them so). */
  copyHeld(out: ByteWriter, from: number, to: number): void {
    out.append(this.buffer, from, to, this.words);
  }

  /** Bytes `from` to `to` of what was written and not handed over, as bytes of their own. */
  bytesOf(from: number, to: number): Uint8Array {
    return new Uint8Array(this.buffer.subarray(from, to));
  }

  /** What was written and not handed over, as a view of the buffer: valid until the writer writes again. */
  held(): Uint8Array {
    return this.buffer.subarray(0, this.used);
  }

  /** Bytes `from` to `to` of what was written and not handed over, as text. */
  textOf(from: number, to: number): string {
    return this.buffer.toString("utf8", from, to);
  }

  /** Are bytes `from` to `to` of what was written and not handed over all ASCII? */
  isAscii(from: number, to: number): boolean {
    const buffer = this.buffer;
    for (let at = from; at < to; at++) if (buffer[at]! >= 0x80) return false;
    return true;
  }

  /** Forget what was written and not handed over: its reader copied it out (ByteStore), and the buffer is written into from its start again. */
  discard(): void {
    this.handed += this.used;
    this.used = 0;
  }

  /** What was written, as a string, and the writer emptied (a writer without `full`). */
  takeText(): string {
    const text = this.buffer.toString("utf8", 0, this.used);
    this.handed += this.used;
    this.used = 0;
    return text;
  }

  /** What was written, as bytes of their own, and the writer emptied (a writer without `full`). */
  takeBytes(): Uint8Array {
    const bytes = this.bytesOf(0, this.used);
    this.handed += this.used;
    this.used = 0;
    return bytes;
  }

  /** At least `bytes` free: what is held is handed over (or the buffer grows). */
  private room(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    this.flush();
    if (this.used + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.used + bytes));
    this.buffer.copy(larger, 0, 0, this.used);
    this.buffer = larger;
    this.words = wordsOf(larger);
  }
}

/** Columns (and bytes) a non-negative safe integer's digits take: compared, not counted in a loop, up to ten. */
export function digitCount(value: number): number {
  if (value < 1e5) return value < 1e2 ? (value < 10 ? 1 : 2) : value < 1e3 ? 3 : value < 1e4 ? 4 : 5;
  if (value < 1e10) return value < 1e7 ? (value < 1e6 ? 6 : 7) : value < 1e8 ? 8 : value < 1e9 ? 9 : 10;
  let count = 11;
  for (let bound = 1e11; value >= bound && count < 16; bound *= 10) count++;
  return count;
}

/** The two digits of each number below 100, by twice the number. */
const DIGIT_PAIRS = Uint8Array.from(
  { length: 200 },
  (_, i) => 0x30 + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10),
);

/** A buffer's bytes as a DataView, for ByteWriter.append to copy four at a time. */
export function wordsOf(buffer: Buffer): DataView {
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** Text as the bytes ByteWriter.bytes copies: for what is written again and again. */
export function encodeText(text: string): Uint8Array {
  return Buffer.from(text, "utf8");
}

const DEFAULT_SIZE = 64 * 1024;
/** Buffers kept for writing into again: one or two are in use at a time when the output keeps up. */
const MAX_SPARES = 4;
/** Up to this many UTF-16 units a string is copied a character at a time (cheaper than a call into the encoder). */
const SHORT_TEXT = 32;
/**
 * Up to this many bytes, copied one at a time: a call to set costs about as much as copying 14
 * bytes so (a byte a nanosecond, against 15 ns a call whatever the length, on Node 20).
 */
const SHORT_BYTES = 12;
/**
 * Up to this many bytes, a range is copied four bytes at a time when it can be (append): about
 * half a nanosecond a byte, against a call to set and a view made, about 90 ns whatever the length.
 */
const WORD_COPY_BYTES = 160;
const SPACE = 0x20;
const MINUS = 0x2d;
const ZERO = 0x30;
const MAX_INT32 = 0x7fffffff;
/** Larger numbers are written as their part above and below this, each of int32 arithmetic. */
const LOW_PART = 1e9;
const LOW_DIGITS = 9;
