import { describe, expect, it } from "vitest";
import { concat } from "../helpers/bytes.js";
import { LINKTYPE } from "../../scripts/lib/capture/link.mjs";
import { pcapFileHeader, pcapRecord } from "../../scripts/lib/capture/pcap.mjs";
import { PcapngWriter } from "../../scripts/lib/capture/pcapng.mjs";
import { CaptureReader } from "../../src/capture/index.js";
import { MAX_LISTED_LINK_TYPES } from "../../src/capture/info.js";
import { ContentGaps } from "../../src/track/zeek/content-gaps.js";
import { Collector } from "../capture/support/collect.js";
import { Random } from "./mutants.js";

/**
 * Memory and time stay proportional to the bytes that really arrive, whatever the headers claim:
 * claimed lengths are never allocated, and nothing a header can repeat costs more than once.
 */

/** Reads `bytes` in one push and returns what came out, with the growth of array buffer memory. */
function read(bytes: Uint8Array) {
  const collector = new Collector();
  const reader = new CaptureReader(collector);
  const before = process.memoryUsage().arrayBuffers;
  reader.push(bytes);
  reader.end();
  return { collector, grown: process.memoryUsage().arrayBuffers - before };
}

const MIB = 1024 * 1024;

describe("hostile sizes", () => {
  it("a pcapng file of 65536 interfaces, each of another link type, reads in time proportional to its size", () => {
    const pcapng = new PcapngWriter(true).section();
    for (let linkType = 0; linkType < 65536; linkType++) pcapng.interface(linkType, 0);
    const bytes = pcapng.bytes();
    const started = performance.now();
    const { collector } = read(bytes);
    // Listing every new link type copied the list each time: quadratic, over a minute for these 1.3 MB.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(collector.infos.at(-1)?.linkTypes).toHaveLength(MAX_LISTED_LINK_TYPES);
    expect(collector.warnings).toEqual([
      {
        kind: "unsupported",
        message: `interface 64 (interface description block at byte 1308) has link type 64, past the ${MAX_LISTED_LINK_TYPES} distinct link types the capture's description lists; its packets are read, but this and later new link types are left out of the list`,
        offset: 1308,
        frame: undefined,
        file: undefined,
      },
    ]);
  });

  it("20000 segments seen out of order and never acknowledged: Zeek's gap bookkeeping keeps up (no sort per segment)", () => {
    const random = new Random(20_000);
    const gaps = new ContentGaps();
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) gaps.dataSent(2 + 10 * random.below(10_000_000), 10, 1);
    expect(gaps.ackReceived(1e9, undefined, false)).toBeGreaterThan(0);
    // Sorting every block kept above the hole for each new one took a minute here (see keepAbove).
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("a pcap record claiming 100 MiB under a 2 GiB snap length is not allocated: only the bytes that came are kept", () => {
    const header = pcapFileHeader({ linkType: LINKTYPE.ETHERNET, snaplen: 0x7fffffff });
    const record = pcapRecord({ sec: 0, usec: 0, data: new Uint8Array(1024), capLen: 100 * MIB, origLen: 100 * MIB });
    const { collector, grown } = read(concat(header, record));
    expect(grown).toBeLessThan(8 * MIB);
    expect(collector.warnings.map((warning) => warning.message)).toEqual([
      `record 1 at byte 24 is cut short: it claims ${100 * MIB} captured bytes but only 1024 follow its header`,
    ]);
  });

  it("a pcapng block claiming 100 MiB is not allocated either", () => {
    const claimed = {
      interfaceId: 0,
      timestamp: 0n,
      data: new Uint8Array(1024),
      capLen: 100 * MIB - 32,
      origLen: 100 * MIB - 32,
    };
    const whole = new PcapngWriter(true)
      .section()
      .interface(LINKTYPE.ETHERNET, 0)
      .packet(claimed, { leading: 100 * MIB })
      .bytes();
    // The block's trailing length never comes: the input ends inside it.
    const { collector, grown } = read(whole.subarray(0, whole.length - 4));
    expect(grown).toBeLessThan(8 * MIB);
    expect(collector.warnings.map((warning) => warning.message)).toEqual([
      `enhanced packet block at byte 48 is cut short: the input ends after 1052 of its ${100 * MIB} bytes`,
    ]);
  });
});
