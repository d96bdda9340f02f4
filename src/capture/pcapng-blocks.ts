import { hex32 } from "./bytes-text.js";
import { CaptureError } from "./errors.js";
import { MAX_BLOCK_LENGTH } from "./limits.js";

/** Block types (draft-ietf-opsawg-pcapng §4; the Packet Block is the obsolete one of Appendix A). */
export const BlockType = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE_DESCRIPTION: 0x00000001,
  OBSOLETE_PACKET: 0x00000002,
  SIMPLE_PACKET: 0x00000003,
  NAME_RESOLUTION: 0x00000004,
  INTERFACE_STATISTICS: 0x00000005,
  ENHANCED_PACKET: 0x00000006,
} as const;

const BLOCK_NAMES: ReadonlyMap<number, string> = new Map([
  [BlockType.SECTION_HEADER, "section header block"],
  [BlockType.INTERFACE_DESCRIPTION, "interface description block"],
  [BlockType.OBSOLETE_PACKET, "packet block"],
  [BlockType.SIMPLE_PACKET, "simple packet block"],
  [BlockType.NAME_RESOLUTION, "name resolution block"],
  [BlockType.INTERFACE_STATISTICS, "interface statistics block"],
  [BlockType.ENHANCED_PACKET, "enhanced packet block"],
]);

/** Block type and total length, then the body, then the total length again (§3.1). */
export const BLOCK_HEADER_LENGTH = 8;
export const BLOCK_TRAILER_LENGTH = 4;
export const MIN_BLOCK_LENGTH = BLOCK_HEADER_LENGTH + BLOCK_TRAILER_LENGTH;

/** Smallest lengths of the blocks read here: header, fixed fields, trailer (§4.1 to §4.4, Appendix A). */
export const MIN_SECTION_HEADER_LENGTH = 28;
export const MIN_INTERFACE_DESCRIPTION_LENGTH = 20;
/** The Enhanced and the obsolete Packet Block share it: their fixed fields are 20 bytes. */
export const MIN_PACKET_BLOCK_LENGTH = 32;
export const MIN_SIMPLE_PACKET_LENGTH = 16;

export function blockName(type: number): string {
  return BLOCK_NAMES.get(type) ?? `block of type ${hex32(type)}`;
}

/** Whether the block holds a packet record: such blocks take a frame number even when skipped. */
export function isPacketBlock(type: number): boolean {
  return type === BlockType.ENHANCED_PACKET || type === BlockType.SIMPLE_PACKET || type === BlockType.OBSOLETE_PACKET;
}

/**
 * Checks a block's leading total length before the reader waits for that many bytes: a multiple
 * of 4, at least the 12 bytes of header and trailer, at most MAX_BLOCK_LENGTH (§3.1).
 */
export function checkBlockLength(type: number, length: number, offset: number, nextIndex: number): void {
  let fault: string | undefined;
  if (length < MIN_BLOCK_LENGTH) fault = `less than the ${MIN_BLOCK_LENGTH}-byte minimum`;
  else if (length % 4 !== 0) fault = "not a multiple of 4";
  else if (length > MAX_BLOCK_LENGTH) fault = `more than the ${MAX_BLOCK_LENGTH} limit`;
  if (fault === undefined) return;
  const message = `${blockName(type)} at byte ${offset} claims a total length of ${length} bytes, ${fault}`;
  throw blockError(message, type, offset, nextIndex);
}

/** The copy of the total length at the block's end must equal the one at its start (§3.1). */
export function checkBlockTrailer(
  type: number,
  length: number,
  trailer: number,
  offset: number,
  nextIndex: number,
): void {
  if (trailer === length) return;
  const message = `${blockName(type)} at byte ${offset} ends with a total length of ${trailer} bytes, not the ${length} it starts with`;
  throw blockError(message, type, offset, nextIndex);
}

/** A framing error: the blocks after it cannot be found, so reading stops. */
export function blockError(message: string, type: number, offset: number, nextIndex: number): CaptureError {
  return new CaptureError("malformed", message, isPacketBlock(type) ? { offset, frame: nextIndex } : { offset });
}
