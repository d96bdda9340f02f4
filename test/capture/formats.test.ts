import { describe, expect, it } from "vitest";
import { readInChunks } from "./support/collect.js";
import {
  PCAPNG_INTERFACES,
  PCAPNG_INTERFACES_FRAMES,
  PCAPNG_TWO_SECTIONS,
  PCAPNG_TWO_SECTIONS_FRAMES,
  PCAP_MICROS_BIG,
  PCAP_MICROS_LITTLE,
  PCAP_NANOS_BIG,
  PCAP_NANOS_LITTLE,
  SAMPLES,
} from "./support/captures.js";

describe("classic pcap", () => {
  it.each([
    ["microseconds, little-endian", PCAP_MICROS_LITTLE, "little", "us"],
    ["microseconds, big-endian", PCAP_MICROS_BIG, "big", "us"],
    ["nanoseconds, little-endian", PCAP_NANOS_LITTLE, "little", "ns"],
    ["nanoseconds, big-endian", PCAP_NANOS_BIG, "big", "ns"],
  ] as const)("reads %s", (name, bytes, byteOrder, timestampPrecision) => {
    const read = readInChunks(bytes);
    expect(read.error).toBeUndefined();
    expect(read.warnings).toEqual([]);
    expect(read.frames).toEqual(SAMPLES[`pcap, ${name}`].frames);
    expect(read.infos).toEqual([
      { format: "pcap", gzip: false, byteOrder, sections: 1, linkTypes: [1], timestampPrecision, snapLength: 262_144 },
    ]);
  });

  it("takes the link type from the low bits, leaving out the FCS information above them", () => {
    const bytes = PCAP_MICROS_LITTLE.slice();
    bytes[23] = 0x14; // bits 28-31: an FCS length of 1 (in 16-bit words), as libpcap's LT_FCS_DATALINK_EXT writes it
    expect(readInChunks(bytes).frames.map((frame) => frame.linkType)).toEqual([1, 1]);
  });

  it("carries a microsecond field of a million or more into the seconds", () => {
    const bytes = PCAP_MICROS_LITTLE.slice();
    bytes.set([0x40, 0x42, 0x0f, 0x00], 28); // record 1: 1000000 microseconds
    expect(readInChunks(bytes).frames[0]).toMatchObject({ seconds: 1_500_000_001, nanos: 0 });
  });
});

describe("pcapng", () => {
  it("reads sections of different byte orders, each with its own interfaces", () => {
    const read = readInChunks(PCAPNG_TWO_SECTIONS);
    expect(read.error).toBeUndefined();
    expect(read.warnings).toEqual([]);
    expect(read.frames).toEqual(PCAPNG_TWO_SECTIONS_FRAMES);
  });

  it("describes the capture again as sections and interfaces appear", () => {
    const read = readInChunks(PCAPNG_TWO_SECTIONS);
    const base = { format: "pcapng", gzip: false };
    expect(read.infos).toEqual([
      { ...base, byteOrder: "little", sections: 1, linkTypes: [], timestampPrecision: "us", snapLength: 0 },
      { ...base, byteOrder: "little", sections: 1, linkTypes: [1], timestampPrecision: "us", snapLength: 0 },
      { ...base, byteOrder: "mixed", sections: 2, linkTypes: [1], timestampPrecision: "us", snapLength: 0 },
      { ...base, byteOrder: "mixed", sections: 2, linkTypes: [1, 101], timestampPrecision: "ns", snapLength: 0 },
    ]);
  });

  it("reads interfaces of several link types and resolutions, every packet block type, and skips the other blocks", () => {
    const read = readInChunks(PCAPNG_INTERFACES);
    expect(read.error).toBeUndefined();
    expect(read.warnings).toEqual([]);
    expect(read.frames).toEqual(PCAPNG_INTERFACES_FRAMES);
    expect(read.infos.at(-1)).toEqual({
      format: "pcapng",
      gzip: false,
      byteOrder: "little",
      sections: 1,
      linkTypes: [1, 101, 113],
      timestampPrecision: "ns",
      snapLength: 0,
    });
  });

  it("names a power-of-2 resolution when it is the finest", () => {
    // Interface 1's if_tsresol 9 (10^-9) becomes 0x9e (2^-30, finer than a nanosecond).
    const bytes = PCAPNG_INTERFACES.slice();
    bytes.set([0x9e], 68);
    const read = readInChunks(bytes);
    expect(read.infos.at(-1)?.timestampPrecision).toBe("2^-30");
    // Record 2's ticks, 1500000001000000007 units of 2^-30 s: (t >> 30) s and floor((t mod 2^30) * 1e9 / 2^30) ns.
    expect(read.frames[1]).toMatchObject({ seconds: 1_396_983_862, nanos: 854_540_354 });
  });
});
