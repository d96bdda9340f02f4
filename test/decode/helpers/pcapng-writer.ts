import { writeFileSync } from "node:fs";

export interface CaptureRecord {
  linkType: number;
  data: Uint8Array;
  /** Length on the wire; more than the data means the snap length cut it. */
  origLen: number;
}

const SECTION_HEADER = 0x0a0d0d0a;
const INTERFACE_DESCRIPTION = 1;
const ENHANCED_PACKET = 6;

/** One pcapng block: type, total length, body padded to 32 bits, total length again. */
function block(type: number, body: Uint8Array): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const out = new Uint8Array(12 + padded);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, out.length, true);
  out.set(body, 8);
  view.setUint32(out.length - 4, out.length, true);
  return out;
}

function fields(...values: [bits: 16 | 32, value: number][]): Uint8Array {
  const out = new Uint8Array(values.reduce((sum, [bits]) => sum + bits / 8, 0));
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const [bits, value] of values) {
    if (bits === 16) view.setUint16(offset, value, true);
    else view.setUint32(offset, value, true);
    offset += bits / 8;
  }
  return out;
}

/**
 * Writes records of any mix of link types into one little-endian pcapng file, one interface
 * per link type, so that tshark reads them all in one run.
 */
export function writePcapng(path: string, records: CaptureRecord[]): void {
  const interfaces = [...new Set(records.map((record) => record.linkType))];
  const blocks = [
    block(SECTION_HEADER, fields([32, 0x1a2b3c4d], [16, 1], [16, 0], [32, 0xffffffff], [32, 0xffffffff])),
    ...interfaces.map((linkType) => block(INTERFACE_DESCRIPTION, fields([16, linkType], [16, 0], [32, 0]))),
    ...records.map((record) => {
      const header = fields([32, interfaces.indexOf(record.linkType)], [32, 0], [32, 0], [32, record.data.length], [32, record.origLen]);
      return block(ENHANCED_PACKET, Buffer.concat([header, record.data]));
    }),
  ];
  writeFileSync(path, Buffer.concat(blocks));
}
