import { describe, expect, test } from "vitest";
import { FrameDecoder } from "../../src/decode/decode.js";
import type { Segment } from "../../src/decode/segment.js";
import {
  decode,
  ETHERTYPE_IPV4,
  ethernet,
  expectSegment,
  frameOf,
  hex,
  IP_PROTOCOL_TCP,
  ipv4,
  TCP_SYN,
  tcpWithOptions,
} from "./helpers/packets.js";

/** Options start at byte 54: Ethernet 14, IPv4 20, the fixed TCP header 20. */
const OPTIONS = 54;

function withOptions(...fields: string[]): Segment {
  return expectSegment(decode(ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, tcpWithOptions(hex(...fields))))));
}

describe("TCP options (RFC 9293 §3.2)", () => {
  test("Linux SYN: MSS, SACK permitted, timestamps, NOP, window scale", () => {
    const segment = withOptions(
      "02 04 ff d7", // MSS 65495
      "04 02", // SACK permitted (RFC 2018)
      "08 0a 6b e3 56 72 00 00 00 00", // timestamps (RFC 7323): value 1810060914, echo 0
      "01", // NOP
      "03 03 0a", // window scale 10 (RFC 7323)
    );
    expect(segment.options).toEqual({
      mss: 65495,
      sackPermitted: true,
      timestamp: { value: 1810060914, echo: 0 },
      windowScale: 10,
    });
    expect(segment.headerLength).toBe(40);
  });

  test("timestamps with bit 31 set stay unsigned", () => {
    expect(withOptions("01 01", "08 0a ff ff ff fe 80 00 00 00").options.timestamp).toEqual({
      value: 4294967294,
      echo: 2147483648,
    });
  });

  test.each([1, 2, 3, 4])("SACK with %i block(s) (RFC 2018 §3)", (count) => {
    const blocks = Array.from(
      { length: count },
      (_, i) =>
        `0000 00${(i * 2 + 1).toString(16).padStart(2, "0")} 0000 00${(i * 2 + 2).toString(16).padStart(2, "0")}`,
    );
    const segment = withOptions("01 01", `05 ${(2 + 8 * count).toString(16).padStart(2, "0")}`, ...blocks);
    expect(segment.options.sack).toEqual(
      Array.from({ length: count }, (_, i) => ({ left: i * 2 + 1, right: i * 2 + 2 })),
    );
  });

  test("window scale above 14 is kept as sent (RFC 7323 §2.3 clamping is the reader's business)", () => {
    expect(withOptions("03 03 0f", "00").options.windowScale).toBe(15);
  });

  test("TCP Fast Open (RFC 7413): a cookie request and a cookie", () => {
    expect(withOptions("22 02", "01 01").options.fastOpenCookie).toEqual(new Uint8Array());
    expect(withOptions("22 0a", "01 02 03 04 05 06 07 08", "01 01").options.fastOpenCookie).toEqual(
      hex("01 02 03 04 05 06 07 08"),
    );
  });

  test("TCP Fast Open on the experimental kind 254 with magic 0xF989 (RFC 7413 §4.1.1, RFC 6994)", () => {
    expect(withOptions("fe 04 f9 89").options.fastOpenCookie).toEqual(new Uint8Array());
    expect(withOptions("fe 0c f9 89", "01 02 03 04 05 06 07 08").options.fastOpenCookie).toEqual(
      hex("01 02 03 04 05 06 07 08"),
    );
  });

  test("another experiment on kind 254 is stepped over", () => {
    expect(withOptions("fe 06 12 34 56 78", "02 04 05 b4", "00 00").options).toEqual({ mss: 1460 });
  });

  test("an unknown kind is stepped over by its length", () => {
    expect(withOptions("1e 06 00 00 00 00", "02 04 05 b4", "00 00").options).toEqual({ mss: 1460 }); // kind 30 (MPTCP)
  });

  test("End of Option List ends the list: what follows is padding", () => {
    const segment = withOptions("00", "02 04 05 b4", "00 00 00");
    expect([segment.options, segment.problems]).toEqual([{}, undefined]);
  });

  test("a repeated option: the last one counts", () => {
    expect(withOptions("02 04 05 b4", "02 04 06 40").options.mss).toBe(1600);
  });

  test("the cookie is copied out of the frame, so that keeping it keeps no frame bytes", () => {
    const frame = ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, tcpWithOptions(hex("22 06", "aa bb cc dd", "01 01"))));
    const cookie = expectSegment(decode(frame)).options.fastOpenCookie!;
    expect(Array.from(cookie)).toEqual([0xaa, 0xbb, 0xcc, 0xdd]);
    expect(cookie.buffer).not.toBe(frame.buffer);
    frame.fill(0);
    expect(Array.from(cookie)).toEqual([0xaa, 0xbb, 0xcc, 0xdd]);
  });
});

describe("malformed option data: the options before it are kept, the segment stays usable", () => {
  test.each([
    [
      "length 1",
      ["02 04 05 b4", "08 01", "03 03 07 00 00 00"],
      "TCP option kind 8 (timestamps) at byte 58 has length 1, below the 2-byte minimum",
      58,
    ],
    [
      "length 0",
      ["02 04 05 b4", "1e 00", "00 00"],
      "TCP option kind 30 at byte 58 has length 0, below the 2-byte minimum",
      58,
    ],
    [
      "length past the header",
      ["02 04 05 b4", "03 10", "03 07", "01 01 01 01"],
      "TCP option kind 3 (window scale) at byte 58 has length 16, past the end of the TCP header at byte 66",
      58,
    ],
    [
      "no length byte",
      ["02 04 05 b4", "01 01 01", "03"],
      "TCP option kind 3 (window scale) at byte 61 has no length byte before the header ends at byte 62",
      61,
    ],
  ])("%s ends the list", (_name, fields, message, offset) => {
    const segment = withOptions(...fields);
    expect(segment.options).toEqual({ mss: 1460 });
    expect(segment.problems).toEqual([{ id: "tcp-option-malformed", offset, message }]);
    expect(segment.truncated).toBe(false);
  });

  test("a known kind with the wrong length is skipped and the list goes on, as in Wireshark", () => {
    const segment = withOptions("02 03 05", "03 03 07", "05 09 00 00 00 10 00 00 00", "00");
    expect(segment.options).toEqual({ windowScale: 7 });
    expect(segment.problems).toEqual([
      {
        id: "tcp-option-malformed",
        offset: 54,
        message:
          "TCP option kind 2 (maximum segment size) at byte 54 has length 3, but its length is 4 (RFC 9293 §3.2); skipped",
      },
      {
        id: "tcp-option-malformed",
        offset: 60,
        message:
          "TCP option kind 5 (SACK) at byte 60 has length 9, but its length is 2 plus 8 per block (RFC 2018 §3); skipped",
      },
    ]);
  });

  test.each([
    ["window scale", "03 02 00 00"],
    ["SACK permitted", "04 03 00 00"],
    ["timestamps", "08 06 00 00 00 00 00 00"],
    ["experimental", "fe 03 f9 00"],
  ])("%s with a wrong length is skipped", (_name, option) => {
    const segment = withOptions(option);
    expect(segment.options).toEqual({});
    expect(segment.problems?.[0]?.id).toBe("tcp-option-malformed");
  });
});

describe("when options are decoded: a SYN's with the segment, any other's when read", () => {
  test("a SYN's options stay read after the reader reuses the frame's bytes", () => {
    const frame = ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, TCP_SYN));
    const segment = expectSegment(decode(frame));
    frame.fill(0);
    expect(segment.options).toEqual({
      mss: 1460,
      sackPermitted: true,
      timestamp: { value: 1, echo: 0 },
      windowScale: 7,
    });
    expect(segment.windowScaleOption).toBe(7);
  });

  test("an ACK's window scale is read at once, its other options from the frame when read", () => {
    const frame = ethernet(
      ETHERTYPE_IPV4,
      ipv4(IP_PROTOCOL_TCP, tcpWithOptions(hex("03 03 05", "01", "08 0a 00 00 00 09 00 00 00 02", "01 01"))),
    );
    const segment = expectSegment(decode(frame));
    expect(segment.windowScaleOption).toBe(5);
    expect(segment.options).toEqual({ windowScale: 5, timestamp: { value: 9, echo: 2 } });
  });

  test("an ACK's malformed option is noted with the segment, its options unread", () => {
    const segment = withOptions("01 01 01", "08 03 00", "00 00"); // timestamps of length 3
    expect(segment.problems?.map((problem) => [problem.id, problem.offset])).toEqual([
      ["tcp-option-malformed", OPTIONS + 3],
    ]);
    expect(segment.windowScaleOption).toBeUndefined();
  });

  test.each([
    ["timestamps as most stacks lay them out", ["01 01", "08 0a 00 00 00 09 00 00 00 02"]],
    ["timestamps above 2^31", ["01 01", "08 0a ff 00 00 09 80 00 00 02"]],
    [
      "timestamps then SACK blocks",
      ["01 01", "08 0a 00 00 00 09 00 00 00 02", "01 01", "05 0a 00 00 00 10 00 00 00 20"],
    ],
    ["timestamps first, NOPs after", ["08 0a 00 00 00 09 00 00 00 02", "01 01"]],
    ["none", []],
  ])("an ACK's options read after the reader moved past its frame are those read at it: %s", (_, fields) => {
    const frame = () => ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, tcpWithOptions(hex(...fields))));
    const atFrame = expectSegment(decode(frame())).options;
    const decoder = new FrameDecoder();
    const kept = expectSegment(decoder.decode(frameOf(frame())));
    decoder.decode(frameOf(frame()));
    expect(kept.options).toEqual(atFrame);
  });
});
