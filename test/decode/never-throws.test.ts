import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Decoded } from "../../src/decode/decoded.js";
import { LINK_TYPES } from "../../src/decode/link-types.js";
import {
  concat,
  decode,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  ethernet,
  hex,
  IP_PROTOCOL_TCP,
  ipv4,
  ipv6,
  TCP_SYN,
} from "./helpers/packets.js";
import { LINKTYPE } from "../../scripts/lib/capture/link.mjs";
import { stackBytes, TUNNEL_STACKS } from "./helpers/stacks.js";

const SUPPORTED_LINK_TYPES = [...LINK_TYPES.keys()];
const SKIP_REASONS = [
  "unsupported-link-type",
  "not-ip",
  "not-tcp",
  "ip-fragment",
  "esp",
  "no-next-header",
  "encrypted",
  "link-fragment",
  "aggregated",
  "nesting-limit",
];

/** What must hold for any input, however hostile. */
function expectSound(decoded: Decoded, data: Uint8Array, origLen: number): void {
  const wireLength = Math.max(data.length, origLen);
  if (decoded.kind === "tcp") {
    const segment = decoded.segment;
    expect(segment.headerLength % 4).toBe(0);
    expect(segment.headerLength).toBeGreaterThanOrEqual(20);
    expect(segment.headerLength).toBeLessThanOrEqual(60);
    expect(segment.payloadLength).toBeGreaterThanOrEqual(0);
    expect(segment.payload.length).toBeLessThanOrEqual(segment.payloadLength);
    expect(segment.payload.buffer).toBe(data.buffer);
    expect(segment.payload.byteOffset + segment.payload.length).toBeLessThanOrEqual(data.byteOffset + data.length);
    for (const value of [segment.seq, segment.ack, segment.options.timestamp?.value ?? 0]) {
      expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
    }
    expect(segment.flags & ~0x1ff).toBe(0);
    expect(segment.truncated || segment.payload.length === segment.payloadLength).toBe(true);
  } else if (decoded.kind === "damaged") {
    expect(decoded.offset).toBeGreaterThanOrEqual(0);
    expect(decoded.offset).toBeLessThanOrEqual(wireLength);
    expect(decoded.message).toMatch(/byte \d+/);
  } else {
    expect(SKIP_REASONS).toContain(decoded.reason);
    expect(decoded.detail).not.toBe("");
  }
}

/** Valid frames to mutate, so that random changes reach the deeper layers. */
const SEEDS: [number, Uint8Array][] = [
  [LINKTYPE.ETHERNET, ethernet(hex("81 00 00 64"), ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, TCP_SYN, hex("01 02 03")))],
  [
    LINKTYPE.ETHERNET,
    ethernet(ETHERTYPE_IPV6, ipv6(0, hex("3c 00 01 04 00 00 00 00"), hex("06 00 01 04 00 00 00 00"), TCP_SYN)),
  ],
  [LINKTYPE.RAW, ipv6(IP_PROTOCOL_TCP, TCP_SYN)],
  [
    LINKTYPE.LINUX_SLL2,
    concat(
      hex("08 00 00 00 00 00 00 01 03 04 00 06 00 00 00 00 00 00 00 00"),
      ipv4(51, hex("06 01 00 00 00 00 00 01 00 00 00 01"), TCP_SYN),
    ),
  ],
  ...TUNNEL_STACKS.map(({ linkType, parts }): [number, Uint8Array] => [linkType, stackBytes(parts)]),
];

const mutatedSeed = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
    fc.nat(),
    fc.integer({ min: -20, max: 2000 }),
  )
  .map(([[linkType, seed], changes, cut, extra]) => {
    const data = seed.slice();
    for (const [at, value] of changes) data[at % data.length] = value;
    const captured = data.subarray(0, cut % (data.length + 1));
    return { linkType, data: captured, origLen: Math.max(0, captured.length + extra) };
  });

const randomFrame = fc.record({
  linkType: fc.oneof(fc.constantFrom(...SUPPORTED_LINK_TYPES), fc.nat()),
  data: fc.uint8Array({ maxLength: 200 }),
  origLen: fc.nat({ max: 70000 }),
});

describe("decodeFrame never throws", () => {
  test("on random bytes under any link type and any wire length", () => {
    fc.assert(
      fc.property(randomFrame, ({ linkType, data, origLen }) => {
        expectSound(decode(data, linkType, origLen), data, origLen);
      }),
      { numRuns: 20_000 },
    );
  });

  test("on valid frames with random bytes changed and random cuts", () => {
    fc.assert(
      fc.property(mutatedSeed, ({ linkType, data, origLen }) => {
        expectSound(decode(data, linkType, origLen), data, origLen);
      }),
      { numRuns: 20_000 },
    );
  });

  test("and nothing from one frame leaks into the next", () => {
    fc.assert(
      fc.property(mutatedSeed, mutatedSeed, (first, second) => {
        const alone = decode(second.data, second.linkType, second.origLen);
        decode(first.data, first.linkType, first.origLen);
        expect(decode(second.data, second.linkType, second.origLen)).toEqual(alone);
      }),
      { numRuns: 5_000 },
    );
  });
});
