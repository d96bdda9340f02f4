import type { AddressTexts } from "./address-texts.js";
import { readU16 } from "./bytes.js";
import { type Stop, malformed } from "./decoded.js";
import { boundByFrame, type IpHeader } from "./ip-header.js";
import { readJumboPayloadLength } from "./ipv6-jumbo.js";
import { checkRoom } from "./room.js";
import type { SegmentProblem } from "./segment.js";

/** RFC 8200 §3: version/class/flow label 4, payload length 2, next header 1, hop limit 1, addresses 16 + 16. */
const HEADER_LENGTH = 40;

/** RFC 8200 §3 header at `offset`: version 0, payload length 4, next header 6, source 8, destination 24. */
export function decodeIpv6(
  bytes: Uint8Array,
  offset: number,
  end: number,
  problems: SegmentProblem[],
  into: IpHeader,
  texts: AddressTexts,
): IpHeader | Stop {
  const damage = checkRoom(bytes, offset, HEADER_LENGTH, end, "ipv6", "IPv6 header");
  if (damage !== undefined) return damage;
  const version = bytes[offset]! >> 4;
  if (version !== 6) return malformed("ipv6", offset, `IPv6 header at byte ${offset} has version ${version}`);
  const nextHeader = bytes[offset + 6]!;
  const payloadOffset = offset + HEADER_LENGTH;
  const payloadLength = readPayloadLength(bytes, offset + 4, payloadOffset, nextHeader, end);
  if (typeof payloadLength !== "number") return payloadLength;
  into.version = 6;
  into.src = texts.ipv6(bytes, offset + 8);
  into.dst = texts.ipv6(bytes, offset + 24);
  into.protocol = nextHeader;
  into.payloadOffset = payloadOffset;
  into.payloadEnd = boundByFrame(
    payloadOffset + payloadLength,
    end,
    offset + 4,
    "IPv6 payload length",
    payloadLength,
    problems,
  );
  return into;
}

/** The payload length field at `field`, or for 0 the jumbogram's length (RFC 2675). */
function readPayloadLength(
  bytes: Uint8Array,
  field: number,
  payloadOffset: number,
  nextHeader: number,
  end: number,
): number | Stop {
  const payloadLength = readU16(bytes, field);
  if (payloadLength !== 0) return payloadLength;
  return readJumboPayloadLength(bytes, field, payloadOffset, nextHeader, end);
}
