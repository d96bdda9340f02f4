import { describe, expect, test } from "vitest";
import { TcpFlag } from "../../src/decode/segment.js";
import {
  decode,
  ETHERTYPE_IPV4,
  ethernet,
  expectDamaged,
  expectSegment,
  hex,
  IP_PROTOCOL_TCP,
  ipv4,
  patched,
  TCP_ACK,
  TCP_SYN,
} from "./helpers/packets.js";

const PAYLOAD = hex("68 65 6c 6c 6f 2c 20 77 6f 72 6c 64"); // "hello, world"
const withTcp = (...tcp: Uint8Array[]) => ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, ...tcp));
/** TCP header at byte 34 (Ethernet 14 + IPv4 20); its flags byte at 47. */
const TCP = 34;
const FRAME = withTcp(TCP_ACK, PAYLOAD);

describe("TCP header (RFC 9293 §3.1)", () => {
  test("ports, unsigned sequence and acknowledgment numbers, window, urgent pointer", () => {
    const frame = patched(FRAME, TCP + 18, 0x00, 0x07); // urgent pointer 7
    const segment = expectSegment(decode(frame));
    expect(segment).toMatchObject({
      srcPort: 49152,
      dstPort: 80,
      seq: 0xfedcba98,
      ack: 0x80000001,
      window: 256,
      urgentPointer: 7,
    });
  });

  test("sequence and acknowledgment 0xffffffff stay unsigned", () => {
    const frame = patched(FRAME, TCP + 4, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
    expect(expectSegment(decode(frame))).toMatchObject({ seq: 4294967295, ack: 4294967295 });
  });

  test.each([
    ["50 01", TcpFlag.FIN],
    ["50 02", TcpFlag.SYN],
    ["50 04", TcpFlag.RST],
    ["50 08", TcpFlag.PSH],
    ["50 10", TcpFlag.ACK],
    ["50 20", TcpFlag.URG],
    ["50 40", TcpFlag.ECE],
    ["50 80", TcpFlag.CWR],
    ["51 00", TcpFlag.AE],
    ["51 ff", 0x1ff],
    ["5e 12", TcpFlag.SYN | TcpFlag.ACK], // the three reserved bits are not flags
  ])("data offset and flags bytes %s", (bytes, flags) => {
    const frame = patched(FRAME, TCP + 12, ...hex(bytes));
    expect(expectSegment(decode(frame)).flags).toBe(flags);
  });

  test("payload: length from the IP length, bytes as a view into the frame (zero copy)", () => {
    const frame = FRAME.slice();
    const segment = expectSegment(decode(frame));
    expect([segment.headerLength, segment.payloadLength, new TextDecoder().decode(segment.payload)]).toEqual([
      20,
      12,
      "hello, world",
    ]);
    expect(segment.payload.buffer).toBe(frame.buffer);
    expect(segment.payload.byteOffset).toBe(54);
  });

  test("payload cut by the snap length: full tcp.len, the captured part, truncated", () => {
    const segment = expectSegment(decode(FRAME.subarray(0, 59), 1, FRAME.length));
    expect([segment.payloadLength, new TextDecoder().decode(segment.payload), segment.truncated]).toEqual([
      12,
      "hello",
      true,
    ]);
  });

  test("options cut by the snap length: the options before the cut, truncated", () => {
    const frame = withTcp(TCP_SYN);
    const segment = expectSegment(decode(frame.subarray(0, TCP + 27), 1, frame.length)); // MSS and SACK-permitted, then 1 byte of timestamps
    expect(segment.options).toEqual({ mss: 1460, sackPermitted: true });
    expect([
      segment.headerLength,
      segment.payloadLength,
      segment.payload.length,
      segment.truncated,
      segment.problems,
    ]).toEqual([40, 0, 0, true, undefined]);
  });

  test("the fixed header cut by the snap length is truncated, with the layers before it", () => {
    const damage = expectDamaged(decode(FRAME.subarray(0, TCP + 13), 1, FRAME.length));
    expect(damage).toEqual({
      kind: "damaged",
      problem: "truncated",
      layer: "tcp",
      offset: 34,
      message: "TCP header needs 20 bytes at byte 34, but the capture holds only 13 there (cut by the snap length)",
      layers: ["ethernet", "ipv4"],
    });
  });
});

describe("TCP data offset damage", () => {
  test.each([
    [0x30, "TCP data offset 3 (12 bytes) is below the 20-byte minimum at byte 34"],
    [0x00, "TCP data offset 0 (0 bytes) is below the 20-byte minimum at byte 34"],
    [0x40, "TCP data offset 4 (16 bytes) is below the 20-byte minimum at byte 34"],
  ])("data offset byte %i is malformed", (byte, message) => {
    const damage = expectDamaged(decode(patched(FRAME, TCP + 12, byte)));
    expect(damage).toEqual({
      kind: "damaged",
      problem: "malformed",
      layer: "tcp",
      offset: 34,
      message,
      layers: ["ethernet", "ipv4"],
    });
  });

  test("a header longer than the IP payload is malformed, even when the snap length also cut it", () => {
    const frame = patched(withTcp(TCP_ACK), TCP + 12, 0xf0); // data offset 15: 60 bytes, in a 20-byte IP payload
    const expected = "TCP data offset 15 (60 bytes) at byte 34 runs past the end of the IP payload (20 bytes)";
    expect(expectDamaged(decode(frame)).message).toBe(expected);
    expect(expectDamaged(decode(frame.subarray(0, TCP + 20), 1, frame.length + 100))).toMatchObject({
      problem: "malformed",
      message: expected,
    });
  });
});
