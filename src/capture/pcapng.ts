import { viewOf } from "./byte-view.js";
import { hex32 } from "./bytes-text.js";
import { CaptureError } from "./errors.js";
import type { FormatParser } from "./format-parser.js";
import { MAX_LISTED_LINK_TYPES, type CaptureSummary } from "./info.js";
import type { ParserOutput } from "./parser-output.js";
import {
  BLOCK_TRAILER_LENGTH,
  BlockType,
  MIN_BLOCK_LENGTH,
  MIN_INTERFACE_DESCRIPTION_LENGTH,
  MIN_PACKET_BLOCK_LENGTH,
  MIN_SECTION_HEADER_LENGTH,
  MIN_SIMPLE_PACKET_LENGTH,
  blockError,
  blockName,
  checkBlockLength,
  checkBlockTrailer,
  isPacketBlock,
} from "./pcapng-blocks.js";
import { readInterfaceOptions } from "./pcapng-options.js";
import { TickConverter } from "./timestamp.js";

/** Written as 1a 2b 3c 4d in the section's byte order (§4.1). */
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const SWAPPED_BYTE_ORDER_MAGIC = 0x4d3c2b1a;
const SUPPORTED_MAJOR_VERSION = 1;
/** Where the packet bytes start in an Enhanced or obsolete Packet Block (§4.3, Appendix A). */
const PACKET_DATA_START = 28;
/** Where the packet bytes start in a Simple Packet Block (§4.4). */
const SIMPLE_PACKET_DATA_START = 12;
/** Where an Interface Description Block's options start (§4.2). */
const INTERFACE_OPTIONS_START = 16;

/** An interface of the current section, as its Interface Description Block describes it (§4.2). */
interface PcapngInterface {
  readonly linkType: number;
  /** 0 means no limit. */
  readonly snapLength: number;
  readonly clock: TickConverter;
}

/**
 * pcapng: a sequence of sections, each a Section Header Block followed by blocks that use its
 * byte order and refer to its interfaces by number (§3.3, §4.1).
 */
export class PcapngParser implements FormatParser {
  needed = MIN_BLOCK_LENGTH;
  private readonly summary: CaptureSummary;
  private sections = 0;
  private littleEndian = true;
  /** Interfaces of the current section, by interface id: each section starts with none (§4.1). */
  private interfaces: PcapngInterface[] = [];
  /** Whether the warning that the link type list is full was given. */
  private linkTypesCut = false;

  constructor(private readonly output: ParserOutput) {
    this.summary = output.describe("pcapng");
  }

  parse(bytes: Uint8Array, start: number, end: number, streamOffset: number): number {
    const view = viewOf(bytes);
    let pos = start;
    while (end - pos >= MIN_BLOCK_LENGTH) {
      // The section header's type is a palindrome, readable before its byte order is known.
      const type = view.getUint32(pos, this.littleEndian);
      if (type === BlockType.SECTION_HEADER) this.littleEndian = readByteOrder(view, pos, streamOffset);
      const length = view.getUint32(pos + 4, this.littleEndian);
      checkBlockLength(type, length, streamOffset + pos, this.output.nextIndex);
      if (end - pos < length) {
        this.needed = length;
        return pos;
      }
      const trailer = view.getUint32(pos + length - BLOCK_TRAILER_LENGTH, this.littleEndian);
      checkBlockTrailer(type, length, trailer, streamOffset + pos, this.output.nextIndex);
      this.readBlock(type, bytes, view, pos, length, streamOffset);
      pos += length;
    }
    this.needed = MIN_BLOCK_LENGTH;
    return pos;
  }

  finish(rest: Uint8Array, streamOffset: number): void {
    const type = rest.length >= 4 ? viewOf(rest).getUint32(0, this.littleEndian) : undefined;
    if (this.sections === 0) {
      const message = `the first section header block is cut short: ${describeCut(rest.length, this.needed)}`;
      throw new CaptureError("truncated", message, { offset: streamOffset });
    }
    if (rest.length === 0) return;
    const what = type === undefined ? "the block" : blockName(type);
    const message = `${what} at byte ${streamOffset} is cut short: ${describeCut(rest.length, this.needed)}`;
    if (type !== undefined && isPacketBlock(type)) {
      this.output.warn("truncated", message, streamOffset, this.output.nextIndex);
    } else {
      this.output.warn("truncated", message, streamOffset);
    }
  }

  private readBlock(
    type: number,
    bytes: Uint8Array,
    view: DataView,
    pos: number,
    length: number,
    streamOffset: number,
  ): void {
    switch (type) {
      case BlockType.ENHANCED_PACKET:
      case BlockType.OBSOLETE_PACKET:
        this.readPacketBlock(type, bytes, view, pos, length, streamOffset);
        return;
      case BlockType.SIMPLE_PACKET:
        this.readSimplePacketBlock(bytes, view, pos, length, streamOffset);
        return;
      case BlockType.INTERFACE_DESCRIPTION:
        this.readInterfaceDescription(view, pos, length, streamOffset);
        return;
      case BlockType.SECTION_HEADER:
        this.readSectionHeader(view, pos, length, streamOffset);
        return;
      default:
      // Name resolution, statistics, secrets, custom and unknown blocks carry no packets:
      // skipped by their length, as §3.1 lets a reader do with any block it does not need.
    }
  }

  /** Enhanced Packet Block (§4.3) or its obsolete predecessor (Appendix A): same fields but the 16-bit interface id. */
  private readPacketBlock(
    type: number,
    bytes: Uint8Array,
    view: DataView,
    pos: number,
    length: number,
    streamOffset: number,
  ): void {
    const index = this.output.nextIndex++;
    const offset = streamOffset + pos;
    if (length < MIN_PACKET_BLOCK_LENGTH) {
      this.skipPacket(
        type,
        index,
        offset,
        `is ${length} bytes long, less than the ${MIN_PACKET_BLOCK_LENGTH} its fields need`,
      );
      return;
    }
    const littleEndian = this.littleEndian;
    const interfaceId =
      type === BlockType.ENHANCED_PACKET
        ? view.getUint32(pos + 8, littleEndian)
        : view.getUint16(pos + 8, littleEndian);
    const iface = this.interfaces[interfaceId];
    if (iface === undefined) {
      this.skipPacket(
        type,
        index,
        offset,
        `names interface ${interfaceId}, but its section describes ${this.interfaces.length}`,
      );
      return;
    }
    const capLen = view.getUint32(pos + 20, littleEndian);
    const room = length - MIN_PACKET_BLOCK_LENGTH;
    if (capLen > room) {
      this.skipPacket(
        type,
        index,
        offset,
        `claims ${capLen} captured bytes, but its ${length}-byte block has room for ${room}`,
      );
      return;
    }
    const frame = this.output.frame;
    iface.clock.setFrameTime(frame, view.getUint32(pos + 12, littleEndian), view.getUint32(pos + 16, littleEndian));
    frame.noTimestamp = false;
    this.deliver(iface, index, capLen, view.getUint32(pos + 24, littleEndian), bytes, pos + PACKET_DATA_START, offset);
  }

  /** Simple Packet Block (§4.4): interface 0, no timestamp, no captured length field. */
  private readSimplePacketBlock(
    bytes: Uint8Array,
    view: DataView,
    pos: number,
    length: number,
    streamOffset: number,
  ): void {
    const index = this.output.nextIndex++;
    const offset = streamOffset + pos;
    const iface = this.interfaces[0];
    if (length < MIN_SIMPLE_PACKET_LENGTH) {
      this.skipPacket(
        BlockType.SIMPLE_PACKET,
        index,
        offset,
        `is ${length} bytes long, less than the ${MIN_SIMPLE_PACKET_LENGTH} its fields need`,
      );
      return;
    }
    if (iface === undefined) {
      this.skipPacket(
        BlockType.SIMPLE_PACKET,
        index,
        offset,
        "comes before any interface description block in its section",
      );
      return;
    }
    const origLen = view.getUint32(pos + 8, this.littleEndian);
    // §4.4: the captured length is the least of the original length, the snap length and the room in the block.
    const room = length - MIN_SIMPLE_PACKET_LENGTH;
    const capLen = Math.min(origLen, room, iface.snapLength === 0 ? room : iface.snapLength);
    const frame = this.output.frame;
    frame.seconds = 0;
    frame.nanos = 0;
    frame.noTimestamp = true;
    this.deliver(iface, index, capLen, origLen, bytes, pos + SIMPLE_PACKET_DATA_START, offset);
  }

  private deliver(
    iface: PcapngInterface,
    index: number,
    capLen: number,
    origLen: number,
    bytes: Uint8Array,
    dataStart: number,
    offset: number,
  ): void {
    const frame = this.output.frame;
    frame.index = index;
    frame.capLen = capLen;
    frame.origLen = origLen;
    frame.linkType = iface.linkType;
    frame.offset = offset;
    frame.data = bytes.subarray(dataStart, dataStart + capLen);
    this.output.framesHandedOn++;
    this.output.sink.frame(frame);
  }

  /** A packet block whose framing is sound but whose fields are not: skip it, keep reading. */
  private skipPacket(type: number, index: number, offset: number, fault: string): void {
    this.output.warn("malformed", `record ${index} (${blockName(type)} at byte ${offset}) ${fault}`, offset, index);
  }

  /** §4.2. Losing an interface would renumber the ones after it, so a damaged one stops reading. */
  private readInterfaceDescription(view: DataView, pos: number, length: number, streamOffset: number): void {
    const offset = streamOffset + pos;
    const id = this.interfaces.length;
    if (length < MIN_INTERFACE_DESCRIPTION_LENGTH) {
      const message = `interface description block at byte ${offset} is ${length} bytes long, less than the ${MIN_INTERFACE_DESCRIPTION_LENGTH} its fields need`;
      throw blockError(message, BlockType.INTERFACE_DESCRIPTION, offset, this.output.nextIndex);
    }
    const littleEndian = this.littleEndian;
    const linkType = view.getUint16(pos + 8, littleEndian);
    const snapLength = view.getUint32(pos + 12, littleEndian);
    const options = readInterfaceOptions(
      view,
      pos + INTERFACE_OPTIONS_START,
      pos + length - BLOCK_TRAILER_LENGTH,
      littleEndian,
    );
    if (options.problem !== undefined) {
      const message = `interface ${id} (interface description block at byte ${offset}): ${options.problem}; defaults stand in for what could not be read`;
      this.output.warn("malformed", message, offset);
    }
    this.interfaces.push({ linkType, snapLength, clock: new TickConverter(options.resolution, options.offsetSeconds) });
    if (!this.summary.addInterface(linkType, snapLength, options.resolution) && !this.linkTypesCut) {
      this.linkTypesCut = true;
      const message = `interface ${id} (interface description block at byte ${offset}) has link type ${linkType}, past the ${MAX_LISTED_LINK_TYPES} distinct link types the capture's description lists; its packets are read, but this and later new link types are left out of the list`;
      this.output.warn("unsupported", message, offset);
    }
    this.output.publish();
  }

  /** §4.1: a new section, with its own byte order (already read) and no interfaces yet. */
  private readSectionHeader(view: DataView, pos: number, length: number, streamOffset: number): void {
    const offset = streamOffset + pos;
    if (length < MIN_SECTION_HEADER_LENGTH) {
      const message = `section header block at byte ${offset} is ${length} bytes long, less than the ${MIN_SECTION_HEADER_LENGTH} its fields need`;
      throw blockError(message, BlockType.SECTION_HEADER, offset, this.output.nextIndex);
    }
    const major = view.getUint16(pos + 12, this.littleEndian);
    if (major !== SUPPORTED_MAJOR_VERSION) {
      const minor = view.getUint16(pos + 14, this.littleEndian);
      const message = `section header block at byte ${offset} has pcapng version ${major}.${minor}; only version ${SUPPORTED_MAJOR_VERSION}.x is supported`;
      throw new CaptureError("unsupported", message, { offset });
    }
    this.sections += 1;
    this.interfaces = [];
    this.summary.addSection(this.littleEndian ? "little" : "big");
    this.output.publish();
  }
}

/** Reads the byte-order magic of the section header block at pos: whether the section is little-endian. */
function readByteOrder(view: DataView, pos: number, streamOffset: number): boolean {
  const magic = view.getUint32(pos + 8, false);
  if (magic === SWAPPED_BYTE_ORDER_MAGIC) return true;
  if (magic === BYTE_ORDER_MAGIC) return false;
  const offset = streamOffset + pos;
  const message = `section header block at byte ${offset} has byte-order magic ${hex32(magic)}, which is 0x1a2b3c4d in neither byte order`;
  throw new CaptureError("malformed", message, { offset });
}

function describeCut(present: number, needed: number): string {
  return present < MIN_BLOCK_LENGTH
    ? `the input ends after ${present} bytes, fewer than the ${MIN_BLOCK_LENGTH} of the smallest block`
    : `the input ends after ${present} of its ${needed} bytes`;
}
