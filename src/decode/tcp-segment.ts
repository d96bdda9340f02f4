import type { Frame } from "../capture/frame.js";
import type { LayerName } from "./layer-name.js";
import { readU16, readU32 } from "./bytes.js";
import type { IpHeader } from "./ip-header.js";
import type { Segment, SegmentProblem, TcpOptions } from "./segment.js";

/** The nine flag bits: AE (RFC 3540's former NS bit, now accurate ECN's), CWR ... FIN; the three above are reserved. */
const FLAG_BITS = 0x01ff;

/**
 * A Segment as decoded from a frame: the fixed TCP header at `offset` (RFC 9293 §3.1: ports 0
 * and 2, sequence 4, acknowledgment 8, data offset and flags 12, window 14, urgent pointer 18)
 * with the frame's and the IP header's facts. The payload view is made when it is read: most
 * readers want its length alone (payloadLength, or `truncated`), and a view kept by every
 * segment was a tenth of what tracking allocated. Like `frame.data`, the payload can be read
 * until the reader moves past the frame (leaveFrame).
 */
export class TcpSegment implements Segment {
  readonly frame: number;
  readonly seconds: number;
  readonly nanos: number;
  readonly ipVersion: 4 | 6;
  readonly src: string;
  readonly dst: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: number;
  readonly window: number;
  readonly urgentPointer: number;
  readonly headerLength: number;
  readonly payloadLength: number;
  readonly options: TcpOptions;
  readonly truncated: boolean;
  problems?: SegmentProblem[];
  encapsulation?: readonly LayerName[];
  #bytes: Uint8Array | undefined;
  readonly #payloadStart: number;
  readonly #payloadEnd: number;

  /** `captured` is where the datagram's captured bytes end: the IP payload end or the frame's, whichever is first. */
  constructor(frame: Frame, ip: IpHeader, offset: number, headerLength: number, captured: number, options: TcpOptions) {
    const bytes = frame.data;
    const payloadOffset = offset + headerLength;
    this.frame = frame.index;
    this.seconds = frame.seconds;
    this.nanos = frame.nanos;
    this.ipVersion = ip.version;
    this.src = ip.src;
    this.dst = ip.dst;
    this.srcPort = readU16(bytes, offset);
    this.dstPort = readU16(bytes, offset + 2);
    this.seq = readU32(bytes, offset + 4);
    this.ack = readU32(bytes, offset + 8);
    this.flags = readU16(bytes, offset + 12) & FLAG_BITS;
    this.window = readU16(bytes, offset + 14);
    this.urgentPointer = readU16(bytes, offset + 18);
    this.headerLength = headerLength;
    this.payloadLength = ip.payloadEnd - payloadOffset;
    this.options = options;
    this.truncated = captured < ip.payloadEnd;
    this.#bytes = bytes;
    this.#payloadStart = Math.min(payloadOffset, captured);
    this.#payloadEnd = captured;
  }

  /** The payload bytes that were captured (a view; may be shorter than payloadLength). */
  get payload(): Uint8Array {
    if (this.#bytes === undefined)
      throw new Error(
        `the payload of frame ${this.frame} was read after the reader moved past the frame: copy it while at the frame`,
      );
    return this.#bytes.subarray(this.#payloadStart, this.#payloadEnd);
  }

  /**
   * The reader moved past the frame (FrameDecoder says so when it decodes the next one): its
   * bytes are let go of, so that a segment kept longer (hindsight keeps each connection's last
   * ones through the close delay) does not keep alive the whole chunk the frame was read in.
   */
  leaveFrame(): void {
    this.#bytes = undefined;
  }
}
