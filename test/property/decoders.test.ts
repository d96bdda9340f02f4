import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Frame } from "../../src/capture/frame.js";
import { formatIpv4, formatIpv6 } from "../../src/decode/address.js";
import { AddressTexts } from "../../src/decode/address-texts.js";
import { CARRIERS } from "../../src/decode/carriers.js";
import { isStop, type Stop } from "../../src/decode/decoded.js";
import { decodeEthernet } from "../../src/decode/ethernet.js";
import { emptyIpHeader, type IpHeader } from "../../src/decode/ip-header.js";
import { IP_TUNNELS } from "../../src/decode/ip-tunnels.js";
import { decodeIpv4 } from "../../src/decode/ipv4.js";
import { IPV4_EXTENSIONS, IPV6_EXTENSIONS } from "../../src/decode/ipv6-extensions.js";
import { decodeIpv6 } from "../../src/decode/ipv6.js";
import type { LinkPayload } from "../../src/decode/link-payload.js";
import { LINK_TYPES } from "../../src/decode/link-types.js";
import { decodeLoop, decodeNull } from "../../src/decode/loopback.js";
import { decodeRawIp } from "../../src/decode/raw-ip.js";
import type { SegmentProblem } from "../../src/decode/segment.js";
import { decodeSll, decodeSll2 } from "../../src/decode/sll.js";
import { decodeTcpOptions } from "../../src/decode/tcp-options.js";
import { decodeTcp } from "../../src/decode/tcp.js";
import { STANDARD_UDP_TUNNELS } from "../../src/decode/udp.js";
import { decodeVlanTag } from "../../src/decode/vlan.js";

/**
 * Each decoder on its own, on any bytes: it never throws, everything it returns stays within the
 * bytes it was given (and the end it was told), and a valid header built from random fields reads
 * back as those fields. Seeds are fixed so that runs repeat.
 */
const RUNS = { numRuns: 3000, seed: 0xdec0 };

/**
 * Any bytes, an end that may be short of them or past them (the wire length beyond the snap
 * length), and an offset up to both: each layer hands the next an offset it had room for.
 */
const anyInput = fc
  .tuple(fc.uint8Array({ maxLength: 120 }), fc.nat(), fc.integer({ min: -8, max: 200 }))
  .map(([bytes, at, slack]) => {
    const end = Math.max(0, bytes.length + slack);
    return { bytes, offset: at % (Math.min(bytes.length, end) + 1), end };
  });

/** What a Stop may say: a damage offset within what the decoder was given. */
function expectSoundStop(stop: Stop, bytes: Uint8Array, end: number): void {
  if (stop.kind === "skipped") {
    expect(stop.detail).not.toBe("");
    return;
  }
  expect(stop.offset).toBeGreaterThanOrEqual(0);
  expect(stop.offset).toBeLessThanOrEqual(Math.max(end, bytes.length));
  expect(stop.message).toMatch(/byte \d+/);
}

/** A link or tag decoder moved past a header it had room for, within the bytes and the end. */
function expectSoundLink(result: LinkPayload | Stop, bytes: Uint8Array, end: number, from = 0): void {
  if (isStop(result)) return expectSoundStop(result, bytes, end);
  expect(result.offset).toBeGreaterThanOrEqual(from);
  expect(result.offset).toBeLessThanOrEqual(Math.min(bytes.length, end));
  expect(result.etherType).toBeGreaterThanOrEqual(0);
  // An ethertype, or one of the keys above them for headers no ethertype names (ethertype.ts).
  expect(result.etherType).toBeLessThanOrEqual(0x1ffff);
  expect(result.end).toBeGreaterThanOrEqual(result.offset);
  expect(result.end).toBeLessThanOrEqual(end);
}

function expectSoundIp(result: IpHeader | Stop, bytes: Uint8Array, offset: number, end: number): void {
  if (isStop(result)) return expectSoundStop(result, bytes, end);
  expect(result.payloadOffset).toBeGreaterThan(offset);
  expect(result.payloadOffset).toBeLessThanOrEqual(Math.min(bytes.length, end));
  expect(result.payloadEnd).toBeGreaterThanOrEqual(result.payloadOffset);
  expect(result.payloadEnd).toBeLessThanOrEqual(end);
}

function frameOf(data: Uint8Array): Frame {
  return { index: 1, seconds: 0, nanos: 0, capLen: data.length, origLen: data.length, linkType: 101, offset: 0, data };
}

function ipHeaderOf(payloadEnd: number): IpHeader {
  return { version: 4, src: "192.0.2.1", dst: "192.0.2.2", protocol: 6, payloadOffset: 0, payloadEnd };
}

const LINK_DECODERS = { decodeEthernet, decodeSll, decodeSll2, decodeNull, decodeLoop, decodeRawIp };

describe("every decoder, on any bytes", () => {
  test.each(Object.entries(LINK_DECODERS))("%s never throws and stays within its input", (_name, decode) => {
    fc.assert(
      fc.property(anyInput, ({ bytes, end }) => {
        expectSoundLink(decode(bytes, end), bytes, end);
      }),
      RUNS,
    );
  });

  test.each([...LINK_TYPES.entries()].map(([linkType, link]) => [`${link.name} (${linkType})`, link.decode] as const))(
    "link type %s never throws and stays within its input",
    (_name, decode) => {
      fc.assert(
        fc.property(anyInput, ({ bytes, end }) => {
          expectSoundLink(decode(bytes, end), bytes, end);
        }),
        RUNS,
      );
    },
  );

  test.each(
    [...CARRIERS.entries()].map(
      ([key, carrier]) => [`${carrier.layer} (${key.toString(16)})`, carrier.decode] as const,
    ),
  )("inner header %s never throws and stays within its input", (_name, decode) => {
    fc.assert(
      fc.property(anyInput, ({ bytes, offset, end }) => {
        const problems: SegmentProblem[] = [];
        expectSoundLink(decode(bytes, offset, end, problems), bytes, end, offset);
        for (const problem of problems) expect(problem.offset).toBeLessThanOrEqual(Math.max(end, bytes.length));
      }),
      { ...RUNS, numRuns: 500 },
    );
  });

  test.each([...IP_TUNNELS.entries()])(
    "what IP protocol %i carries never throws and stays within the datagram",
    (_protocol, tunnel) => {
      fc.assert(
        fc.property(anyInput, ({ bytes, offset, end }) => {
          const result = tunnel.decode(
            bytes,
            offset,
            { ...ipHeaderOf(end), payloadOffset: offset },
            STANDARD_UDP_TUNNELS,
            [],
          );
          expectSoundLink(result, bytes, end, offset);
        }),
        { ...RUNS, numRuns: 1000 },
      );
    },
  );

  test("decodeVlanTag never throws and moves forward within its input", () => {
    fc.assert(
      fc.property(anyInput, ({ bytes, offset, end }) => {
        expectSoundLink(decodeVlanTag(bytes, offset, end), bytes, end, offset);
      }),
      RUNS,
    );
  });

  test.each([["decodeIpv4", decodeIpv4] as const, ["decodeIpv6", decodeIpv6] as const])(
    "%s never throws; payload within the datagram, the datagram within the end",
    (_name, decode) => {
      fc.assert(
        fc.property(anyInput, ({ bytes, offset, end }) => {
          const problems: SegmentProblem[] = [];
          expectSoundIp(decode(bytes, offset, end, problems, emptyIpHeader(), new AddressTexts()), bytes, offset, end);
          for (const problem of problems) expect(problem.offset).toBeLessThanOrEqual(Math.max(end, bytes.length));
        }),
        RUNS,
      );
    },
  );

  test("every IPv6 extension header (and AH in IPv4) moves forward at least 8 bytes, within its input: chains end", () => {
    const extensions = [...IPV6_EXTENSIONS.values(), ...IPV4_EXTENSIONS.values()];
    fc.assert(
      fc.property(anyInput, fc.constantFrom(...extensions), ({ bytes, offset, end }, extension) => {
        const result = extension.decode(bytes, offset, end);
        if (isStop(result)) return expectSoundStop(result, bytes, end);
        expect(result.offset).toBeGreaterThanOrEqual(offset + 8);
        expect(result.offset).toBeLessThanOrEqual(Math.min(bytes.length, end));
      }),
      RUNS,
    );
  });

  test("decodeTcp never throws; header 20 to 60 bytes, payload a view within the bytes, no longer than the IP says", () => {
    fc.assert(
      fc.property(anyInput, ({ bytes, offset, end }) => {
        const result = decodeTcp(frameOf(bytes), ipHeaderOf(end), offset, []);
        if (isStop(result)) return expectSoundStop(result, bytes, end);
        expect(result.headerLength % 4).toBe(0);
        expect(result.headerLength).toBeGreaterThanOrEqual(20);
        expect(result.headerLength).toBeLessThanOrEqual(60);
        expect(result.payloadLength).toBe(end - offset - result.headerLength);
        expect(result.payload.length).toBeLessThanOrEqual(result.payloadLength);
        expect(result.payload.buffer).toBe(bytes.buffer);
        expect(result.payload.byteOffset + result.payload.length).toBeLessThanOrEqual(bytes.byteOffset + bytes.length);
      }),
      RUNS,
    );
  });

  test("decodeTcpOptions never throws; what it reads and notes lies between its start and end", () => {
    fc.assert(
      fc.property(anyInput, fc.nat({ max: 40 }), ({ bytes, offset }, length) => {
        const problems: SegmentProblem[] = [];
        const options = decodeTcpOptions(bytes, offset, offset + length, problems);
        for (const problem of problems) expect(problem.offset).toBeGreaterThanOrEqual(offset);
        for (const problem of problems) expect(problem.offset).toBeLessThan(offset + length);
        expect(options.sack?.length ?? 0).toBeLessThanOrEqual(4);
        expect(options.fastOpenCookie?.length ?? 0).toBeLessThanOrEqual(length);
      }),
      RUNS,
    );
  });
});

const u16 = (value: number) => [value >> 8, value & 0xff];
const u32 = (value: number) => [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
const address4 = fc.uint8Array({ minLength: 4, maxLength: 4 });
const address6 = fc.uint8Array({ minLength: 16, maxLength: 16 });

/** Reads RFC 5952 text (with "::" and a dotted last part) back into its 16 bytes. */
function ipv6Bytes(text: string): number[] {
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  const hexText = dotted === null ? text : text.slice(0, dotted.index) + "0:0";
  const [head, tail] = hexText.includes("::") ? hexText.split("::") : [hexText, undefined];
  const groupsOf = (part: string | undefined) =>
    part === undefined || part === "" ? [] : part.split(":").map((group) => parseInt(group, 16));
  const headGroups = groupsOf(head);
  const tailGroups = groupsOf(tail);
  const groups = [...headGroups, ...Array<number>(8 - headGroups.length - tailGroups.length).fill(0), ...tailGroups];
  const bytes = groups.flatMap(u16);
  if (dotted !== null) bytes.splice(12, 4, ...dotted.slice(1).map(Number));
  return bytes;
}

describe("a valid header reads back as the fields it was built from", () => {
  test("Ethernet, VLAN tag, Linux cooked v1 and v2: the protocol they name", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.integer({ min: 0, max: 0xffff }),
        (filler, etherType) => {
          const ethernet = Uint8Array.from([...filler.subarray(0, 12), ...u16(etherType)]);
          expect(decodeEthernet(ethernet, ethernet.length)).toEqual({ etherType, offset: 14, end: 14 });
          const tag = Uint8Array.from([0x81, 0x00, ...filler.subarray(0, 2), ...u16(etherType)]);
          expect(decodeVlanTag(tag, 2, tag.length)).toEqual({ etherType, offset: 6, end: 6 });
          const sll = Uint8Array.from([...filler.subarray(0, 14), ...u16(etherType)]);
          expect(decodeSll(sll, sll.length)).toEqual({ etherType, offset: 16, end: 16 });
          const sll2 = Uint8Array.from([...u16(etherType), ...filler.subarray(0, 18)]);
          expect(decodeSll2(sll2, sll2.length)).toEqual({ etherType, offset: 20, end: 20 });
        },
      ),
      RUNS,
    );
  });

  test("BSD loopback: every address family, in either byte order", () => {
    const families = [
      [2, 0x0800],
      [24, 0x86dd],
      [28, 0x86dd],
      [30, 0x86dd],
    ] as const;
    for (const [family, etherType] of families) {
      const bigEndian = Uint8Array.from(u32(family));
      expect(decodeNull(bigEndian, 4)).toEqual({ etherType, offset: 4, end: 4 });
      expect(decodeNull(bigEndian.slice().reverse(), 4)).toEqual({ etherType, offset: 4, end: 4 });
      expect(decodeLoop(bigEndian, 4)).toEqual({ etherType, offset: 4, end: 4 });
    }
  });

  test("IPv4: addresses, protocol, header length with options, datagram end", () => {
    const header = fc.record({
      ihl: fc.integer({ min: 5, max: 15 }),
      extra: fc.integer({ min: 0, max: 1000 }),
      dontFragment: fc.boolean(),
      protocol: fc.integer({ min: 0, max: 255 }),
      src: address4,
      dst: address4,
      options: fc.uint8Array({ minLength: 40, maxLength: 40 }),
      at: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(header, ({ ihl, extra, dontFragment, protocol, src, dst, options, at }) => {
        const totalLength = ihl * 4 + extra;
        const bytes = Uint8Array.from([
          ...Array<number>(at).fill(0),
          0x40 | ihl,
          0,
          ...u16(totalLength),
          0x12,
          0x34,
          dontFragment ? 0x40 : 0,
          0,
          64,
          protocol,
          0,
          0,
          ...src,
          ...dst,
          ...options.subarray(0, (ihl - 5) * 4),
          ...Array<number>(extra).fill(0xab),
        ]);
        const problems: SegmentProblem[] = [];
        expect(decodeIpv4(bytes, at, bytes.length, problems, emptyIpHeader(), new AddressTexts())).toEqual({
          version: 4,
          src: Array.from(src).join("."),
          dst: Array.from(dst).join("."),
          protocol,
          payloadOffset: at + ihl * 4,
          payloadEnd: at + totalLength,
        });
        expect(problems).toEqual([]);
      }),
      RUNS,
    );
  });

  test("IPv6: addresses (RFC 5952 text that reads back to the same bytes), next header, payload end", () => {
    fc.assert(
      fc.property(
        address6,
        address6,
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 255 }),
        (src, dst, payloadLength, nextHeader) => {
          const bytes = Uint8Array.from([
            0x60,
            0,
            0,
            0,
            ...u16(payloadLength),
            nextHeader,
            64,
            ...src,
            ...dst,
            ...Array<number>(payloadLength).fill(0),
          ]);
          const result = decodeIpv6(bytes, 0, bytes.length, [], emptyIpHeader(), new AddressTexts());
          if (isStop(result)) expect.fail(JSON.stringify(result));
          expect(ipv6Bytes(result.src)).toEqual(Array.from(src));
          expect(ipv6Bytes(result.dst)).toEqual(Array.from(dst));
          expect(result).toMatchObject({
            version: 6,
            protocol: nextHeader,
            payloadOffset: 40,
            payloadEnd: 40 + payloadLength,
          });
        },
      ),
      RUNS,
    );
  });

  test("addresses as text: dotted quads, and IPv6 text that reads back, the IPv4-mapped and -compatible forms included", () => {
    fc.assert(
      fc.property(address4, (bytes) => {
        expect(formatIpv4(bytes, 0).split(".").map(Number)).toEqual(Array.from(bytes));
      }),
      RUNS,
    );
    const sparse = fc
      .array(fc.constantFrom(0, 0, 0, 1, 0xff, 0xffff), { minLength: 8, maxLength: 8 })
      .map((groups) => Uint8Array.from(groups.flatMap(u16)));
    fc.assert(
      fc.property(fc.oneof(address6, sparse), (bytes) => {
        expect(ipv6Bytes(formatIpv6(bytes, 0))).toEqual(Array.from(bytes));
      }),
      RUNS,
    );
  });

  test("TCP: ports, numbers, flags, window, urgent pointer, header length, payload", () => {
    const segment = fc.record({
      srcPort: fc.integer({ min: 0, max: 0xffff }),
      dstPort: fc.integer({ min: 0, max: 0xffff }),
      seq: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      ack: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      flags: fc.integer({ min: 0, max: 0x1ff }),
      window: fc.integer({ min: 0, max: 0xffff }),
      urgentPointer: fc.integer({ min: 0, max: 0xffff }),
      dataOffset: fc.integer({ min: 5, max: 15 }),
      payload: fc.uint8Array({ maxLength: 64 }),
    });
    fc.assert(
      fc.property(segment, ({ srcPort, dstPort, seq, ack, flags, window, urgentPointer, dataOffset, payload }) => {
        const nops = Array<number>((dataOffset - 5) * 4).fill(1);
        const bytes = Uint8Array.from([
          ...u16(srcPort),
          ...u16(dstPort),
          ...u32(seq),
          ...u32(ack),
          (dataOffset << 4) | (flags >> 8),
          flags & 0xff,
          ...u16(window),
          0,
          0,
          ...u16(urgentPointer),
          ...nops,
          ...payload,
        ]);
        const result = decodeTcp(frameOf(bytes), ipHeaderOf(bytes.length), 0, []);
        if (isStop(result)) expect.fail(JSON.stringify(result));
        expect(result).toMatchObject({
          srcPort,
          dstPort,
          seq,
          ack,
          flags,
          window,
          urgentPointer,
          headerLength: dataOffset * 4,
          payloadLength: payload.length,
          options: {},
          truncated: false,
        });
        expect(Array.from(result.payload)).toEqual(Array.from(payload));
      }),
      RUNS,
    );
  });

  test("TCP options: MSS, window scale, SACK permitted, SACK blocks, timestamps and a Fast Open cookie", () => {
    const options = fc.record({
      mss: fc.option(fc.integer({ min: 0, max: 0xffff }), { nil: undefined }),
      windowScale: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
      sackPermitted: fc.option(fc.constant(true), { nil: undefined }),
      sack: fc.option(fc.array(fc.record({ left: fc.nat(), right: fc.nat() }), { minLength: 1, maxLength: 3 }), {
        nil: undefined,
      }),
      timestamp: fc.option(
        fc.record({ value: fc.integer({ min: 0, max: 2 ** 32 - 1 }), echo: fc.integer({ min: 0, max: 2 ** 32 - 1 }) }),
        { nil: undefined },
      ),
      fastOpenCookie: fc.option(fc.uint8Array({ maxLength: 8 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(options, (chosen) => {
        const encoded = [
          ...(chosen.mss === undefined ? [] : [2, 4, ...u16(chosen.mss)]),
          ...(chosen.windowScale === undefined ? [] : [3, 3, chosen.windowScale]),
          ...(chosen.sackPermitted === undefined ? [] : [4, 2]),
          ...(chosen.sack === undefined
            ? []
            : [
                5,
                2 + 8 * chosen.sack.length,
                ...chosen.sack.flatMap(({ left, right }) => [...u32(left), ...u32(right)]),
              ]),
          ...(chosen.timestamp === undefined
            ? []
            : [8, 10, ...u32(chosen.timestamp.value), ...u32(chosen.timestamp.echo)]),
          ...(chosen.fastOpenCookie === undefined
            ? []
            : [34, 2 + chosen.fastOpenCookie.length, ...chosen.fastOpenCookie]),
        ];
        const bytes = Uint8Array.from([...encoded, 0]);
        const problems: SegmentProblem[] = [];
        const decoded = decodeTcpOptions(bytes, 0, encoded.length, problems);
        const expected = Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== undefined));
        expect({ ...decoded, fastOpenCookie: decoded.fastOpenCookie && Array.from(decoded.fastOpenCookie) }).toEqual({
          ...expected,
          fastOpenCookie: chosen.fastOpenCookie && Array.from(chosen.fastOpenCookie),
        });
        expect(problems).toEqual([]);
      }),
      RUNS,
    );
  });
});
