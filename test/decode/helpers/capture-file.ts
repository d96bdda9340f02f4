/**
 * A test-only reader for the fixture files: classic pcap (either byte order, micro- or
 * nanosecond) and pcapng (section header, interface description, enhanced and simple packet
 * blocks), gzip-wrapped or not. Just enough to hand every frame to the decoder; the project's
 * reader lives in src/capture.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { Frame } from "../../../src/capture/frame.js";

const PCAP_MAGICS = new Map([
  [0xa1b2c3d4, 1000],
  [0xa1b23c4d, 1],
]);
const PCAPNG_SECTION_HEADER = 0x0a0d0d0a;
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const INTERFACE_DESCRIPTION = 1;
const SIMPLE_PACKET = 3;
const ENHANCED_PACKET = 6;

export function readCaptureFile(path: string): Frame[] {
  let bytes = new Uint8Array(readFileSync(path));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = new Uint8Array(gunzipSync(bytes));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(0, true) === PCAPNG_SECTION_HEADER ? readPcapng(bytes, view) : readPcap(bytes, view);
}

function readPcap(bytes: Uint8Array, view: DataView): Frame[] {
  const little = PCAP_MAGICS.has(view.getUint32(0, true));
  const nanosPerUnit = PCAP_MAGICS.get(view.getUint32(0, little));
  if (nanosPerUnit === undefined) throw new Error("not a pcap or pcapng file");
  const linkType = view.getUint32(20, little) & 0x03ffffff;
  const frames: Frame[] = [];
  for (let offset = 24; offset + 16 <= bytes.length; ) {
    const capLen = view.getUint32(offset + 8, little);
    frames.push({
      index: frames.length + 1,
      seconds: view.getUint32(offset, little),
      nanos: view.getUint32(offset + 4, little) * nanosPerUnit,
      capLen,
      origLen: view.getUint32(offset + 12, little),
      linkType,
      offset,
      data: bytes.subarray(offset + 16, offset + 16 + capLen),
    });
    offset += 16 + capLen;
  }
  return frames;
}

/** Timestamps are left at the default microsecond resolution: the decode tests do not look at them. */
function readPcapng(bytes: Uint8Array, view: DataView): Frame[] {
  const frames: Frame[] = [];
  let little = true;
  let interfaces: { linkType: number; snapLength: number }[] = [];
  for (let offset = 0; offset + 12 <= bytes.length; ) {
    if (view.getUint32(offset, true) === PCAPNG_SECTION_HEADER) {
      little = view.getUint32(offset + 8, true) === PCAPNG_BYTE_ORDER_MAGIC;
      interfaces = [];
    }
    const type = view.getUint32(offset, little);
    const length = view.getUint32(offset + 4, little);
    if (type === INTERFACE_DESCRIPTION) {
      interfaces.push({ linkType: view.getUint16(offset + 8, little), snapLength: view.getUint32(offset + 12, little) });
    } else if (type === ENHANCED_PACKET || type === SIMPLE_PACKET) {
      frames.push(packetBlock(bytes, view, offset, type, little, interfaces, frames.length + 1));
    }
    offset += length;
  }
  return frames;
}

function packetBlock(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  type: number,
  little: boolean,
  interfaces: { linkType: number; snapLength: number }[],
  index: number,
): Frame {
  if (type === SIMPLE_PACKET) {
    const iface = interfaces[0]!;
    const origLen = view.getUint32(offset + 8, little);
    const capLen = Math.min(origLen, iface.snapLength || origLen, view.getUint32(offset + 4, little) - 16);
    return { index, seconds: 0, nanos: 0, capLen, origLen, linkType: iface.linkType, offset, data: bytes.subarray(offset + 12, offset + 12 + capLen) };
  }
  const iface = interfaces[view.getUint32(offset + 8, little)]!;
  const micros = view.getUint32(offset + 12, little) * 2 ** 32 + view.getUint32(offset + 16, little);
  const capLen = view.getUint32(offset + 20, little);
  return {
    index,
    seconds: Math.floor(micros / 1e6),
    nanos: (micros % 1e6) * 1000,
    capLen,
    origLen: view.getUint32(offset + 24, little),
    linkType: iface.linkType,
    offset,
    data: bytes.subarray(offset + 28, offset + 28 + capLen),
  };
}
