import type { AddressTexts } from "./address-texts.js";
import { hex, readU16 } from "./bytes.js";
import { type Stop, malformed, skipped } from "./decoded.js";
import { boundByFrame, type IpHeader } from "./ip-header.js";
import { checkRoom } from "./room.js";
import type { SegmentProblem } from "./segment.js";

/** RFC 791 §3.1: the header without options is 20 bytes; IHL counts 32-bit words. */
const MIN_HEADER_LENGTH = 20;
const MORE_FRAGMENTS = 0x2000;
const FRAGMENT_OFFSET_MASK = 0x1fff;

/** RFC 791 §3.1 header: version/IHL 0, total length 2, id 4, flags/fragment offset 6, protocol 9, addresses 12 and 16. */
export function decodeIpv4(
  bytes: Uint8Array,
  offset: number,
  end: number,
  problems: SegmentProblem[],
  into: IpHeader,
  texts: AddressTexts,
): IpHeader | Stop {
  const damage = checkRoom(bytes, offset, MIN_HEADER_LENGTH, end, "ipv4", "IPv4 header");
  if (damage !== undefined) return damage;
  const version = bytes[offset]! >> 4;
  if (version !== 4) return malformed("ipv4", offset, `IPv4 header at byte ${offset} has version ${version}`);
  const ihl = bytes[offset]! & 0x0f;
  const headerLength = ihl * 4;
  if (headerLength < MIN_HEADER_LENGTH) {
    return malformed(
      "ipv4",
      offset,
      `IPv4 header length ${ihl} (${headerLength} bytes) is below the ${MIN_HEADER_LENGTH}-byte minimum at byte ${offset}`,
    );
  }
  const totalLength = readU16(bytes, offset + 2);
  if (totalLength !== 0 && totalLength < headerLength) {
    return malformed(
      "ipv4",
      offset,
      `IPv4 total length ${totalLength} is smaller than the ${headerLength}-byte header at byte ${offset}`,
    );
  }
  const optionsDamage = checkRoom(bytes, offset, headerLength, end, "ipv4", "IPv4 header with options");
  if (optionsDamage !== undefined) return optionsDamage;
  const fragment = fragmentSkip(bytes, offset);
  if (fragment !== undefined) return fragment;
  into.version = 4;
  into.src = texts.ipv4(bytes, offset + 12);
  into.dst = texts.ipv4(bytes, offset + 16);
  into.protocol = bytes[offset + 9]!;
  into.payloadOffset = offset + headerLength;
  into.payloadEnd = datagramEnd(totalLength, offset, end, problems);
  return into;
}

/**
 * A total length of 0 is what a sender's segmentation offload (TSO) leaves before the NIC fills
 * it in; Wireshark then takes the frame's length on the wire, and so does this.
 */
function datagramEnd(totalLength: number, offset: number, end: number, problems: SegmentProblem[]): number {
  if (totalLength === 0) {
    problems.push({
      id: "ip-length-zero",
      offset: offset + 2,
      message: `IPv4 total length is 0 at byte ${offset + 2} (segmentation offload); using the frame's ${end - offset} bytes on the wire from byte ${offset}`,
    });
    return end;
  }
  return boundByFrame(offset + totalLength, end, offset + 2, "IPv4 total length", totalLength, problems);
}

/** Fragments are reported, not reassembled: only the first holds the TCP header, and not all of it need be there. */
function fragmentSkip(bytes: Uint8Array, offset: number): Stop | undefined {
  const flagsAndOffset = readU16(bytes, offset + 6);
  const fragmentOffset = (flagsAndOffset & FRAGMENT_OFFSET_MASK) * 8;
  const moreFragments = (flagsAndOffset & MORE_FRAGMENTS) !== 0;
  if (!moreFragments && fragmentOffset === 0) return undefined;
  const id = hex(readU16(bytes, offset + 4), 4);
  const more = moreFragments ? ", more fragments follow" : ", the last one";
  return skipped(
    "ip-fragment",
    `IPv4 fragment at byte ${offset}: id ${id}, offset ${fragmentOffset}${more} (not reassembled)`,
  );
}
