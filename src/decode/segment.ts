import type { LayerName } from "./layer-name.js";

/** TCP header flag bits, as they sit in the header's flags byte (RFC 9293 §3.1). */
export const TcpFlag = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
  /** The former NS bit, now AE (accurate ECN), the low bit of the reserved nibble. */
  AE: 0x100,
} as const;

export interface SackBlock {
  left: number;
  right: number;
}

/** The TCP options this tool understands (RFC 9293 §3.2, RFC 7323, RFC 2018, RFC 7413). */
export interface TcpOptions {
  mss?: number;
  windowScale?: number;
  sackPermitted?: boolean;
  sack?: SackBlock[];
  timestamp?: { value: number; echo: number };
  /** TCP Fast Open cookie (empty array = cookie request). */
  fastOpenCookie?: Uint8Array;
}

/**
 * Something odd in a segment that could still be decoded, with a stable id:
 * - ip-length-zero: IPv4 total length 0 (segmentation offload); the frame's length was used.
 * - ip-length-past-frame: the IP length field reaches past the frame; the frame's end was used.
 * - tcp-option-malformed: an option's length is impossible; options before it are kept.
 * - encapsulation-length-past-end: a tunnel's length field (UDP, PPPoE) reaches past the packet
 *   around it; that packet's end was used.
 */
export interface SegmentProblem {
  id: "ip-length-zero" | "ip-length-past-frame" | "tcp-option-malformed" | "encapsulation-length-past-end";
  /** Byte offset within the frame of the field concerned. */
  offset: number;
  message: string;
}

/** One decoded TCP segment, with the IP and frame facts the tracker needs. */
export interface Segment {
  /** The frame's 1-based record number. */
  frame: number;
  seconds: number;
  nanos: number;
  ipVersion: 4 | 6;
  /** Addresses in their usual text form (dotted quad, RFC 5952 IPv6). */
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** Raw 32-bit sequence and acknowledgment numbers (unsigned). */
  seq: number;
  ack: number;
  /** Bitwise OR of TcpFlag values. */
  flags: number;
  /** Raw (unscaled) window field. */
  window: number;
  urgentPointer: number;
  /** TCP header length in bytes (data offset * 4). */
  headerLength: number;
  /** Payload length from the IP length fields (Wireshark's tcp.len), even when the snap length cut the bytes. */
  payloadLength: number;
  /** The payload bytes that were captured (a view; may be shorter than payloadLength), readable until the reader moves past the frame. */
  payload: Uint8Array;
  /**
   * The options. A SYN's are decoded with the segment; any other segment's may be decoded when
   * first read, or when the reader moves past the frame (TcpSegment.leaveFrame), if not read by then.
   */
  options: TcpOptions;
  /** The window-scale option's shift (RFC 7323 §2.3), read on every segment without decoding the rest; undefined without one. */
  windowScaleOption: number | undefined;
  /** True when the snap length cut the frame inside this segment's header options or payload. */
  truncated: boolean;
  /** Oddities that did not stop decoding; absent when there are none. */
  problems?: SegmentProblem[];
  /**
   * The headers the segment came through, outermost first (link, VLAN tags, tunnels, IP and its
   * extension headers; not TCP): present only when it came through a tunnel (a second IP header,
   * MPLS or PPPoE), so that plain traffic costs nothing. Addresses and ports are the innermost.
   */
  encapsulation?: readonly LayerName[];
}
