import { viewOf } from "./byte-view.js";
import { CaptureError } from "./errors.js";
import type { FormatParser } from "./format-parser.js";
import type { Frame } from "./frame.js";
import { capturedLengthLimit } from "./limits.js";
import type { ParserOutput } from "./parser-output.js";
import { MICROSECONDS, NANOSECONDS, NANOS_PER_SECOND } from "./timestamp.js";

/** File header: magic, version, thiszone, sigfigs, snaplen, link type (draft-ietf-opsawg-pcap §4). */
const FILE_HEADER_LENGTH = 24;
/** Record header: seconds, fraction, captured length, original length (§5). */
const RECORD_HEADER_LENGTH = 16;
/** The only major version in use; libpcap refuses the others too. */
const SUPPORTED_MAJOR_VERSION = 2;
/** The link type sits in the low bits; the top bits may carry FCS information (libpcap's LT_LINKTYPE). */
const LINK_TYPE_MASK = 0x03ffffff;

/** What the file header fixes for every record. */
interface PcapLayout {
  readonly littleEndian: boolean;
  /** Nanoseconds per unit of the record's fraction field: 1000 (microsecond magic) or 1. */
  readonly nanosPerFraction: number;
  readonly linkType: number;
  readonly capturedLengthLimit: number;
}

/** Classic pcap: one 24-byte file header, then records of a 16-byte header and the captured bytes. */
export class PcapParser implements FormatParser {
  needed = FILE_HEADER_LENGTH;
  private layout: PcapLayout | undefined;

  constructor(private readonly output: ParserOutput) {}

  parse(bytes: Uint8Array, start: number, end: number, streamOffset: number): number {
    const view = viewOf(bytes);
    let layout = this.layout;
    if (layout === undefined) {
      if (end - start < FILE_HEADER_LENGTH) return start;
      layout = this.readFileHeader(view, start, streamOffset);
      start += FILE_HEADER_LENGTH;
    }
    return this.parseRecords(bytes, view, start, end, streamOffset, layout);
  }

  finish(rest: Uint8Array, streamOffset: number): void {
    if (this.layout === undefined) {
      const message = `the pcap file header is cut short: the input ends after ${rest.length} of its ${FILE_HEADER_LENGTH} bytes`;
      throw new CaptureError("truncated", message, { offset: streamOffset });
    }
    if (rest.length === 0) return;
    const index = this.output.nextIndex;
    this.output.warn("truncated", describeCutRecord(rest, streamOffset, index, this.layout), streamOffset, index);
  }

  /** The hot loop: no allocation per record but the data view, no calls but the sink's. */
  private parseRecords(
    bytes: Uint8Array,
    view: DataView,
    start: number,
    end: number,
    streamOffset: number,
    layout: PcapLayout,
  ): number {
    const { littleEndian, nanosPerFraction, linkType, capturedLengthLimit: limit } = layout;
    const output = this.output;
    const frame = output.frame;
    const sink = output.sink;
    let pos = start;
    while (end - pos >= RECORD_HEADER_LENGTH) {
      const capLen = view.getUint32(pos + 8, littleEndian);
      if (capLen > limit) throw hostileLengthError(output.nextIndex, streamOffset + pos, capLen, limit);
      const recordEnd = pos + RECORD_HEADER_LENGTH + capLen;
      if (recordEnd > end) {
        this.needed = RECORD_HEADER_LENGTH + capLen;
        return pos;
      }
      frame.index = output.nextIndex++;
      frame.seconds = view.getUint32(pos, littleEndian);
      frame.nanos = view.getUint32(pos + 4, littleEndian) * nanosPerFraction;
      if (frame.nanos >= NANOS_PER_SECOND) carryWholeSeconds(frame);
      frame.capLen = capLen;
      frame.origLen = view.getUint32(pos + 12, littleEndian);
      frame.linkType = linkType;
      frame.offset = streamOffset + pos;
      frame.data = bytes.subarray(pos + RECORD_HEADER_LENGTH, recordEnd);
      output.framesHandedOn++;
      sink.frame(frame);
      pos = recordEnd;
    }
    this.needed = RECORD_HEADER_LENGTH;
    return pos;
  }

  private readFileHeader(view: DataView, pos: number, streamOffset: number): PcapLayout {
    // The magic was written in the writer's byte order; read big-endian it tells which that was.
    const magic = view.getUint32(pos, false);
    const littleEndian = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
    const nanosPerFraction = magic === 0xa1b23c4d || magic === 0x4d3cb2a1 ? 1 : 1000;
    const major = view.getUint16(pos + 4, littleEndian);
    if (major !== SUPPORTED_MAJOR_VERSION) {
      const minor = view.getUint16(pos + 6, littleEndian);
      const message = `pcap version ${major}.${minor} is not supported (only version ${SUPPORTED_MAJOR_VERSION}.x is)`;
      throw new CaptureError("unsupported", message, { offset: streamOffset + pos + 4 });
    }
    const snapLength = view.getUint32(pos + 16, littleEndian);
    const linkType = view.getUint32(pos + 20, littleEndian) & LINK_TYPE_MASK;
    const layout: PcapLayout = {
      littleEndian,
      nanosPerFraction,
      linkType,
      capturedLengthLimit: capturedLengthLimit(snapLength),
    };
    this.layout = layout;
    const summary = this.output.describe("pcap");
    summary.addSection(littleEndian ? "little" : "big");
    summary.addInterface(linkType, snapLength, nanosPerFraction === 1 ? NANOSECONDS : MICROSECONDS);
    this.output.publish();
    this.needed = RECORD_HEADER_LENGTH;
    return layout;
  }
}

/** Some writers leave a fraction of a million microseconds or more; carry it into the seconds. */
function carryWholeSeconds(frame: Frame): void {
  frame.seconds += Math.floor(frame.nanos / NANOS_PER_SECOND);
  frame.nanos %= NANOS_PER_SECOND;
}

function hostileLengthError(index: number, offset: number, capLen: number, limit: number): CaptureError {
  const message = `record ${index} at byte ${offset} claims ${capLen} captured bytes, more than the ${limit} limit`;
  return new CaptureError("malformed", message, { offset, frame: index });
}

function describeCutRecord(rest: Uint8Array, offset: number, index: number, layout: PcapLayout): string {
  const where = `record ${index} at byte ${offset} is cut short`;
  if (rest.length < RECORD_HEADER_LENGTH) {
    return `${where}: the input ends ${rest.length} bytes into its ${RECORD_HEADER_LENGTH}-byte header`;
  }
  const capLen = viewOf(rest).getUint32(8, layout.littleEndian);
  return `${where}: it claims ${capLen} captured bytes but only ${rest.length - RECORD_HEADER_LENGTH} follow its header`;
}
