import { describe, expect, test } from "vitest";
import type { Frame } from "../../src/capture/frame.js";
import { decodeFrame } from "../../src/decode/decode.js";
import { udpTunnels } from "../../src/decode/udp.js";
import {
  concat,
  decode,
  ETHERNET_ADDRESSES,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ethernet,
  expectDamaged,
  expectSegment,
  expectSkipped,
  frameOf,
  hex,
  IP_PROTOCOL_GRE,
  IP_PROTOCOL_TCP,
  IP_PROTOCOL_UDP,
  ipv4,
  ipv6,
  MPLS_BOTTOM_LABEL,
  patched,
  TCP_ACK,
  VXLAN_HEADER,
} from "./helpers/packets.js";
import { udp } from "../../scripts/lib/capture/udp.mjs";

const PAYLOAD = hex("68 65 6c 6c 6f");
/** The tunnelled packet: 10.0.0.1 to 10.0.0.2, an ACK with 5 bytes. */
const INNER = patched(ipv4(IP_PROTOCOL_TCP, TCP_ACK, PAYLOAD), 12, 10, 0, 0, 1, 10, 0, 0, 2);
const INNER_ETHERNET = ethernet(ETHERTYPE_IPV4, INNER);
const overUdp = (sourcePort: number, destinationPort: number, ...payload: Uint8Array[]) =>
  ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_UDP, udp(sourcePort, destinationPort, ...payload)));
const vxlan = (sourcePort = 50000, destinationPort = 4789) =>
  overUdp(sourcePort, destinationPort, VXLAN_HEADER, INNER_ETHERNET);
const overGre = (header: Uint8Array, ...payload: Uint8Array[]) =>
  ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_GRE, header, ...payload));
/** Byte offsets in a VXLAN frame: outer IPv4 at 14, UDP at 34, VXLAN at 42, inner Ethernet at 50, inner IPv4 at 64. */
const UDP_AT = 34;

function expectInnerSegment(data: Uint8Array, frame?: Frame) {
  const segment = expectSegment(frame === undefined ? decode(data) : decodeFrame(frame));
  expect([segment.src, segment.dst, segment.srcPort, segment.dstPort, segment.payloadLength]).toEqual([
    "10.0.0.1",
    "10.0.0.2",
    49152,
    80,
    5,
  ]);
  return segment;
}

describe("VXLAN and Geneve over UDP", () => {
  test("VXLAN on port 4789: the inner addresses, and the encapsulation outermost first", () => {
    const segment = expectInnerSegment(vxlan());
    expect(segment.encapsulation).toEqual(["ethernet", "ipv4", "udp", "vxlan", "ethernet", "ipv4"]);
  });

  test("a plain segment lists no encapsulation", () => {
    expect(expectSegment(decode(INNER_ETHERNET)).encapsulation).toBeUndefined();
  });

  test("VXLAN from port 4789 (the lower port is asked first, as Wireshark does)", () => {
    expectInnerSegment(vxlan(4789, 50000));
  });

  test("a lower port that carries no tunnel does not hide the higher one (Wireshark's own dissector for port 53 would take this one: docs/decoding.md)", () => {
    expectInnerSegment(vxlan(53, 4789));
  });

  test("port 8472 (Linux's VXLAN default) is not VXLAN unless told: Wireshark 4.0 registers 4789 only", () => {
    expect(expectSkipped(decode(vxlan(50000, 8472)))).toEqual({
      kind: "skipped",
      reason: "not-tcp",
      detail: "UDP from port 50000 to port 8472 at byte 34, not a tunnel port",
    });
    const told = decodeFrame(frameOf(vxlan(50000, 8472)), udpTunnels({ vxlan: [8472] }));
    expect(told.kind === "tcp" && told.segment.dst).toBe("10.0.0.2");
  });

  test("the VXLAN flags are not checked (Wireshark reads the frame whatever they say)", () => {
    expectInnerSegment(patched(vxlan(), 42, 0x00));
  });

  test("a UDP length below 8 is malformed", () => {
    const damage = expectDamaged(decode(patched(vxlan(), UDP_AT + 4, 0, 4)));
    expect(damage).toMatchObject({
      problem: "malformed",
      layer: "udp",
      offset: UDP_AT,
      message: "UDP length 4 at byte 38 is below the 8-byte header",
      layers: ["ethernet", "ipv4"],
    });
  });

  test("a UDP length past the datagram is noted and the datagram's end used", () => {
    const segment = expectInnerSegment(patched(vxlan(), UDP_AT + 4, 0x01, 0x00));
    expect(segment.problems).toEqual([
      {
        id: "encapsulation-length-past-end",
        offset: 38,
        message:
          "UDP length 256 at byte 38 puts the end at byte 290, past the enclosing packet's end at byte 109; using that end",
      },
    ]);
  });

  test("a UDP length short of the datagram bounds what the tunnel holds", () => {
    const datagram = 8 + 8 + 14 + 20 + 20 + 2;
    expect(expectSegment(decode(patched(vxlan(), UDP_AT + 4, 0, datagram))).payloadLength).toBe(2);
  });

  test("UDP length 0 over IPv6 (a jumbogram's, RFC 2675 §4) leaves the end to the IP header", () => {
    const datagram = udp(50000, 4789, VXLAN_HEADER, INNER_ETHERNET);
    expectInnerSegment(ethernet(ETHERTYPE_IPV6, ipv6(IP_PROTOCOL_UDP, patched(datagram, 4, 0, 0))));
  });

  test("the snap length cutting the VXLAN header: truncated there, the layers before it kept", () => {
    const frame = vxlan();
    const damage = expectDamaged(decode(frame.subarray(0, 45), undefined, frame.length));
    expect(damage).toMatchObject({
      problem: "truncated",
      layer: "vxlan",
      offset: 42,
      layers: ["ethernet", "ipv4", "udp"],
    });
  });

  test("Geneve on 6081: options stepped over, the protocol type an ethertype", () => {
    const options = hex("00 01 02 03 04 05 06 07");
    const ethernetPayload = expectSegment(
      decode(overUdp(50000, 6081, hex("02 00 65 58", "00 00 64 00"), options, INNER_ETHERNET)),
    );
    expect(ethernetPayload.encapsulation).toEqual(["ethernet", "ipv4", "udp", "geneve", "ethernet", "ipv4"]);
    expectInnerSegment(overUdp(50000, 6081, hex("00 00 08 00", "00 00 64 00"), INNER));
  });

  test("Geneve options longer than the packet are malformed", () => {
    const damage = expectDamaged(decode(overUdp(50000, 6081, hex("3f 00 08 00", "00 00 64 00"), INNER)));
    expect(damage).toMatchObject({ problem: "malformed", layer: "geneve", offset: 42 });
    expect(damage.message).toBe(
      "Geneve header with its options needs 260 bytes at byte 42, but the packet has only 53 there",
    );
  });
});

describe("GRE and ERSPAN", () => {
  test("checksum, key and sequence number present: 16 bytes of GRE", () => {
    const segment = expectInnerSegment(overGre(hex("b0 00 08 00", "00 00 00 00", "00 00 00 2a", "00 00 00 01"), INNER));
    expect(segment.encapsulation).toEqual(["ethernet", "ipv4", "gre", "ipv4"]);
  });

  test("routing present (RFC 1701): the source route entries are stepped over", () => {
    expectInnerSegment(overGre(hex("40 00 08 00", "00 00 00 00", "00 02 00 04 0a 00 00 01", "00 00 00 00"), INNER));
  });

  test("optional fields past the packet are malformed", () => {
    const damage = expectDamaged(decode(overGre(hex("f0 00 08 00"))));
    expect(damage).toMatchObject({
      problem: "malformed",
      layer: "gre",
      offset: 34,
      message: "GRE header with its optional fields needs 16 bytes at byte 34, but the packet has only 4 there",
    });
  });

  test("transparent Ethernet bridging (0x6558) carries an Ethernet frame", () => {
    expect(expectInnerSegment(overGre(hex("20 00 65 58", "00 00 00 01"), INNER_ETHERNET)).encapsulation).toEqual([
      "ethernet",
      "ipv4",
      "gre",
      "ethernet",
      "ipv4",
    ]);
  });

  test("ERSPAN type I: 0x88be without a sequence number, the Ethernet frame right after GRE", () => {
    expect(expectInnerSegment(overGre(hex("00 00 88 be"), INNER_ETHERNET)).encapsulation).toEqual([
      "ethernet",
      "ipv4",
      "gre",
      "erspan",
      "ethernet",
      "ipv4",
    ]);
  });

  test("ERSPAN type II: an 8-byte header; version 2 under 0x88be is not read", () => {
    expectInnerSegment(overGre(hex("10 00 88 be", "00 00 00 01"), hex("10 64 00 01 00 00 00 00"), INNER_ETHERNET));
    const skip = expectSkipped(
      decode(overGre(hex("10 00 88 be", "00 00 00 01"), hex("20 64 00 01 00 00 00 00"), INNER_ETHERNET)),
    );
    expect(skip.detail).toBe(
      "ERSPAN header at byte 42 has version 2 under GRE protocol type 0x88be, where type II (version 1) belongs",
    );
  });

  test("ERSPAN type III: 12 bytes, 20 with the platform subheader; only Ethernet frames are read", () => {
    const gre = hex("10 00 22 eb", "00 00 00 01");
    expectInnerSegment(overGre(gre, hex("20 64 00 01 00 00 00 00 00 00 00 00"), INNER_ETHERNET));
    expectInnerSegment(
      overGre(gre, hex("20 64 00 01 00 00 00 00 00 00 00 01", "00 00 00 00 00 00 00 00"), INNER_ETHERNET),
    );
    const skip = expectSkipped(decode(overGre(gre, hex("20 64 00 01 00 00 00 00 00 00 08 00"), INNER)));
    expect(skip.detail).toBe("ERSPAN type III header at byte 42 carries frame type 0x02, not Ethernet (0)");
  });

  test("PPTP (GRE version 1): key, sequence and acknowledgment numbers, then PPP", () => {
    const segment = expectInnerSegment(
      overGre(hex("30 81 88 0b", "00 31 00 01", "00 00 00 07", "00 00 00 06"), hex("ff 03 00 21"), INNER),
    );
    expect(segment.encapsulation).toEqual(["ethernet", "ipv4", "gre", "ppp", "ipv4"]);
  });
});

describe("IP in IP", () => {
  test.each([
    ["IPv4 in IPv4", ethernet(ETHERTYPE_IPV4, ipv4(4, INNER)), ["ethernet", "ipv4", "ipv4"]],
    ["IPv4 in IPv6", ethernet(ETHERTYPE_IPV6, ipv6(4, INNER)), ["ethernet", "ipv6", "ipv4"]],
  ])("%s: the inner addresses", (_name, frame, encapsulation) => {
    expect(expectInnerSegment(frame).encapsulation).toEqual(encapsulation);
  });

  test("IPv6 in IPv4 (6in4, protocol 41)", () => {
    const segment = expectSegment(decode(ethernet(ETHERTYPE_IPV4, ipv4(41, ipv6(IP_PROTOCOL_TCP, TCP_ACK)))));
    expect([segment.ipVersion, segment.src, segment.encapsulation]).toEqual([
      6,
      "2001:db8::1",
      ["ethernet", "ipv4", "ipv6"],
    ]);
  });

  test("the inner IP length past the outer datagram is noted and the outer end used", () => {
    const segment = expectSegment(decode(ethernet(ETHERTYPE_IPV4, ipv4(4, patched(INNER, 2, 0x01, 0x00)))));
    expect(segment.payloadLength).toBe(5);
    expect(segment.problems?.map((problem) => [problem.id, problem.offset])).toEqual([["ip-length-past-frame", 36]]);
  });

  test("33 headers deep: past the nesting limit, skipped with where the next one starts", () => {
    let packet = INNER;
    for (let i = 0; i < 31; i++) packet = ipv4(4, packet);
    const skip = expectSkipped(decode(ethernet(ETHERTYPE_IPV4, packet)));
    expect(skip).toEqual({
      kind: "skipped",
      reason: "nesting-limit",
      detail: "more than 32 headers before TCP: another starts at byte 634",
    });
  });
});

describe("MPLS", () => {
  const mpls = (...rest: Uint8Array[]) => ethernet(hex("88 47"), ...rest);

  test("labels down to the bottom of the stack, then IPv4 by its first nibble", () => {
    const segment = expectInnerSegment(mpls(hex("00 01 00 40"), MPLS_BOTTOM_LABEL, INNER));
    expect(segment.encapsulation).toEqual(["ethernet", "mpls", "ipv4"]);
  });

  test("IPv6 by its first nibble", () => {
    expect(expectSegment(decode(mpls(MPLS_BOTTOM_LABEL, ipv6(IP_PROTOCOL_TCP, TCP_ACK)))).src).toBe("2001:db8::1");
  });

  test("an Ethernet pseudowire with a control word", () => {
    expect(expectInnerSegment(mpls(MPLS_BOTTOM_LABEL, hex("00 00 00 01"), INNER_ETHERNET)).encapsulation).toEqual([
      "ethernet",
      "mpls",
      "pw-control-word",
      "ethernet",
      "ipv4",
    ]);
  });

  test("an Ethernet pseudowire without one, whose destination MAC starts with a 0 nibble", () => {
    const withoutWord = concat(hex("00 00 0c 11 22 33", "00 1b 54 aa bb cc", "08 00"), INNER);
    expect(expectInnerSegment(mpls(MPLS_BOTTOM_LABEL, withoutWord)).encapsulation).toEqual([
      "ethernet",
      "mpls",
      "ethernet",
      "ipv4",
    ]);
  });

  test.each([
    [
      "1, a pseudowire associated channel",
      "10 00 00 07",
      "MPLS payload at byte 18 starts with nibble 0x1: a pseudowire associated channel (RFC 4385)",
    ],
    [
      "5, nothing this tool reads",
      "50 00 00 00",
      "MPLS payload at byte 18 starts with nibble 0x5: neither IPv4, IPv6 nor an Ethernet pseudowire",
    ],
  ])("a payload starting with nibble %s is skipped", (_name, payload, detail) => {
    expect(expectSkipped(decode(mpls(MPLS_BOTTOM_LABEL, hex(payload))))).toEqual({
      kind: "skipped",
      reason: "not-ip",
      detail,
    });
  });

  test("a stack with no bottom before the packet ends is malformed", () => {
    const damage = expectDamaged(decode(mpls(hex("00 01 00 40", "00 02 00 40"))));
    expect(damage).toMatchObject({ problem: "malformed", layer: "mpls", offset: 22, layers: ["ethernet"] });
  });

  test("17 labels: past the nesting limit", () => {
    const labels = concat(...Array.from({ length: 17 }, () => hex("00 01 00 40")), MPLS_BOTTOM_LABEL, INNER);
    expect(expectSkipped(decode(mpls(labels))).detail).toBe("more than 16 MPLS labels: another starts at byte 78");
  });

  test("MPLS in IP (protocol 137)", () => {
    expectInnerSegment(ethernet(ETHERTYPE_IPV4, ipv4(137, MPLS_BOTTOM_LABEL, INNER)));
  });
});

describe("PPPoE sessions", () => {
  const pppoe = (length: number, ...rest: Uint8Array[]) =>
    ethernet(hex("88 64"), hex("11 00 00 01"), Uint8Array.of(length >> 8, length & 0xff), ...rest);

  test("the PPP protocol field names IPv4; the PPPoE length bounds the packet", () => {
    const segment = expectInnerSegment(pppoe(2 + INNER.length, hex("00 21"), INNER, hex("00 00 00 00")));
    expect(segment.encapsulation).toEqual(["ethernet", "pppoe", "ppp", "ipv4"]);
  });

  test("a compressed protocol field (one odd byte, RFC 1661 §6.5)", () => {
    expectInnerSegment(pppoe(1 + INNER.length, hex("21"), INNER));
  });

  test("PPP's HDLC address and control bytes do not belong in PPPoE: 0xff, odd, is read as a compressed protocol field, and no protocol (Wireshark reads nothing either)", () => {
    expect(expectSkipped(decode(pppoe(4 + INNER.length, hex("ff 03 00 21"), INNER))).detail).toBe(
      "PPP protocol 0x00ff at byte 20",
    );
  });

  test("LCP is skipped by name", () => {
    expect(expectSkipped(decode(pppoe(6, hex("c0 21"), hex("01 01 00 04"))))).toEqual({
      kind: "skipped",
      reason: "not-ip",
      detail: "PPP protocol 0xc021 (LCP) at byte 20",
    });
  });

  test("a length past the frame is noted; one short of the IP header makes that malformed", () => {
    const long = expectInnerSegment(pppoe(0x99, hex("00 21"), INNER));
    expect(long.problems?.map((problem) => problem.id)).toEqual(["encapsulation-length-past-end"]);
    expect(expectDamaged(decode(pppoe(5, hex("00 21"), INNER)))).toMatchObject({
      problem: "malformed",
      layer: "ipv4",
      offset: 22,
      layers: ["ethernet", "pppoe", "ppp"],
    });
  });
});

describe("what the CLI lets a user add", () => {
  test("Geneve on another port too; the standard ports stay", () => {
    const tunnels = udpTunnels({ geneve: [7000] });
    const frame = overUdp(50000, 7000, hex("00 00 08 00", "00 00 64 00"), INNER);
    expect(decodeFrame(frameOf(frame), tunnels).kind).toBe("tcp");
    expect(decodeFrame(frameOf(vxlan()), tunnels).kind).toBe("tcp");
  });

  test("an inner Ethernet frame: its own VLAN tags are read too", () => {
    const tagged = concat(ETHERNET_ADDRESSES, hex("81 00 00 64"), ETHERTYPE_IPV4, INNER);
    expect(expectInnerSegment(overUdp(50000, 4789, VXLAN_HEADER, tagged)).encapsulation).toEqual([
      "ethernet",
      "ipv4",
      "udp",
      "vxlan",
      "ethernet",
      "vlan",
      "ipv4",
    ]);
  });
});
