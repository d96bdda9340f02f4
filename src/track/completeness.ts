import { TcpFlag, type Segment } from "../decode/segment.js";

/** Wireshark's tcp.completeness bits (packet-tcp.c, "conversation completeness"; docs/tracking.md). */
export const Completeness = {
  SYN: 1,
  SYN_ACK: 2,
  ACK: 4,
  DATA: 8,
  FIN: 16,
  RST: 32,
} as const;

/**
 * The bits one segment adds, as the value stands over the whole stream (tshark -2, or Wireshark
 * once every frame was dissected again): a stream's first segment adds SYN only if it is a pure
 * SYN (and DATA with payload, TCP Fast Open); every segment, the first included when dissected
 * again, adds SYN-ACK, pure ACK or data, FIN with ACK, and RST.
 */
export function completenessBits(segment: Segment, isFirst: boolean): number {
  const synAck = segment.flags & (TcpFlag.SYN | TcpFlag.ACK);
  const opening =
    isFirst && synAck === TcpFlag.SYN ? Completeness.SYN | (segment.payloadLength > 0 ? Completeness.DATA : 0) : 0;
  return opening | laterBits(segment, synAck);
}

function laterBits(segment: Segment, synAck: number): number {
  let bits = 0;
  if (synAck === (TcpFlag.SYN | TcpFlag.ACK)) bits |= Completeness.SYN_ACK;
  if (synAck === TcpFlag.ACK) bits |= segment.payloadLength > 0 ? Completeness.DATA : Completeness.ACK;
  if ((segment.flags & (TcpFlag.FIN | TcpFlag.ACK)) === (TcpFlag.FIN | TcpFlag.ACK)) bits |= Completeness.FIN;
  if (segment.flags & TcpFlag.RST) bits |= Completeness.RST;
  return bits;
}
