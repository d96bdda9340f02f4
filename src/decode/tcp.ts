import type { Frame } from "../capture/frame.js";
import { type Stop, malformed } from "./decoded.js";
import type { IpHeader } from "./ip-header.js";
import { checkRoom } from "./room.js";
import type { Segment, SegmentProblem } from "./segment.js";
import { decodeTcpOptions } from "./tcp-options.js";
import { TcpSegment } from "./tcp-segment.js";

/** RFC 9293 §3.1: the header without options is 20 bytes; the data offset counts 32-bit words. */
const MIN_HEADER_LENGTH = 20;

/**
 * RFC 9293 §3.1 header at `offset` (data offset at 12; the fields in tcp-segment.ts). The IP header's `payloadEnd` is where
 * the datagram ends (see ip-header.ts): the payload length is what lies between the header and
 * it, Wireshark's tcp.len, whether or not the capture holds those bytes.
 *
 * Being the last layer, it returns the whole Segment, the frame's and the IP header's facts
 * included: one object per segment rather than a header copied into a segment.
 */
export function decodeTcp(frame: Frame, ip: IpHeader, offset: number, problems: SegmentProblem[]): Segment | Stop {
  const bytes = frame.data;
  const end = ip.payloadEnd;
  const damage = checkRoom(bytes, offset, MIN_HEADER_LENGTH, end, "tcp", "TCP header");
  if (damage !== undefined) return damage;
  const dataOffset = bytes[offset + 12]! >> 4;
  const headerLength = dataOffset * 4;
  if (headerLength < MIN_HEADER_LENGTH) {
    return malformed(
      "tcp",
      offset,
      `TCP data offset ${dataOffset} (${headerLength} bytes) is below the ${MIN_HEADER_LENGTH}-byte minimum at byte ${offset}`,
    );
  }
  const payloadOffset = offset + headerLength;
  if (payloadOffset > end) {
    return malformed(
      "tcp",
      offset,
      `TCP data offset ${dataOffset} (${headerLength} bytes) at byte ${offset} runs past the end of the IP payload (${end - offset} bytes)`,
    );
  }
  const captured = Math.min(bytes.length, end);
  const options = decodeTcpOptions(bytes, offset + MIN_HEADER_LENGTH, payloadOffset, problems);
  return new TcpSegment(frame, ip, offset, headerLength, captured, options);
}
