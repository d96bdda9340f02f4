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
} from "./helpers/packets.js";

const PAYLOAD = hex("68 65 6c 6c 6f"); // "hello"
/** Ethernet + IPv4 + TCP_ACK + 5 bytes of data: the IPv4 header is at byte 14, TCP at 34. */
const FRAME = ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, TCP_ACK, PAYLOAD));
const IP = 14;

describe("IPv4 header (RFC 791 §3.1)", () => {
  test("payload length is total length minus both headers", () => {
    const segment = expectSegment(decode(FRAME));
    expect([segment.payloadLength, new TextDecoder().decode(segment.payload)]).toEqual([5, "hello"]);
  });

  test("options: IHL 6 with Router Alert, TCP after them", () => {
    const header = hex(
      "46", // version 4, IHL 6 (24 bytes)
      "00", // DSCP, ECN
      "00 31", // total length 49 = 24 + 20 + 5
      "12 34", // identification
      "00 00", // no flags, fragment offset 0
      "01", // TTL 1
      "06", // protocol TCP
      "00 00", // checksum
      "0a 00 00 01", // source 10.0.0.1
      "e0 00 00 16", // destination 224.0.0.22
      "94 04 00 00", // option: Router Alert (RFC 2113)
    );
    const segment = expectSegment(decode(ethernet(ETHERTYPE_IPV4, header, TCP_ACK, PAYLOAD)));
    expect([segment.src, segment.dst, segment.srcPort, segment.payloadLength]).toEqual([
      "10.0.0.1",
      "224.0.0.22",
      49152,
      5,
    ]);
  });

  test("options: IHL 15, the 60-byte maximum, padded with NOPs and End of Option List", () => {
    const header = concat(
      hex("4f", "00", "00 55", "00 01", "00 00", "40", "06", "00 00", "0a 00 00 01", "0a 00 00 02"), // IHL 15, total 85 = 60 + 20 + 5
      new Uint8Array(39).fill(0x01), // 39 NOP options
      hex("00"), // End of Option List
    );
    const segment = expectSegment(decode(ethernet(ETHERTYPE_IPV4, header, TCP_ACK, PAYLOAD)));
    expect([segment.srcPort, segment.payloadLength]).toEqual([49152, 5]);
  });

  test("options cut by the snap length: truncated in the IPv4 layer", () => {
    const header = hex(
      "46",
      "00",
      "00 31",
      "12 34",
      "00 00",
      "01",
      "06",
      "00 00",
      "0a 00 00 01",
      "e0 00 00 16",
      "94 04",
    );
    const damage = expectDamaged(decode(ethernet(ETHERTYPE_IPV4, header), 1, 63));
    expect(damage).toEqual({
      kind: "damaged",
      problem: "truncated",
      layer: "ipv4",
      offset: 14,
      message:
        "IPv4 header with options needs 24 bytes at byte 14, but the capture holds only 22 there (cut by the snap length)",
      layers: ["ethernet"],
    });
  });

  test("IHL below 5 is malformed", () => {
    const damage = expectDamaged(decode(patched(FRAME, IP, 0x44)));
    expect(damage).toMatchObject({ problem: "malformed", layer: "ipv4", offset: 14, layers: ["ethernet"] });
    expect(damage.message).toBe("IPv4 header length 4 (16 bytes) is below the 20-byte minimum at byte 14");
  });

  test("a total length smaller than the header is malformed", () => {
    const damage = expectDamaged(decode(patched(FRAME, IP + 2, 0x00, 0x0a)));
    expect(damage.message).toBe("IPv4 total length 10 is smaller than the 20-byte header at byte 14");
    expect(damage.problem).toBe("malformed");
  });

  test("a version other than 4 under ethertype 0x0800 is malformed", () => {
    expect(expectDamaged(decode(patched(FRAME, IP, 0x65))).message).toBe("IPv4 header at byte 14 has version 6");
  });

  test("a frame too short on the wire for the header is malformed, not truncated", () => {
    const damage = expectDamaged(decode(FRAME.subarray(0, 30)));
    expect(damage).toMatchObject({
      problem: "malformed",
      layer: "ipv4",
      message: "IPv4 header needs 20 bytes at byte 14, but the packet has only 16 there",
    });
  });
});

describe("IPv4 lengths as Wireshark takes them", () => {
  test("total length 0 (segmentation offload): the frame's length on the wire, with a note", () => {
    const segment = expectSegment(decode(patched(FRAME, IP + 2, 0, 0)));
    expect(segment.payloadLength).toBe(5);
    expect(segment.problems).toEqual([
      {
        id: "ip-length-zero",
        offset: 16,
        message:
          "IPv4 total length is 0 at byte 16 (segmentation offload); using the frame's 45 bytes on the wire from byte 14",
      },
    ]);
  });

  test("total length 0 in a frame the snap length cut: still the wire length, as tshark's ip.len", () => {
    const cut = patched(FRAME, IP + 2, 0, 0).subarray(0, 54);
    const segment = expectSegment(decode(cut, 1, 14 + 20 + 20 + 1500));
    expect([segment.payloadLength, segment.payload.length, segment.truncated]).toEqual([1500, 0, true]);
  });

  test("a total length past the frame: the frame's end, with a note", () => {
    const segment = expectSegment(decode(patched(FRAME, IP + 2, 0x01, 0x2c)));
    expect(segment.payloadLength).toBe(5);
    expect(segment.truncated).toBe(false);
    expect(segment.problems).toEqual([
      {
        id: "ip-length-past-frame",
        offset: 16,
        message:
          "IPv4 total length 300 at byte 16 puts the end at byte 314, past the frame's 59 bytes on the wire; using the frame's end",
      },
    ]);
  });

  test("a total length past a frame cut by the snap length is no problem: the wire length covers it", () => {
    const segment = expectSegment(decode(FRAME.subarray(0, 54), 1, FRAME.length));
    expect([segment.payloadLength, segment.truncated, segment.problems]).toEqual([5, true, undefined]);
  });

  test("a total length shorter than the TCP header needs: malformed TCP", () => {
    const damage = expectDamaged(decode(patched(FRAME, IP + 2, 0x00, 0x1e)));
    expect(damage).toMatchObject({ problem: "malformed", layer: "tcp", offset: 34, layers: ["ethernet", "ipv4"] });
    expect(damage.message).toBe("TCP header needs 20 bytes at byte 34, but the packet has only 10 there");
  });
});

describe("IPv4 fragments are reported, not reassembled", () => {
  test("first fragment (more fragments, offset 0)", () => {
    const skip = expectSkipped(decode(patched(FRAME, IP + 6, 0x20, 0x00)));
    expect(skip).toEqual({
      kind: "skipped",
      reason: "ip-fragment",
      detail: "IPv4 fragment at byte 14: id 0x1234, offset 0, more fragments follow (not reassembled)",
    });
  });

  test("last fragment (offset 185 units = 1480 bytes)", () => {
    const skip = expectSkipped(decode(patched(FRAME, IP + 6, 0x00, 0xb9)));
    expect(skip.detail).toBe("IPv4 fragment at byte 14: id 0x1234, offset 1480, the last one (not reassembled)");
  });

  test("don't-fragment alone is a whole packet", () => {
    expect(decode(patched(FRAME, IP + 6, 0x40, 0x00)).kind).toBe("tcp");
  });
});

describe("what follows IPv4", () => {
  test.each([
    [17, "not-tcp", "UDP from port 49152 to port 80 at byte 34, not a tunnel port"],
    [1, "not-tcp", "IP protocol 1 (ICMP) at byte 34"],
    [253, "not-tcp", "IP protocol 253 at byte 34"],
    [50, "esp", "ESP (IP protocol 50) at byte 34: what follows is encrypted"],
  ])("protocol %i is skipped", (protocol, reason, detail) => {
    expect(decode(patched(FRAME, IP + 9, protocol))).toEqual({ kind: "skipped", reason, detail });
  });

  test("AH (RFC 4302) is read through to TCP", () => {
    const authenticationHeader = hex(
      "06", // next header TCP
      "04", // payload length 4: (4 + 2) * 4 = 24 bytes
      "00 00", // reserved
      "00 00 10 01", // SPI
      "00 00 00 01", // sequence number
      "00 11 22 33 44 55 66 77 88 99 aa bb", // ICV (96 bits)
    );
    const segment = expectSegment(decode(ethernet(ETHERTYPE_IPV4, ipv4(51, authenticationHeader, TCP_ACK, PAYLOAD))));
    expect([segment.srcPort, segment.payloadLength]).toEqual([49152, 5]);
  });

  test("IPv6 extension headers other than AH are not followed after IPv4", () => {
    const hopByHop = hex("06 00 00 00 00 00 00 00");
    expect(expectSkipped(decode(ethernet(ETHERTYPE_IPV4, ipv4(0, hopByHop, TCP_ACK)))).reason).toBe("not-tcp");
  });
});
