/**
 * The bytes of a unit (header, record, block) that a chunk ended in the middle of, kept until
 * the next chunks complete it. It grows only as bytes actually arrive, so memory stays
 * proportional to the real input whatever length a header claims.
 */
export class Leftover {
  bytes = new Uint8Array(0);
  length = 0;
  /** Position of bytes[0] in the capture stream. */
  offset = 0;

  /** Appends source[from, from + count). */
  append(source: Uint8Array, from: number, count: number): void {
    const required = this.length + count;
    if (required > this.bytes.length) this.grow(required);
    this.bytes.set(source.subarray(from, from + count), this.length);
    this.length = required;
  }

  /** Replaces the content with source[from, to), which starts at `offset` in the stream. */
  replace(source: Uint8Array, from: number, to: number, offset: number): void {
    this.length = 0;
    this.offset = offset;
    this.append(source, from, to - from);
  }

  /** Forgets the first `count` bytes. */
  dropFront(count: number): void {
    if (count < this.length) this.bytes.copyWithin(0, count, this.length);
    this.length -= count;
    this.offset += count;
  }

  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private grow(required: number): void {
    const grown = new Uint8Array(Math.max(required, this.bytes.length * 2));
    grown.set(this.view());
    this.bytes = grown;
  }
}
