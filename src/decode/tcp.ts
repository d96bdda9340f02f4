import type { Frame } from "../capture/frame.js";
import { type Stop, malformed } from "./decoded.js";
import type { IpHeader } from "./ip-header.js";
import { checkRoom } from "./room.js";
import { TcpFlag, type Segment, type SegmentProblem } from "./segment.js";
import { checkTcpOptions, decodeTcpOptions } from "./tcp-options.js";
import { MIN_HEADER_LENGTH, TcpSegment } from "./tcp-segment.js";

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
  // A SYN's options are what the handshake negotiates, read later by the tracker and the
  // explanations: decoded now. Any other segment's are checked now and decoded when read.
  const syn = (bytes[offset + 13]! & TcpFlag.SYN) !== 0;
  const optionsStart = offset + MIN_HEADER_LENGTH;
  const options = syn
    ? decodeTcpOptions(bytes, optionsStart, payloadOffset, problems)
    : checkTcpOptions(bytes, optionsStart, payloadOffset, problems);
  return new TcpSegment(frame, ip, offset, headerLength, captured, options, syn);
}
