import { TcpFlag, type Segment } from "../decode/segment.js";

/** Wireshark's tcp.completeness bits (spec §4; packet-tcp.c, "conversation completeness"). */
export const Completeness = {
  SYN: 1,
  SYN_ACK: 2,
  ACK: 4,
  DATA: 8,
  FIN: 16,
  RST: 32,
} as const;

/**
 * The bits one segment adds. A stream's first segment counts only if it is a pure SYN (with
 * DATA when it carries payload, TCP Fast Open); later ones add SYN-ACK, pure ACK or data, FIN
 * with ACK, and RST.
 */
export function completenessBits(segment: Segment, isFirst: boolean): number {
  const synAck = segment.flags & (TcpFlag.SYN | TcpFlag.ACK);
  if (isFirst) {
    if (synAck !== TcpFlag.SYN) return 0;
    return Completeness.SYN | (segment.payloadLength > 0 ? Completeness.DATA : 0);
  }
  let bits = 0;
  if (synAck === (TcpFlag.SYN | TcpFlag.ACK)) bits |= Completeness.SYN_ACK;
  if (synAck === TcpFlag.ACK) bits |= segment.payloadLength > 0 ? Completeness.DATA : Completeness.ACK;
  if ((segment.flags & (TcpFlag.FIN | TcpFlag.ACK)) === (TcpFlag.FIN | TcpFlag.ACK)) bits |= Completeness.FIN;
  if (segment.flags & TcpFlag.RST) bits |= Completeness.RST;
  return bits;
}
