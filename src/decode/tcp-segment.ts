import type { Frame } from "../capture/frame.js";
import type { LayerName } from "./layer-name.js";
import { readU16, readU32 } from "./bytes.js";
import type { IpHeader } from "./ip-header.js";
import type { Segment, SegmentProblem, TcpOptions } from "./segment.js";
import { decodeTcpOptions, isTimestampsAlone } from "./tcp-options.js";

/** RFC 9293 §3.1: the header without options is 20 bytes (the options start after it); the data offset counts 32-bit words. */
export const MIN_HEADER_LENGTH = 20;

/** The nine flag bits: AE (RFC 3540's former NS bit, now accurate ECN's), CWR ... FIN; the three above are reserved. */
const FLAG_BITS = 0x01ff;

/**
 * How the header's less-read facts share one small integer (#layout): the data offset in 32-bit
 * words, whether the datagram is IPv6, whether the snap length cut the segment, the window scale
 * option's shift plus one (0 without the option, 9 bits as the shift is a byte), and the urgent
 * pointer. 31 bits: a small integer on 64-bit Node, whose small integers have 32 bits.
 */
const DATA_OFFSET_MASK = 0x0f;
const IPV6_BIT = 0x10;
const TRUNCATED_BIT = 0x20;
const WINDOW_SCALE_SHIFT = 6;
const WINDOW_SCALE_MASK = 0x1ff;
const URGENT_POINTER_SHIFT = 15;

/**
 * A Segment as decoded from a frame: the fixed TCP header at `offset` (RFC 9293 §3.1: ports 0
 * and 2, sequence 4, acknowledgment 8, data offset and flags 12, window 14, urgent pointer 18)
 * with the frame's and the IP header's facts. The payload view is made when it is read: most
 * readers want its length alone (payloadLength, or `truncated`), and a view kept by every
 * segment was a tenth of what tracking allocated. Like `frame.data`, the payload can be read
 * until the reader moves past the frame (leaveFrame). The options of a segment without SYN are
 * decoded when first read (their problems were noted when the segment was): most segments carry
 * timestamps nobody reads, and their objects were a twentieth of what tracking allocated. A
 * SYN's options are decoded at once, as the handshake's.
 *
 * A segment is kept as long as its tracked row, and each field is 8 bytes of it: the header facts
 * the tracker reads on every segment are fields of their own, the others one packed integer read
 * through getters, the sequence numbers signed (no heap number each), the header's place and the
 * timestamps kept after the frame one field, and `problems` and `encapsulation` exist only on the
 * rare segment that has them (declared, not defined): 160 bytes a segment rather than 224 and two
 * heap numbers.
 */
export class TcpSegment implements Segment {
  readonly frame: number;
  readonly seconds: number;
  readonly nanos: number;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly flags: number;
  readonly window: number;
  readonly payloadLength: number;
  declare problems?: SegmentProblem[];
  declare encapsulation?: readonly LayerName[];
  /** The sequence and acknowledgment numbers as signed 32-bit numbers: see #offsetThenTimestamp. */
  readonly #seq: number;
  readonly #ack: number;
  /** Data offset, IPv6, truncated, the window scale option and the urgent pointer, packed as the constants above say. */
  readonly #layout: number;
  #bytes: Uint8Array | undefined;
  /**
   * While at the frame, where the header starts in #bytes, for the payload and the options decoded
   * when read. Once the segment left its frame with its options not decoded and timestamps alone
   * (keepOptions), the timestamp value: a segment needs only one of the two at a time, so they
   * share a field, 8 bytes of every segment. The timestamps are kept as signed 32-bit numbers: a
   * field that holds small integers only needs no box of its own, where one that held an unsigned
   * value above 2^31 would make every segment carry a box for it.
   */
  #offsetThenTimestamp: number;
  /** The options decoded, or undefined until they are read. */
  #options: TcpOptions | undefined;
  /** The timestamp echo kept with the value (see #offsetThenTimestamp). */
  #timestampEcho = 0;

  /**
   * `captured` is where the datagram's captured bytes end: the IP payload end or the frame's,
   * whichever is first. `options` are all of them when `decoded`, else the window scale alone.
   */
  constructor(
    frame: Frame,
    ip: IpHeader,
    offset: number,
    headerLength: number,
    captured: number,
    options: TcpOptions,
    decoded: boolean,
  ) {
    const bytes = frame.data;
    const windowScale = options.windowScale;
    this.frame = frame.index;
    this.seconds = frame.seconds;
    this.nanos = frame.nanos;
    this.src = ip.src;
    this.dst = ip.dst;
    this.srcPort = readU16(bytes, offset);
    this.dstPort = readU16(bytes, offset + 2);
    this.flags = readU16(bytes, offset + 12) & FLAG_BITS;
    this.window = readU16(bytes, offset + 14);
    this.payloadLength = ip.payloadEnd - offset - headerLength;
    this.#layout =
      (headerLength >> 2) |
      (ip.version === 6 ? IPV6_BIT : 0) |
      (captured < ip.payloadEnd ? TRUNCATED_BIT : 0) |
      ((windowScale === undefined ? 0 : windowScale + 1) << WINDOW_SCALE_SHIFT) |
      (readU16(bytes, offset + 18) << URGENT_POINTER_SHIFT);
    this.#seq = readU32(bytes, offset + 4) | 0;
    this.#ack = readU32(bytes, offset + 8) | 0;
    this.#bytes = bytes;
    this.#offsetThenTimestamp = offset;
    this.#options = decoded ? options : undefined;
  }

  get seq(): number {
    return this.#seq >>> 0;
  }

  get ack(): number {
    return this.#ack >>> 0;
  }

  get ipVersion(): 4 | 6 {
    return (this.#layout & IPV6_BIT) === 0 ? 4 : 6;
  }

  get headerLength(): number {
    return (this.#layout & DATA_OFFSET_MASK) << 2;
  }

  get truncated(): boolean {
    return (this.#layout & TRUNCATED_BIT) !== 0;
  }

  get urgentPointer(): number {
    return this.#layout >>> URGENT_POINTER_SHIFT;
  }

  get windowScaleOption(): number | undefined {
    const shiftPlusOne = (this.#layout >> WINDOW_SCALE_SHIFT) & WINDOW_SCALE_MASK;
    return shiftPlusOne === 0 ? undefined : shiftPlusOne - 1;
  }

  get options(): TcpOptions {
    this.#options ??=
      this.#bytes === undefined
        ? { timestamp: { value: this.#offsetThenTimestamp >>> 0, echo: this.#timestampEcho >>> 0 } }
        : decodeTcpOptions(
            this.#bytes,
            this.#offsetThenTimestamp + MIN_HEADER_LENGTH,
            this.#offsetThenTimestamp + this.headerLength,
            [],
          );
    return this.#options;
  }

  /** The payload bytes that were captured (a view; may be shorter than payloadLength). */
  get payload(): Uint8Array {
    if (this.#bytes === undefined)
      throw new Error(
        `the payload of frame ${this.frame} was read after the reader moved past the frame: copy it while at the frame`,
      );
    // Cut by the snap length, the captured bytes end with the frame's; otherwise with the datagram.
    const payloadStart = this.#offsetThenTimestamp + this.headerLength;
    const captured = this.truncated ? this.#bytes.length : payloadStart + this.payloadLength;
    return this.#bytes.subarray(Math.min(payloadStart, captured), captured);
  }

  /**
   * The reader moved past the frame (FrameDecoder says so when it decodes the next one): its
   * bytes are let go of, so that a segment kept longer (hindsight keeps each connection's last
   * ones through the close delay) does not keep alive the whole chunk the frame was read in.
   */
  leaveFrame(): void {
    if (this.#bytes === undefined) return;
    if (this.#options === undefined) this.keepOptions(this.#bytes, this.#offsetThenTimestamp + MIN_HEADER_LENGTH);
    this.#bytes = undefined;
  }

  /**
   * Options not decoded yet outlive the bytes: timestamps laid out as most stacks send them
   * (NOP, NOP, timestamps: RFC 7323 Appendix A) as two numbers, anything else decoded now.
   */
  private keepOptions(bytes: Uint8Array, start: number): void {
    const end = start - MIN_HEADER_LENGTH + this.headerLength;
    if (end > bytes.length || !isTimestampsAlone(bytes, start, end))
      this.#options = decodeTcpOptions(bytes, start, end, []);
    else {
      this.#offsetThenTimestamp = readU32(bytes, start + 4) | 0;
      this.#timestampEcho = readU32(bytes, start + 8) | 0;
    }
  }
}
