/** LINKTYPE_RAW: each record is an IP packet. */
export const LINKTYPE_RAW = 101;

/**
 * A classic pcap file (microseconds, little-endian, snap length 262144) holding the records, one
 * a millisecond apart from 1,700,000,000 s (draft-ietf-opsawg-pcap §4 and §5). The parts are
 * joined by Buffer.concat, which takes a list: a capture has more records than a call takes arguments.
 */
export function pcapOf(records: readonly Uint8Array[], linkType: number): Buffer {
  const header = Buffer.alloc(24);
  for (const [i, word] of [0xa1b2c3d4, 0x00040002, 0, 0, 262_144, linkType].entries()) header.writeUInt32LE(word, 4 * i);
  const parts: Buffer[] = [header];
  records.forEach((data, i) => {
    const recordHeader = Buffer.alloc(16);
    const words = [1_700_000_000 + Math.floor(i / 1000), (i % 1000) * 1000, data.length, data.length];
    for (const [j, word] of words.entries()) recordHeader.writeUInt32LE(word, 4 * j);
    parts.push(recordHeader, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  return Buffer.concat(parts);
}
