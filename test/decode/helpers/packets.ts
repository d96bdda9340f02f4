/**
 * Annotated byte literals for the decode tests, and the few helpers that stack them into
 * frames. Every literal says what each field holds; lengths that are not under test are
 * computed when layers are stacked, lengths under test are patched in by the test itself.
 */
import { expect } from "vitest";
import type { Frame } from "../../../src/capture/frame.js";
import { decodeFrame } from "../../../src/decode/decode.js";
import type { Decoded, Damaged, Skipped } from "../../../src/decode/decoded.js";
import type { Segment } from "../../../src/decode/segment.js";
import { concat, hex } from "../../helpers/bytes.js";
import { ipv4 as buildIpv4, ipv6 as buildIpv6 } from "../../../scripts/lib/capture/ip.mjs";
import { LINKTYPE } from "../../../scripts/lib/capture/link.mjs";

export { concat, hex };

/** A copy of `bytes` with `values` written from `offset` (a Buffer's slice() would not copy). */
export function patched(bytes: Uint8Array, offset: number, ...values: number[]): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy.set(values, offset);
  return copy;
}

/** A frame as a capture reader hands it on; `origLen` above the data's length means the snap length cut it. */
export function frameOf(data: Uint8Array, linkType: number = LINKTYPE.ETHERNET, origLen = data.length): Frame {
  return { index: 7, seconds: 1_700_000_000, nanos: 5, capLen: data.length, origLen, linkType, offset: 0, data };
}

export function decode(data: Uint8Array, linkType: number = LINKTYPE.ETHERNET, origLen = data.length): Decoded {
  return decodeFrame(frameOf(data, linkType, origLen));
}

export function expectSegment(decoded: Decoded): Segment {
  if (decoded.kind !== "tcp") expect.fail(`expected a TCP segment, got ${JSON.stringify(decoded)}`);
  return decoded.segment;
}

export function expectDamaged(decoded: Decoded): Damaged {
  if (decoded.kind !== "damaged") expect.fail(`expected damage, got ${JSON.stringify(decoded)}`);
  return decoded;
}

export function expectSkipped(decoded: Decoded): Skipped {
  if (decoded.kind !== "skipped") expect.fail(`expected a skip, got ${JSON.stringify(decoded)}`);
  return decoded;
}

/** A 20-byte TCP header: ACK from 49152 to 80. */
export const TCP_ACK = hex(
  "c0 00", // source port 49152
  "00 50", // destination port 80
  "fe dc ba 98", // sequence number 4275878552 (bit 31 set: must stay unsigned)
  "80 00 00 01", // acknowledgment number 2147483649
  "50 10", // data offset 5 (20 bytes), flags ACK
  "01 00", // window 256
  "00 00", // checksum (not checked)
  "00 00", // urgent pointer 0
);

/** A 40-byte SYN header with the options Linux sends. */
export const TCP_SYN = hex(
  "c0 00", // source port 49152
  "00 50", // destination port 80
  "fe dc ba 98", // sequence number 4275878552
  "00 00 00 00", // acknowledgment number 0
  "a0 02", // data offset 10 (40 bytes), flags SYN
  "ff ff", // window 65535
  "00 00", // checksum
  "00 00", // urgent pointer
  "02 04 05 b4", // MSS 1460
  "04 02", // SACK permitted
  "08 0a 00 00 00 01 00 00 00 00", // timestamps: value 1, echo 0
  "01", // NOP
  "03 03 07", // window scale 7
);

/** TCP_ACK with `options` after it and the data offset set to cover them (a multiple of 4 bytes). */
export function tcpWithOptions(options: Uint8Array, payload: Uint8Array = new Uint8Array()): Uint8Array {
  if (options.length % 4 !== 0) throw new Error("TCP options must fill whole 32-bit words");
  return concat(patched(TCP_ACK, 12, ((20 + options.length) / 4) << 4), options, payload);
}

/**
 * An IPv4 header (no options, don't fragment, TTL 64, id 0x1234, checksum 0: not checked) from
 * 192.168.0.1 to 192.168.0.2, then the payload; copied out of the builder's Buffer into a plain
 * Uint8Array, whose slice() copies as the tests expect.
 */
export function ipv4(protocol: number, ...payload: Uint8Array[]): Uint8Array {
  return new Uint8Array(
    buildIpv4(
      { source: [192, 168, 0, 1], destination: [192, 168, 0, 2], protocol, id: 0x1234, checksum: false },
      ...payload,
    ),
  );
}

const DOCUMENTATION_PREFIX = hex("20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00");
/** An IPv6 header (hop limit 64) from 2001:db8::1 to 2001:db8::2. */
export function ipv6(nextHeader: number, ...payload: Uint8Array[]): Uint8Array {
  return new Uint8Array(
    buildIpv6(
      {
        source: concat(DOCUMENTATION_PREFIX, hex("01")),
        destination: concat(DOCUMENTATION_PREFIX, hex("02")),
        nextHeader,
      },
      ...payload,
    ),
  );
}

export const ETHERTYPE_IPV4 = hex("08 00");
export const ETHERTYPE_IPV6 = hex("86 dd");

/** Destination and source MAC; the ethertype (or first VLAN tag) follows. */
export const ETHERNET_ADDRESSES = hex(
  "00 11 22 33 44 55", // destination MAC
  "66 77 88 99 aa bb", // source MAC
);

export function ethernet(...rest: Uint8Array[]): Uint8Array {
  return concat(ETHERNET_ADDRESSES, ...rest);
}

export const IP_PROTOCOL_TCP = 6;

export const IP_PROTOCOL_UDP = 17;
export const IP_PROTOCOL_GRE = 47;
/** A VXLAN header (RFC 7348 §5): flags I, VNI 100. */
export const VXLAN_HEADER = hex("08 00 00 00", "00 00 64 00");
/** An MPLS label stack entry: label 16, traffic class 0, bottom of stack, TTL 64 (RFC 3032 §2.1). */
export const MPLS_BOTTOM_LABEL = hex("00 01 01 40");
/** An 802.11 data frame header to an access point (To DS), then an LLC/SNAP header for `etherType`. */
export function wlanData(etherType: Uint8Array, ...rest: Uint8Array[]): Uint8Array {
  return concat(
    hex(
      "08 01", // frame control: data, To DS
      "00 00", // duration
      "00 11 22 33 44 55", // BSSID
      "66 77 88 99 aa bb", // source
      "00 11 22 33 44 66", // destination
      "10 00", // sequence 1, fragment 0
    ),
    hex("aa aa 03", "00 00 00"), // LLC: SNAP, unnumbered information; OUI 0
    etherType,
    ...rest,
  );
}
