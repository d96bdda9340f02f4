/**
 * A parser for one container format, driven by CaptureReader.
 *
 * The reader calls parse() with whatever bytes it has; the parser hands on every complete unit
 * (header, record, block) and returns where the first incomplete one starts. The reader keeps
 * those bytes and calls parse() again once it holds `needed` bytes from that point, so a parser
 * never sees a unit split in two.
 */
export interface FormatParser {
  /**
   * Bytes the unit at the last returned position needs before it can be parsed: the full unit
   * length once its header has been seen (and checked against the limits), else the header length.
   */
  readonly needed: number;

  /**
   * Parses the complete units in bytes[start, end). `streamOffset` is the position of bytes[0]
   * in the capture stream. Throws CaptureError on fatal problems, after delivering every unit
   * before them.
   */
  parse(bytes: Uint8Array, start: number, end: number, streamOffset: number): number;

  /** The input ended with `rest` unparsed (possibly empty) at `streamOffset`. */
  finish(rest: Uint8Array, streamOffset: number): void;
}
