import { describe, expect, test } from "vitest";
import { linkTypeDescription, linkTypeName } from "../../src/decode/link-types.js";
import {
  concat,
  decode,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ethernet,
  expectDamaged,
  expectSegment,
  expectSkipped,
  hex,
  IP_PROTOCOL_TCP,
  ipv4,
  ipv6,
  TCP_ACK,
} from "./helpers/packets.js";
import { LINKTYPE } from "../../scripts/lib/capture/link.mjs";

const IPV4_TCP = ipv4(IP_PROTOCOL_TCP, TCP_ACK);
const IPV6_TCP = ipv6(IP_PROTOCOL_TCP, TCP_ACK);

describe("Ethernet (LINKTYPE 1)", () => {
  test("IPv4 TCP: every segment field", () => {
    const segment = expectSegment(decode(ethernet(ETHERTYPE_IPV4, IPV4_TCP)));
    // Read one by one: the less-read header facts are getters over one packed field, not own properties.
    const fields = [
      "frame",
      "seconds",
      "nanos",
      "ipVersion",
      "src",
      "dst",
      "srcPort",
      "dstPort",
      "seq",
      "ack",
      "flags",
      "window",
      "urgentPointer",
      "headerLength",
      "payloadLength",
      "truncated",
      "problems",
      "encapsulation",
    ] as const;
    expect(Object.fromEntries(fields.map((field) => [field, segment[field]]))).toStrictEqual({
      frame: 7,
      seconds: 1_700_000_000,
      nanos: 5,
      ipVersion: 4,
      src: "192.168.0.1",
      dst: "192.168.0.2",
      srcPort: 49152,
      dstPort: 80,
      seq: 4275878552,
      ack: 2147483649,
      flags: 0x10,
      window: 256,
      urgentPointer: 0,
      headerLength: 20,
      payloadLength: 0,
      truncated: false,
      problems: undefined,
      encapsulation: undefined,
    });
    // Getters, made when read: the options of a segment without SYN, and the payload view.
    expect(segment.options).toEqual({});
    expect(segment.windowScaleOption).toBeUndefined();
    expect(segment.payload).toEqual(new Uint8Array());
  });

  test("IPv6 TCP", () => {
    const segment = expectSegment(decode(ethernet(ETHERTYPE_IPV6, IPV6_TCP)));
    expect([segment.ipVersion, segment.src, segment.dst, segment.srcPort]).toEqual([
      6,
      "2001:db8::1",
      "2001:db8::2",
      49152,
    ]);
  });

  test("padding after a short datagram is not payload", () => {
    const padded = ethernet(ETHERTYPE_IPV4, IPV4_TCP, hex("00 00 00 00 00 00"));
    const segment = expectSegment(decode(padded));
    expect([segment.payloadLength, segment.payload.length, segment.truncated]).toEqual([0, 0, false]);
  });

  test("ARP is skipped as not IP, with the ethertype named", () => {
    const arp = ethernet(hex("08 06"), hex("00 01 08 00 06 04 00 01"));
    expect(expectSkipped(decode(arp))).toEqual({
      kind: "skipped",
      reason: "not-ip",
      detail: "ethertype 0x0806 (ARP) at byte 14",
    });
  });

  test("an IEEE 802.3 length field is not taken for an ethertype", () => {
    const llc = ethernet(hex("00 26"), hex("42 42 03"), new Uint8Array(35));
    const skip = expectSkipped(decode(llc));
    expect(skip.reason).toBe("not-ip");
    expect(skip.detail).toContain("0x0026 (an IEEE 802.3 length");
  });

  test("a frame shorter than the Ethernet header is damaged at the link layer", () => {
    const damage = expectDamaged(decode(hex("00 11 22 33 44 55 66 77 88 99"), LINKTYPE.ETHERNET, 60));
    expect(damage).toMatchObject({ problem: "truncated", layer: "ethernet", offset: 0, layers: [] });
  });
});

describe("VLAN tags (IEEE 802.1Q, 802.1ad QinQ)", () => {
  // Each tag: tag protocol identifier, then priority/DEI/VLAN id.
  const customerTag100 = hex("81 00", "00 64");
  const serviceTag200 = hex("88 a8", "00 c8");
  const oldServiceTag300 = hex("91 00", "01 2c");

  test.each([
    ["802.1Q", [customerTag100]],
    ["QinQ: 802.1ad over 802.1Q", [serviceTag200, customerTag100]],
    ["QinQ with the pre-standard 0x9100 outer tag", [oldServiceTag300, customerTag100]],
    ["three stacked tags", [serviceTag200, oldServiceTag300, customerTag100]],
  ])("%s", (_name, tags) => {
    const frame = ethernet(...tags, ETHERTYPE_IPV4, IPV4_TCP);
    expect(expectSegment(decode(frame)).srcPort).toBe(49152);
  });

  test("IPv6 behind a tag", () => {
    const frame = ethernet(hex("81 00", "00 64"), ETHERTYPE_IPV6, IPV6_TCP);
    expect(expectSegment(decode(frame)).src).toBe("2001:db8::1");
  });

  test("eight tags are followed, a ninth is not", () => {
    const tags = (count: number) => Array.from({ length: count }, () => hex("81 00", "00 01"));
    expect(decode(ethernet(...tags(8), ETHERTYPE_IPV4, IPV4_TCP)).kind).toBe("tcp");
    const skip = expectSkipped(decode(ethernet(...tags(9), ETHERTYPE_IPV4, IPV4_TCP)));
    expect(skip).toEqual({
      kind: "skipped",
      reason: "nesting-limit",
      detail: "more than 8 VLAN tags: another starts at byte 44",
    });
  });

  test("a tag cut by the snap length keeps the layers before it", () => {
    const frame = ethernet(hex("88 a8", "00 c8"), hex("81 00", "00"));
    const damage = expectDamaged(decode(frame, LINKTYPE.ETHERNET, 100));
    expect(damage).toMatchObject({ problem: "truncated", layer: "vlan", offset: 18, layers: ["ethernet", "vlan"] });
  });
});

describe("Linux cooked captures", () => {
  test("SLL (LINKTYPE 113): protocol at byte 14", () => {
    const header = hex(
      "00 00", // packet type: to us
      "03 04", // ARPHRD_LOOPBACK (772)
      "00 06", // address length 6
      "00 00 00 00 00 00 00 00", // address, padded to 8
      "08 00", // protocol: IPv4
    );
    const segment = expectSegment(decode(concat(header, IPV4_TCP), LINKTYPE.LINUX_SLL));
    expect(segment.dst).toBe("192.168.0.2");
  });

  test("SLL2 (LINKTYPE 276): protocol first", () => {
    const header = hex(
      "86 dd", // protocol: IPv6
      "00 00", // reserved
      "00 00 00 01", // interface index 1
      "03 04", // ARPHRD_LOOPBACK (772)
      "00", // packet type: to us
      "06", // address length 6
      "00 00 00 00 00 00 00 00", // address, padded to 8
    );
    const segment = expectSegment(decode(concat(header, IPV6_TCP), LINKTYPE.LINUX_SLL2));
    expect(segment.dst).toBe("2001:db8::2");
  });

  test("an SLL protocol below 0x0600 (Linux ETH_P_802_2) is not IP", () => {
    const header = hex("00 00", "03 04", "00 06", "00 00 00 00 00 00 00 00", "00 04");
    expect(expectSkipped(decode(concat(header, IPV4_TCP), LINKTYPE.LINUX_SLL)).reason).toBe("not-ip");
  });

  test("SLL2 header cut short", () => {
    const damage = expectDamaged(decode(hex("08 00 00 00 00 00 00 01"), LINKTYPE.LINUX_SLL2, 80));
    expect(damage).toMatchObject({ problem: "truncated", layer: "sll2", offset: 0, layers: [] });
  });
});

describe("BSD loopback (NULL 0, LOOP 108)", () => {
  test.each([
    ["AF_INET little-endian (x86 host)", "02 00 00 00", IPV4_TCP],
    ["AF_INET big-endian (PowerPC, SPARC host)", "00 00 00 02", IPV4_TCP],
    ["AF_INET6 24 (NetBSD, OpenBSD)", "18 00 00 00", IPV6_TCP],
    ["AF_INET6 28 (FreeBSD)", "1c 00 00 00", IPV6_TCP],
    ["AF_INET6 30 (macOS)", "1e 00 00 00", IPV6_TCP],
    ["AF_INET6 30 big-endian", "00 00 00 1e", IPV6_TCP],
  ])("NULL: %s", (_name, family, packet) => {
    expect(expectSegment(decode(concat(hex(family), packet), LINKTYPE.NULL)).srcPort).toBe(49152);
  });

  test("NULL: an unknown family is not IP", () => {
    const skip = expectSkipped(decode(concat(hex("07 00 00 00"), IPV4_TCP), LINKTYPE.NULL));
    expect(skip.detail).toBe("loopback address family 7 at byte 0 is neither AF_INET (2) nor AF_INET6 (24, 28, 30)");
  });

  test("LOOP: network byte order", () => {
    expect(expectSegment(decode(concat(hex("00 00 00 02"), IPV4_TCP), LINKTYPE.LOOP)).ipVersion).toBe(4);
    expect(expectSegment(decode(concat(hex("00 00 00 18"), IPV6_TCP), LINKTYPE.LOOP)).ipVersion).toBe(6);
  });

  test("LOOP: a little-endian family is not guessed at", () => {
    expect(expectSkipped(decode(concat(hex("02 00 00 00"), IPV4_TCP), LINKTYPE.LOOP)).reason).toBe("not-ip");
  });
});

describe("raw IP", () => {
  test.each([101, 12, 14])("LINKTYPE %i: the version nibble picks IPv4 or IPv6", (linkType) => {
    expect(expectSegment(decode(IPV4_TCP, linkType)).ipVersion).toBe(4);
    expect(expectSegment(decode(IPV6_TCP, linkType)).ipVersion).toBe(6);
  });

  test("RAW: another version is not IP", () => {
    const skip = expectSkipped(decode(concat(hex("50"), IPV4_TCP.subarray(1)), LINKTYPE.RAW));
    expect(skip.detail).toBe("raw IP frame with version 5 at byte 0, neither 4 nor 6");
  });

  test("RAW: an empty frame is malformed", () => {
    expect(expectDamaged(decode(new Uint8Array(), LINKTYPE.RAW))).toMatchObject({
      problem: "malformed",
      layer: "raw-ip",
      layers: [],
    });
  });

  test("IPV4 (228) and IPV6 (229)", () => {
    expect(expectSegment(decode(IPV4_TCP, LINKTYPE.IPV4)).ipVersion).toBe(4);
    expect(expectSegment(decode(IPV6_TCP, LINKTYPE.IPV6)).ipVersion).toBe(6);
  });

  test("IPV4 (228) holding an IPv6 packet is malformed", () => {
    const damage = expectDamaged(decode(IPV6_TCP, LINKTYPE.IPV4));
    expect(damage).toMatchObject({
      problem: "malformed",
      layer: "ipv4",
      offset: 0,
      message: "IPv4 header at byte 0 has version 6",
      layers: ["raw-ip"],
    });
  });
});

describe("link types", () => {
  test("an unsupported link type is skipped", () => {
    expect(decode(IPV4_TCP, 147)).toEqual({
      kind: "skipped",
      reason: "unsupported-link-type",
      detail: "link type 147 is not one this tool decodes",
    });
  });

  test.each([
    [0, "NULL", "NULL (BSD loopback)"],
    [1, "EN10MB", "EN10MB (Ethernet)"],
    [12, "RAW", "RAW (Raw IP)"],
    [14, "RAW", "RAW (Raw IP)"],
    [101, "RAW", "RAW (Raw IP)"],
    [108, "LOOP", "LOOP (OpenBSD loopback)"],
    [113, "LINUX_SLL", "LINUX_SLL (Linux cooked v1)"],
    [228, "IPV4", "IPV4 (Raw IPv4)"],
    [229, "IPV6", "IPV6 (Raw IPv6)"],
    [276, "LINUX_SLL2", "LINUX_SLL2 (Linux cooked v2)"],
    [7, "ARCNET", "ARCNET (BSD ARCNET)"],
    [9, "PPP", "PPP (PPP)"],
    [50, "PPP_SERIAL", "PPP_SERIAL (PPP over serial)"],
    [104, "C_HDLC", "C_HDLC (Cisco HDLC)"],
    [105, "IEEE802_11", "IEEE802_11 (802.11)"],
    [119, "PRISM_HEADER", "PRISM_HEADER (802.11 plus Prism header)"],
    [127, "IEEE802_11_RADIO", "IEEE802_11_RADIO (802.11 plus radiotap header)"],
    [129, "ARCNET_LINUX", "ARCNET_LINUX (Linux ARCNET)"],
    [163, "IEEE802_11_RADIO_AVS", "IEEE802_11_RADIO_AVS (802.11 plus AVS radio information header)"],
    [178, "JUNIPER_ETHER", "JUNIPER_ETHER (Juniper Ethernet)"],
    [242, "IPOIB", "IPOIB (RFC 4391 IP-over-Infiniband)"],
    [147, "147", "147"],
  ])("linkTypeName(%i) is tcpdump's %s", (linkType, name, description) => {
    expect(linkTypeName(linkType)).toBe(name);
    expect(linkTypeDescription(linkType)).toBe(description);
  });
});
