import { describe, expect, test } from "vitest";
import { FrameDecoder } from "../../src/decode/decode.js";
import {
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ethernet,
  expectSegment,
  frameOf,
  IP_PROTOCOL_TCP,
  ipv4,
  ipv6,
  TCP_ACK,
  tcpWithOptions,
  hex,
} from "./helpers/packets.js";

/** IPv6 in IPv4 (RFC 4213 §3.5): protocol 41. */
const IP_PROTOCOL_IPV6 = 41;

describe("FrameDecoder reused over many frames", () => {
  test("a segment kept from one frame is not changed by the frames decoded after it", () => {
    const decoder = new FrameDecoder();
    const withData = tcpWithOptions(hex("02 04 05 b4"), new TextEncoder().encode("hi"));
    const first = expectSegment(decoder.decode(frameOf(ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, withData)))));
    const firstFields = { ...first };
    const payloadAtFrame = Array.from(first.payload);
    const record = decoder.decode(frameOf(ethernet(ETHERTYPE_IPV6, ipv6(IP_PROTOCOL_TCP, TCP_ACK))));
    const second = expectSegment(record);
    expect({ ...first }).toEqual(firstFields);
    expect([first.ipVersion, first.src, first.options, first.payloadLength, payloadAtFrame]).toEqual([
      4,
      "192.168.0.1",
      { mss: 1460 },
      2,
      [0x68, 0x69],
    ]);
    expect([second.ipVersion, second.src, second.payloadLength]).toEqual([6, "2001:db8::1", 0]);
  });

  test("a segment lets go of its frame's bytes when the next frame is decoded: its payload is read at the frame", () => {
    const decoder = new FrameDecoder();
    const withData = tcpWithOptions(hex("02 04 05 b4"), new TextEncoder().encode("hi"));
    const first = expectSegment(decoder.decode(frameOf(ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, withData)))));
    expect(Array.from(first.payload)).toEqual([0x68, 0x69]);
    decoder.decode(frameOf(ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, TCP_ACK))));
    expect(() => first.payload).toThrow(/payload of frame \d+ was read after the reader moved past the frame/);
  });

  test("a tunnel's inner IP header gives the addresses; the next plain frame has no encapsulation", () => {
    const decoder = new FrameDecoder();
    const tunnelled = ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_IPV6, ipv6(IP_PROTOCOL_TCP, TCP_ACK)));
    const inner = expectSegment(decoder.decode(frameOf(tunnelled)));
    const plain = expectSegment(decoder.decode(frameOf(ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, TCP_ACK)))));
    expect([inner.ipVersion, inner.src, inner.dst, inner.encapsulation]).toEqual([
      6,
      "2001:db8::1",
      "2001:db8::2",
      ["ethernet", "ipv4", "ipv6"],
    ]);
    expect([plain.ipVersion, plain.src, plain.encapsulation]).toEqual([4, "192.168.0.1", undefined]);
  });
});
