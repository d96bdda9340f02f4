import type { AddressTexts } from "./address-texts.js";
import type { Stop } from "./decoded.js";
import type { SegmentProblem } from "./segment.js";

/**
 * What the IPv4 or IPv6 fixed header says, for the layers after it. The decoders fill a record
 * the caller owns (FrameDecoder keeps one and refills it for every IP header), so that decoding
 * a packet allocates no header object.
 */
export interface IpHeader {
  version: 4 | 6;
  src: string;
  dst: string;
  /** IPv4 protocol or IPv6 next header: the header after the fixed one. */
  protocol: number;
  /** Where that header starts (after the IPv4 options). */
  payloadOffset: number;
  /**
   * Where the datagram ends by its length field, bounded by the frame on the wire (as Wireshark
   * bounds it): the end every later layer is checked against. Ethernet padding lies past it.
   */
  payloadEnd: number;
}

/**
 * A network-layer decoder: bytes, header offset, the frame's wire end; notes go to `problems`, the
 * header into `into` (returned), its addresses' texts come from the decoder's `texts`.
 */
export type IpDecoder = (
  bytes: Uint8Array,
  offset: number,
  end: number,
  problems: SegmentProblem[],
  into: IpHeader,
  texts: AddressTexts,
) => IpHeader | Stop;

/** A record for the decoders to fill. */
export function emptyIpHeader(): IpHeader {
  return { version: 4, src: "", dst: "", protocol: 0, payloadOffset: 0, payloadEnd: 0 };
}

/**
 * The end a length field declares, bounded by the frame on the wire. Wireshark does the same
 * ("IPv4 total length exceeds packet length", "IPv6 payload length exceeds framing length")
 * and goes on with the bytes the frame has, so tcp.len follows the shorter one. The field's
 * name and value are put into words only for that note: this runs for every packet.
 */
export function boundByFrame(
  declaredEnd: number,
  end: number,
  offset: number,
  field: string,
  value: number,
  problems: SegmentProblem[],
): number {
  if (declaredEnd <= end) return declaredEnd;
  problems.push({
    id: "ip-length-past-frame",
    offset,
    message: `${field} ${value} at byte ${offset} puts the end at byte ${declaredEnd}, past the frame's ${end} bytes on the wire; using the frame's end`,
  });
  return end;
}
