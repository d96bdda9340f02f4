// pcapng files (draft-ietf-opsawg-pcapng §3 block structure, §4.1 section header, §4.2 interface
// description, §4.3 enhanced packet, §4.4 simple packet), written block by block in either byte order.

const SECTION_HEADER = 0x0a0d0d0a;
const INTERFACE_DESCRIPTION = 1;
const SIMPLE_PACKET = 3;
const ENHANCED_PACKET = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Option codes (§3.5, §4.1, §4.2). */
export const PCAPNG_OPTION = { COMMENT: 1, IF_NAME: 2, SHB_USERAPPL: 4, IF_TSRESOL: 9 };

/** @typedef {[code: number, value: Uint8Array]} PcapngOption */

/**
 * Total lengths other than the block's own, written to make damaged files.
 * @typedef {object} BlockLengths
 * @property {number} [leading]
 * @property {number} [trailing]
 */

/**
 * @typedef {object} EnhancedPacket
 * @property {number} interfaceId
 * @property {bigint} timestamp in the interface's units
 * @property {Uint8Array} data
 * @property {number} [origLen] the data's length unless given
 * @property {number} [capLen] a captured length other than the data's, for damaged files
 * @property {PcapngOption[]} [options]
 */

/** The blocks of a file in one byte order; bytes() joins what was written. */
export class PcapngWriter {
  /** @param {boolean} littleEndian */
  constructor(littleEndian) {
    this.littleEndian = littleEndian;
    /** @type {Buffer[]} */
    this.parts = [];
  }

  /** @param {number} value */
  u16(value) {
    const b = Buffer.alloc(2);
    if (this.littleEndian) b.writeUInt16LE(value);
    else b.writeUInt16BE(value);
    return b;
  }

  /** @param {number} value */
  u32(value) {
    const b = Buffer.alloc(4);
    if (this.littleEndian) b.writeUInt32LE(value >>> 0);
    else b.writeUInt32BE(value >>> 0);
    return b;
  }

  /**
   * An option list ended by opt_endofopt, or nothing when there are no options (§3.5).
   * @param {PcapngOption[]} options
   */
  options(options) {
    if (options.length === 0) return Buffer.alloc(0);
    const parts = options.flatMap(([code, value]) => [this.u16(code), this.u16(value.length), padded(value)]);
    return Buffer.concat([...parts, this.u16(0), this.u16(0)]);
  }

  /**
   * One block: type, total length, body, total length again.
   * @param {number} type
   * @param {Uint8Array} body padded to 32 bits
   * @param {BlockLengths} [lengths]
   */
  block(type, body, lengths = {}) {
    const total = 12 + body.length;
    if (total % 4 !== 0) throw new Error("block body not padded");
    this.parts.push(
      this.u32(type),
      this.u32(lengths.leading ?? total),
      Buffer.from(body),
      this.u32(lengths.trailing ?? total),
    );
    return this;
  }

  /**
   * Section header block: byte-order magic, version 1.0, section length not given (-1).
   * @param {PcapngOption[]} [options]
   */
  section(options = []) {
    const body = Buffer.concat([
      this.u32(BYTE_ORDER_MAGIC),
      this.u16(1),
      this.u16(0),
      Buffer.alloc(8, 0xff),
      this.options(options),
    ]);
    return this.block(SECTION_HEADER, body);
  }

  /**
   * Interface description block.
   * @param {number} linkType
   * @param {number} snaplen
   * @param {PcapngOption[]} [options]
   */
  interface(linkType, snaplen, options = []) {
    return this.block(
      INTERFACE_DESCRIPTION,
      Buffer.concat([this.u16(linkType), this.u16(0), this.u32(snaplen), this.options(options)]),
    );
  }

  /**
   * Enhanced packet block.
   * @param {EnhancedPacket} packet
   * @param {BlockLengths} [lengths]
   */
  packet({ interfaceId, timestamp, data, origLen = data.length, capLen = data.length, options = [] }, lengths) {
    const body = Buffer.concat([
      this.u32(interfaceId),
      this.u32(Number(timestamp >> 32n)),
      this.u32(Number(timestamp & 0xffffffffn)),
      this.u32(capLen),
      this.u32(origLen),
      padded(data),
      this.options(options),
    ]);
    return this.block(ENHANCED_PACKET, body, lengths);
  }

  /**
   * Simple packet block: no interface id (always 0), no timestamp, no captured length.
   * @param {Uint8Array} data
   * @param {number} origLen
   */
  simplePacket(data, origLen) {
    return this.block(SIMPLE_PACKET, Buffer.concat([this.u32(origLen), padded(data)]));
  }

  bytes() {
    return Buffer.concat(this.parts);
  }
}

/** @param {Uint8Array} bytes */
function padded(bytes) {
  return Buffer.concat([bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4)]);
}
