import type { Segment } from "../decode/segment.js";

/**
 * A key that is the same in both directions of a connection (gopacket's FastHash idea):
 * the two address:port ends in a fixed order.
 */
export function flowKey(segment: Segment): string {
  const source = `${segment.src}]${segment.srcPort}`;
  const destination = `${segment.dst}]${segment.dstPort}`;
  return source < destination ? `${source}|${destination}` : `${destination}|${source}`;
}
