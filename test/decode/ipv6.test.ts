import { describe, expect, test } from "vitest";
import {
  decode,
  ETHERTYPE_IPV6,
  ethernet,
  expectDamaged,
  expectSegment,
  expectSkipped,
  hex,
  IP_PROTOCOL_TCP,
  ipv6,
  patched,
  TCP_ACK,
} from "./helpers/packets.js";

const PAYLOAD = hex("68 65 6c 6c 6f"); // "hello"
/** IPv6 header at byte 14; its payload (extension headers or TCP) at byte 54. */
const IP = 14;

// Extension headers (RFC 8200 §4), each naming the next.
const hopByHopToDestination = hex(
  "3c", // next header 60 (Destination Options)
  "00", // length 0: 8 bytes
  "01 04 00 00 00 00", // PadN option, 4 bytes of padding
);
const destinationToRouting = hex("2b", "00", "01 04 00 00 00 00"); // next 43 (Routing), 8 bytes
const routingToFragment = hex(
  "2c", // next header 44 (Fragment)
  "02", // length 2: 24 bytes
  "04", // routing type 4 (segment routing)
  "00", // segments left 0
  "00 00 00 00", // last entry, flags, tag
  "20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02", // segment list[0]
);
const atomicFragmentToAh = hex(
  "33", // next header 51 (AH)
  "00", // reserved
  "00 00", // fragment offset 0, M flag clear: an atomic fragment (RFC 6946)
  "00 00 00 2a", // identification 42
);
const ahToTcp = hex(
  "06", // next header TCP
  "04", // payload length 4: (4 + 2) * 4 = 24 bytes
  "00 00", // reserved
  "00 00 10 01", // SPI
  "00 00 00 01", // sequence number
  "00 11 22 33 44 55 66 77 88 99 aa bb", // ICV
);
const CHAIN = [hopByHopToDestination, destinationToRouting, routingToFragment, atomicFragmentToAh, ahToTcp];
const CHAIN_LAYERS = ["ipv6-hop-by-hop", "ipv6-destination-options", "ipv6-routing", "ipv6-fragment", "ah"];

describe("IPv6 (RFC 8200)", () => {
  test("TCP straight after the fixed header", () => {
    const segment = expectSegment(decode(ethernet(ETHERTYPE_IPV6, ipv6(IP_PROTOCOL_TCP, TCP_ACK, PAYLOAD))));
    expect([segment.ipVersion, segment.src, segment.dst, segment.payloadLength]).toEqual([
      6,
      "2001:db8::1",
      "2001:db8::2",
      5,
    ]);
  });

  test("a chain of hop-by-hop, destination options, routing, atomic fragment and AH is read through", () => {
    const segment = expectSegment(decode(ethernet(ETHERTYPE_IPV6, ipv6(0, ...CHAIN, TCP_ACK, PAYLOAD))));
    expect([segment.srcPort, segment.headerLength, segment.payloadLength]).toEqual([49152, 20, 5]);
  });

  test("damage after the chain names every layer before it", () => {
    const frame = ethernet(ETHERTYPE_IPV6, ipv6(0, ...CHAIN, TCP_ACK));
    const damage = expectDamaged(decode(frame.subarray(0, frame.length - 10), 1, frame.length));
    expect(damage).toMatchObject({
      problem: "truncated",
      layer: "tcp",
      offset: 126,
      layers: ["ethernet", "ipv6", ...CHAIN_LAYERS],
    });
  });

  test.each([
    [135, "mobility"],
    [139, "hip"],
    [140, "shim6"],
  ])("next header %i (%s) is stepped over by its 8-octet length", (nextHeader) => {
    const header = hex("06", "01", "00 00 00 00 00 00", "00 00 00 00 00 00 00 00"); // next TCP, length 1: 16 bytes
    const segment = expectSegment(decode(ethernet(ETHERTYPE_IPV6, ipv6(nextHeader, header, TCP_ACK))));
    expect(segment.srcPort).toBe(49152);
  });

  test("a fragment is reported with its id and offset", () => {
    const fragment = hex("06", "00", "05 c9", "de ad be ef"); // offset 185 units (1480 bytes), M set
    const skip = expectSkipped(decode(ethernet(ETHERTYPE_IPV6, ipv6(44, fragment, TCP_ACK))));
    expect(skip).toEqual({
      kind: "skipped",
      reason: "ip-fragment",
      detail: "IPv6 fragment at byte 54: id 0xdeadbeef, offset 1480, more fragments follow (not reassembled)",
    });
  });

  test("ESP cannot be read through", () => {
    const esp = hex("00 00 10 01", "00 00 00 01", "ff ff ff ff");
    const skip = expectSkipped(decode(ethernet(ETHERTYPE_IPV6, ipv6(0, hex("32 00 01 04 00 00 00 00"), esp))));
    expect(skip).toEqual({
      kind: "skipped",
      reason: "esp",
      detail: "ESP (IP protocol 50) at byte 62: what follows is encrypted",
    });
  });

  test("No Next Header (59) ends the chain", () => {
    const skip = expectSkipped(decode(ethernet(ETHERTYPE_IPV6, ipv6(60, hex("3b 00 01 04 00 00 00 00")))));
    expect(skip.reason).toBe("no-next-header");
  });

  test("ICMPv6 is not TCP", () => {
    expect(expectSkipped(decode(ethernet(ETHERTYPE_IPV6, ipv6(58, hex("80 00 00 00 00 01 00 01")))))).toEqual({
      kind: "skipped",
      reason: "not-tcp",
      detail: "IP protocol 58 (ICMPv6) at byte 54",
    });
  });

  test("sixteen extension headers are followed, a seventeenth is not", () => {
    const destination = hex("3c 00 01 04 00 00 00 00"); // next 60 again
    const chain = (count: number) => [
      ...Array.from({ length: count - 1 }, () => destination),
      hex("06 00 01 04 00 00 00 00"),
    ];
    expect(decode(ethernet(ETHERTYPE_IPV6, ipv6(60, ...chain(16), TCP_ACK))).kind).toBe("tcp");
    const skip = expectSkipped(decode(ethernet(ETHERTYPE_IPV6, ipv6(60, ...chain(17), TCP_ACK))));
    expect(skip).toEqual({
      kind: "skipped",
      reason: "nesting-limit",
      detail: "more than 16 extension headers: another starts at byte 182",
    });
  });

  test("an extension header longer than the payload is malformed", () => {
    const tooLong = hex("06", "05", "01 04 00 00 00 00"); // claims 48 bytes
    const damage = expectDamaged(decode(ethernet(ETHERTYPE_IPV6, ipv6(60, tooLong, TCP_ACK))));
    expect(damage).toEqual({
      kind: "damaged",
      problem: "malformed",
      layer: "ipv6-destination-options",
      offset: 54,
      message: "IPv6 Destination Options header needs 48 bytes at byte 54, but the packet has only 28 there",
      layers: ["ethernet", "ipv6"],
    });
  });

  test("an extension header cut by the snap length is truncated", () => {
    const frame = ethernet(ETHERTYPE_IPV6, ipv6(43, routingToFragment, TCP_ACK));
    const damage = expectDamaged(decode(frame.subarray(0, 60), 1, frame.length));
    expect(damage).toMatchObject({
      problem: "truncated",
      layer: "ipv6-routing",
      offset: 54,
      layers: ["ethernet", "ipv6"],
    });
  });

  test("a version other than 6 under ethertype 0x86dd is malformed", () => {
    const frame = patched(ethernet(ETHERTYPE_IPV6, ipv6(IP_PROTOCOL_TCP, TCP_ACK)), IP, 0x45);
    expect(expectDamaged(decode(frame)).message).toBe("IPv6 header at byte 14 has version 4");
  });

  test("a payload length past the frame: the frame's end, with a note", () => {
    const frame = patched(ethernet(ETHERTYPE_IPV6, ipv6(IP_PROTOCOL_TCP, TCP_ACK, PAYLOAD)), IP + 4, 0x01, 0xf4);
    const segment = expectSegment(decode(frame));
    expect(segment.payloadLength).toBe(5);
    expect(segment.problems).toEqual([
      {
        id: "ip-length-past-frame",
        offset: 18,
        message:
          "IPv6 payload length 500 at byte 18 puts the end at byte 554, past the frame's 79 bytes on the wire; using the frame's end",
      },
    ]);
  });
});

describe("payload length 0 and jumbograms (RFC 2675), as tshark 4.0.17 reads them", () => {
  const jumboHopByHop = (length: string) =>
    hex(
      "06", // next header TCP
      "00", // length 0: 8 bytes
      "c2", // option type 0xC2: Jumbo Payload
      "04", // option data length 4
      length, // jumbo payload length
    );

  test("a Jumbo Payload option gives the length (here a frame cut by the snap length)", () => {
    const frame = patched(
      ethernet(ETHERTYPE_IPV6, ipv6(0, jumboHopByHop("00 01 11 70"), TCP_ACK, PAYLOAD)),
      IP + 4,
      0,
      0,
    );
    const segment = expectSegment(decode(frame, 1, 14 + 40 + 70000));
    // 70000 counts the 8-byte hop-by-hop header, then the 20-byte TCP header.
    expect([segment.payloadLength, segment.payload.length, segment.truncated]).toEqual([69972, 5, true]);
  });

  test("without a hop-by-hop header, payload length 0 is malformed", () => {
    const frame = patched(ethernet(ETHERTYPE_IPV6, ipv6(IP_PROTOCOL_TCP, TCP_ACK)), IP + 4, 0, 0);
    const damage = expectDamaged(decode(frame));
    expect(damage).toMatchObject({ problem: "malformed", layer: "ipv6", offset: 18, layers: ["ethernet"] });
    expect(damage.message).toBe(
      "IPv6 payload length is 0 at byte 18, but no Hop-by-Hop Options header follows to carry a Jumbo Payload option (RFC 2675)",
    );
  });

  test("a hop-by-hop header without the option is malformed", () => {
    const frame = patched(ethernet(ETHERTYPE_IPV6, ipv6(0, hex("06 00 01 04 00 00 00 00"), TCP_ACK)), IP + 4, 0, 0);
    expect(expectDamaged(decode(frame)).message).toBe(
      "IPv6 payload length is 0 at byte 18, and the Hop-by-Hop Options header at byte 54 has no Jumbo Payload option (RFC 2675)",
    );
  });

  test("a jumbo length that would fit the 16-bit field is malformed", () => {
    const frame = patched(ethernet(ETHERTYPE_IPV6, ipv6(0, jumboHopByHop("00 00 00 78"), TCP_ACK)), IP + 4, 0, 0);
    const damage = expectDamaged(decode(frame));
    expect(damage).toMatchObject({ problem: "malformed", layer: "ipv6-hop-by-hop", offset: 56 });
    expect(damage.message).toBe("Jumbo Payload length 120 at byte 56 does not exceed 65535 (RFC 2675 §2)");
  });

  test("the option is found after Pad1 and PadN", () => {
    const hopByHop = hex("06", "01", "00", "01 01 00", "c2 04 00 01 11 70", "01 02 00 00"); // Pad1, PadN(1), jumbo, PadN(2): 16 bytes
    const frame = patched(ethernet(ETHERTYPE_IPV6, ipv6(0, hopByHop, TCP_ACK)), IP + 4, 0, 0);
    expect(expectSegment(decode(frame, 1, 14 + 40 + 70000)).payloadLength).toBe(70000 - 16 - 20);
  });
});
