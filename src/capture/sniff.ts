import { viewOf } from "./byte-view.js";
import { describeBytes } from "./bytes-text.js";
import { CaptureError } from "./errors.js";
import type { CaptureFormat } from "./info.js";

/** Every format this reader knows is told apart by its first four bytes. */
export const MAGIC_LENGTH = 4;

/** The magic numbers, read big-endian from the first four bytes. */
const PCAP_MAGICS = new Set([
  0xa1b2c3d4, // pcap, microseconds, big-endian file (draft-ietf-opsawg-pcap §4)
  0xd4c3b2a1, // ... little-endian file
  0xa1b23c4d, // pcap, nanoseconds, big-endian file
  0x4d3cb2a1, // ... little-endian file
]);
/** The Section Header Block type, a palindrome so that it reads the same in both byte orders (§4.1). */
const PCAPNG_MAGIC = 0x0a0d0d0a;
/** Alexey Kuznetzov's modified pcap, whose records carry 8 more header bytes. */
const MODIFIED_PCAP_MAGICS = new Set([0xa1b2cd34, 0x34cdb2a1]);
const GZIP_MAGIC = 0x1f8b;

/** Names the format of a capture from its first four bytes, or throws saying what they are instead. */
export function sniffFormat(magic: Uint8Array): CaptureFormat {
  const view = viewOf(magic);
  const value = view.getUint32(0, false);
  if (PCAP_MAGICS.has(value)) return "pcap";
  if (value === PCAPNG_MAGIC) return "pcapng";
  throw new CaptureError("unsupported", whatItIsInstead(value, magic), { offset: 0 });
}

function whatItIsInstead(value: number, magic: Uint8Array): string {
  if (MODIFIED_PCAP_MAGICS.has(value)) {
    return `the input is a modified pcap file (magic ${describeBytes(magic)}), which is not supported`;
  }
  if (value >>> 16 === GZIP_MAGIC) {
    return "the input is gzip-compressed (it starts with 1f 8b): decompress it first (readCapture does)";
  }
  return `not a capture file: it starts with ${describeBytes(magic)}, which is neither a pcap nor a pcapng magic number`;
}
