import { describe, expect, test } from "vitest";
import {
  concat,
  decode,
  ETHERTYPE_IPV4,
  ethernet,
  expectDamaged,
  expectSegment,
  expectSkipped,
  hex,
  IP_PROTOCOL_TCP,
  ipv4,
  patched,
  TCP_ACK,
  wlanData,
} from "./helpers/packets.js";
import { LINKTYPE } from "../../scripts/lib/capture/link.mjs";

const PAYLOAD = hex("68 65 6c 6c 6f");
const IPV4_TCP = ipv4(IP_PROTOCOL_TCP, TCP_ACK, PAYLOAD);

function expectTcp(data: Uint8Array, linkType: number, origLen = data.length) {
  const segment = expectSegment(decode(data, linkType, origLen));
  expect([segment.src, segment.srcPort, segment.payloadLength]).toEqual(["192.168.0.1", 49152, 5]);
  return segment;
}

describe("PPP (9), PPP in HDLC framing (50), Cisco HDLC (104)", () => {
  test.each([
    ["address and control, then the protocol", "ff 03 00 21"],
    ["address and control compressed away", "00 21"],
    ["the protocol field compressed too", "21"],
  ])("PPP: %s", (_name, header) => {
    expectTcp(concat(hex(header), IPV4_TCP), LINKTYPE.PPP);
    expectTcp(concat(hex(header), IPV4_TCP), LINKTYPE.PPP_HDLC);
  });

  test("a Cisco HDLC frame under a PPP link type is read as Cisco HDLC (as Wireshark tells them)", () => {
    expectTcp(concat(hex("0f 00 08 00"), IPV4_TCP), LINKTYPE.PPP);
  });

  test("Cisco HDLC: the protocol is an ethertype", () => {
    expectTcp(concat(hex("8f 00 08 00"), IPV4_TCP), LINKTYPE.C_HDLC);
    expect(expectSkipped(decode(concat(hex("0f 00 80 35"), new Uint8Array(20)), LINKTYPE.C_HDLC)).detail).toBe(
      "ethertype 0x8035 (RARP) at byte 4",
    );
  });

  test("LCP and IPCP are skipped by name", () => {
    expect(expectSkipped(decode(hex("ff 03 80 21 01 01 00 04"), LINKTYPE.PPP)).detail).toBe(
      "PPP protocol 0x8021 (IPCP) at byte 2",
    );
  });

  test("a lone address byte is truncated by the snap length, or malformed when the frame ends there", () => {
    expect(expectDamaged(decode(hex("ff"), LINKTYPE.PPP, 50))).toMatchObject({
      problem: "truncated",
      layer: "ppp",
      offset: 0,
      layers: [],
    });
    expect(expectDamaged(decode(hex("ff"), LINKTYPE.PPP))).toMatchObject({
      problem: "malformed",
      layer: "ppp",
      offset: 0,
    });
  });
});

describe("JUNIPER_ETHER (178)", () => {
  test("the magic and flags, then Ethernet", () => {
    expect(
      expectTcp(concat(hex("4d 47 43 01"), ethernet(ETHERTYPE_IPV4, IPV4_TCP)), LINKTYPE.JUNIPER_ETHER).encapsulation,
    ).toBeUndefined();
  });

  test("extensions are stepped over by their total length", () => {
    expectTcp(
      concat(hex("4d 47 43 80", "00 04", "01 02 00 07"), ethernet(ETHERTYPE_IPV4, IPV4_TCP)),
      LINKTYPE.JUNIPER_ETHER,
    );
  });

  test("without a layer-2 header: a little-endian protocol number, 2 for IPv4", () => {
    expectTcp(concat(hex("4d 47 43 02", "02 00 00 00"), IPV4_TCP), LINKTYPE.JUNIPER_ETHER);
    expect(
      expectSkipped(decode(concat(hex("4d 47 43 02", "05 00 00 00"), IPV4_TCP), LINKTYPE.JUNIPER_ETHER)).detail,
    ).toBe("Juniper protocol 5 at byte 4 is neither IPv4 (2) nor IPv6 (6)");
  });

  test("no magic: not a Juniper header, skipped", () => {
    expect(
      expectSkipped(decode(concat(hex("4d 47 44 00"), ethernet(ETHERTYPE_IPV4, IPV4_TCP)), LINKTYPE.JUNIPER_ETHER)),
    ).toEqual({
      kind: "skipped",
      reason: "not-ip",
      detail: 'Juniper header at byte 0 lacks the magic "MGC"',
    });
  });

  test("extensions longer than the frame are malformed", () => {
    const damage = expectDamaged(
      decode(concat(hex("4d 47 43 80", "01 00"), ethernet(ETHERTYPE_IPV4, IPV4_TCP)), LINKTYPE.JUNIPER_ETHER),
    );
    expect(damage).toMatchObject({ problem: "malformed", layer: "juniper", offset: 0 });
  });
});

describe("IPOIB (242) and ARCNET (7, 129)", () => {
  test("IP over InfiniBand: a 40-byte pseudo-header, then the ethertype (as Wireshark 4.0 reads it)", () => {
    expectTcp(concat(new Uint8Array(40), hex("08 00 00 00"), IPV4_TCP), LINKTYPE.IPOIB);
    expect(
      expectDamaged(decode(concat(hex("08 00 00 00"), IPV4_TCP).subarray(0, 30), LINKTYPE.IPOIB, 100)),
    ).toMatchObject({ problem: "truncated", layer: "ipoib" });
  });

  test.each([
    ["Linux, RFC 1201 (split flag and sequence number)", LINKTYPE.ARCNET_LINUX, "01 02 00 00 d4 00 00 01"],
    ["Linux, RFC 1051 (neither)", LINKTYPE.ARCNET_LINUX, "01 02 00 00 f0"],
    ["BSD, RFC 1201", LINKTYPE.ARCNET_BSD, "01 02 d4 00 00 01"],
    ["BSD, an exception frame", LINKTYPE.ARCNET_BSD, "01 02 d4 ff ff ff d4 00 00 01"],
  ])("ARCNET %s", (_name, linkType, header) => {
    expectTcp(concat(hex(header), IPV4_TCP), linkType);
  });

  test("ARCNET on Linux has no exception frames: a split flag of 0xff is just a split flag", () => {
    expect(decode(concat(hex("01 02 00 00 d4 ff ff ff d4 00 00 01"), IPV4_TCP), LINKTYPE.ARCNET_LINUX).kind).not.toBe(
      "tcp",
    );
  });

  test("another ARCNET protocol is skipped by its id", () => {
    expect(expectSkipped(decode(hex("01 02 00 00 d5 00 00 01 00 01"), LINKTYPE.ARCNET_LINUX)).detail).toBe(
      "ARCNET protocol id 0xd5 at byte 4",
    );
  });
});

describe("IEEE 802.11 (105) and its radio headers", () => {
  const data = wlanData(hex("08 00"), IPV4_TCP);

  test("a data frame to the access point, LLC/SNAP, IPv4", () => {
    expect(expectTcp(data, LINKTYPE.IEEE802_11).encapsulation).toBeUndefined();
  });

  test("four addresses, QoS control and HT control make a 36-byte header", () => {
    const header = hex(
      "88 83 00 00",
      "00 11 22 33 44 55 66 77 88 99 aa bb 00 11 22 33 44 66",
      "10 00",
      "00 11 22 33 44 77",
      "00 00",
      "00 00 00 00",
    );
    expectTcp(concat(header, hex("aa aa 03 00 00 00 08 00"), IPV4_TCP), LINKTYPE.IEEE802_11);
  });

  test.each([
    ["a beacon (management)", patched(data, 0, 0x80), "not-ip", "802.11 management frame (subtype 8) at byte 0"],
    ["an ACK (control)", hex("d4 00 00 00 00 11 22 33 44 55"), "not-ip", "802.11 control frame (subtype 13) at byte 0"],
    ["null data", patched(data, 0, 0x48), "not-ip", "802.11 data frame without a body (subtype 4) at byte 0"],
    [
      "a protected frame",
      patched(data, 1, 0x41),
      "encrypted",
      "802.11 data frame at byte 0 is protected: its body is encrypted",
    ],
    ["a first fragment", patched(data, 1, 0x05), "link-fragment", "802.11 fragment 0 at byte 0 (not reassembled)"],
    ["a later fragment", patched(data, 22, 0x12), "link-fragment", "802.11 fragment 2 at byte 0 (not reassembled)"],
  ])("%s is skipped", (_name, frame, reason, detail) => {
    expect(expectSkipped(decode(frame, LINKTYPE.IEEE802_11))).toEqual({ kind: "skipped", reason, detail });
  });

  test("an aggregate (A-MSDU) is skipped, not split", () => {
    const qosAmsdu = hex("88 01 00 00", "00 11 22 33 44 55 66 77 88 99 aa bb 00 11 22 33 44 66", "10 00", "80 00");
    expect(expectSkipped(decode(concat(qosAmsdu, new Uint8Array(40)), LINKTYPE.IEEE802_11)).reason).toBe("aggregated");
  });

  test("LLC without SNAP, or SNAP with an organization code that names no ethertype, is skipped", () => {
    expect(expectSkipped(decode(patched(data, 24, 0x42, 0x42), LINKTYPE.IEEE802_11)).detail).toBe(
      "LLC frame at byte 24 with DSAP 0x42 and SSAP 0x42, not SNAP",
    );
    expect(expectSkipped(decode(patched(data, 27, 0x00, 0x00, 0x0c), LINKTYPE.IEEE802_11)).detail).toBe(
      "SNAP header at byte 24 with organization code 0x00000c, which names no ethertype",
    );
  });

  test("radiotap with TSFT and flags: an FCS at the end is not payload, even when the IP length is 0", () => {
    const radiotap = hex("00 00 14 00", "03 00 00 00", "00 00 00 00 00 00 00 00", "10", "00 00 00");
    const segment = expectTcp(
      concat(radiotap, patched(data, 34, 0, 0), hex("de ad be ef")),
      LINKTYPE.IEEE802_11_RADIOTAP,
    );
    expect(segment.problems?.map((problem) => problem.id)).toEqual(["ip-length-zero"]);
  });

  test("radiotap's data pad flag: the 802.11 header is padded to 4 bytes", () => {
    const radiotap = hex("00 00 09 00", "02 00 00 00", "20");
    const qos = hex("88 01 00 00", "00 11 22 33 44 55 66 77 88 99 aa bb 00 11 22 33 44 66", "10 00", "00 00");
    expectTcp(
      concat(radiotap, qos, hex("00 00"), hex("aa aa 03 00 00 00 08 00"), IPV4_TCP),
      LINKTYPE.IEEE802_11_RADIOTAP,
    );
  });

  test("radiotap's data pad past the frame's end: the 802.11 header is damaged, inside the frame", () => {
    const radiotap = hex("00 00 09 00", "02 00 00 00", "20");
    const qos = hex("88 01 00 00", "00 11 22 33 44 55 66 77 88 99 aa bb 00 11 22 33 44 66", "10 00", "00 00");
    expect(expectDamaged(decode(concat(radiotap, qos), LINKTYPE.IEEE802_11_RADIOTAP))).toMatchObject({
      layer: "wlan",
      offset: 9,
      message: "802.11 data frame header needs 28 bytes at byte 9, but the packet has only 26 there",
    });
  });

  test("radiotap with a second presence bitmap: the flags come after it", () => {
    const radiotap = hex("00 00 0d 00", "02 00 00 80", "00 00 00 00", "00");
    expectTcp(concat(radiotap, data), LINKTYPE.IEEE802_11_RADIOTAP);
  });

  test("a radiotap length with no room for the Flags field after TSFT: the damage is the length field, inside the frame", () => {
    const radiotap = hex("00 00 14 00", "03 00 00 80", "00 00 00 00", "00 00 00 00 00 00 00 00");
    expect(expectDamaged(decode(radiotap, LINKTYPE.IEEE802_11_RADIOTAP))).toMatchObject({
      offset: 2,
      message: "radiotap length 20 at byte 2 leaves no room for the Flags field at byte 24",
    });
  });

  test("a radiotap length below its own 8 bytes is malformed", () => {
    expect(
      expectDamaged(decode(concat(hex("00 00 04 00 00 00 00 00"), data), LINKTYPE.IEEE802_11_RADIOTAP)),
    ).toMatchObject({
      problem: "malformed",
      layer: "radiotap",
      message: "radiotap length 4 at byte 2 is below the 8-byte fixed header",
    });
  });

  test("Prism in either byte order, and an AVS header under the Prism link type", () => {
    const prismLittle = concat(hex("41 00 00 00", "90 00 00 00"), new Uint8Array(136));
    const prismBig = concat(hex("00 00 00 41", "00 00 00 90"), new Uint8Array(136));
    const avs = concat(hex("80 21 10 01", "00 00 00 40"), new Uint8Array(56));
    expectTcp(concat(prismLittle, data), LINKTYPE.IEEE802_11_PRISM);
    expectTcp(concat(prismBig, data), LINKTYPE.IEEE802_11_PRISM);
    expectTcp(concat(avs, data), LINKTYPE.IEEE802_11_PRISM);
    expectTcp(concat(avs, data), LINKTYPE.IEEE802_11_AVS);
  });

  test("a Prism header length below its own fields is malformed", () => {
    expect(
      expectDamaged(decode(concat(hex("41 00 00 00", "04 00 00 00"), data), LINKTYPE.IEEE802_11_PRISM)),
    ).toMatchObject({ problem: "malformed", layer: "prism", offset: 0 });
  });
});
