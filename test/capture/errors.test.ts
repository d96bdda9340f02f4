import { describe, expect, it } from "vitest";
import { CaptureError, CaptureReader } from "../../src/capture/index.js";
import { describeBytes } from "../../src/capture/bytes-text.js";
import { MAX_BLOCK_LENGTH } from "../../src/capture/limits.js";
import { Collector, readInChunks } from "./support/collect.js";
import {
  PCAPNG_TWO_SECTIONS,
  PCAPNG_TWO_SECTIONS_FRAMES,
  PCAP_MICROS_LITTLE,
  PCAP_MICROS_LITTLE_FRAMES,
} from "./support/captures.js";
import { concat, hex } from "../helpers/bytes.js";

/** The first record of PCAP_MICROS_LITTLE, then (at byte 44) a record header claiming `capLen` bytes. */
function pcapClaiming(capLenHex: string, snapLengthHex = "00 00 04 00"): Uint8Array {
  const bytes = concat(
    PCAP_MICROS_LITTLE.subarray(0, 44),
    hex(`01 2f 68 59   00 00 00 00   # seconds, microseconds
         ${capLenHex}              # captured length
         ff ff ff ff               # original length`),
  );
  bytes.set(hex(snapLengthHex), 16);
  return bytes;
}

/** PCAPNG_TWO_SECTIONS up to its first EPB (byte 48), then that EPB with some bytes replaced. */
function pcapngWithPatchedBlock(at: number, patch: string): Uint8Array {
  const bytes = PCAPNG_TWO_SECTIONS.slice(0, 84);
  bytes.set(hex(patch), at);
  return bytes;
}

function expectCaptureError(
  error: unknown,
  expected: { kind: string; message: string; offset: number; frame?: number },
): void {
  expect(error).toBeInstanceOf(CaptureError);
  expect(error).toMatchObject({ frame: undefined, ...expected });
}

describe("not a capture", () => {
  it("names the bytes it found instead of a magic number", () => {
    const { error, frames } = readInChunks(new TextEncoder().encode("Hello, world\n"));
    expect(frames).toEqual([]);
    expectCaptureError(error, {
      kind: "unsupported",
      message:
        'not a capture file: it starts with 48 65 6c 6c ("Hell"), which is neither a pcap nor a pcapng magic number',
      offset: 0,
    });
  });

  it("says when the bytes are gzip-compressed", () => {
    expectCaptureError(readInChunks(hex("1f 8b 08 00 00 00")).error, {
      kind: "unsupported",
      message: "the input is gzip-compressed (it starts with 1f 8b): decompress it first (readCapture does)",
      offset: 0,
    });
  });

  it("says when it is a modified pcap file", () => {
    expect(readInChunks(hex("34 cd b2 a1 02 00 04 00")).error).toMatchObject({
      kind: "unsupported",
      message: "the input is a modified pcap file (magic 34 cd b2 a1), which is not supported",
    });
  });

  it("throws as soon as the magic number is complete, before any more input", () => {
    const reader = new CaptureReader(new Collector());
    reader.push(hex("48 65 6c"));
    expect(() => reader.push(hex("6c"))).toThrow(CaptureError);
  });
});

describe("cut short", () => {
  it.each([
    ["empty input", hex(""), "the input is empty: there is no capture header"],
    [
      "part of a magic number",
      hex("d4 c3 b2"),
      "the input ends after 3 bytes, before the 4-byte magic number is complete",
    ],
    [
      "a pcap file header",
      PCAP_MICROS_LITTLE.subarray(0, 20),
      "the pcap file header is cut short: the input ends after 20 of its 24 bytes",
    ],
    [
      "a pcapng section header",
      PCAPNG_TWO_SECTIONS.subarray(0, 20),
      "the first section header block is cut short: the input ends after 20 of its 28 bytes",
    ],
    [
      "the first block of a pcapng file, before its length",
      PCAPNG_TWO_SECTIONS.subarray(0, 6),
      "the first section header block is cut short: the input ends after 6 bytes, fewer than the 12 of the smallest block",
    ],
  ])("before the first record (%s) is fatal at end()", (_what, bytes, message) => {
    const reader = new CaptureReader(new Collector());
    reader.push(bytes);
    let thrown: unknown;
    try {
      reader.end();
    } catch (error) {
      thrown = error;
    }
    expectCaptureError(thrown, { kind: "truncated", message, offset: 0 });
  });

  it("inside the last pcap record is a warning at end(), after every record before it", () => {
    const read = readInChunks(PCAP_MICROS_LITTLE.subarray(0, PCAP_MICROS_LITTLE.length - 1));
    expect(read.error).toBeUndefined();
    expect(read.frames).toEqual(PCAP_MICROS_LITTLE_FRAMES.slice(0, 1));
    expect(read.warnings).toEqual([
      {
        kind: "truncated",
        message: "record 2 at byte 44 is cut short: it claims 2 captured bytes but only 1 follow its header",
        offset: 44,
        frame: 2,
      },
    ]);
  });

  it("inside the last pcap record header is a warning too", () => {
    expect(readInChunks(PCAP_MICROS_LITTLE.subarray(0, 50)).warnings).toMatchObject([
      {
        kind: "truncated",
        message: "record 2 at byte 44 is cut short: the input ends 6 bytes into its 16-byte header",
        frame: 2,
      },
    ]);
  });

  it("inside the last pcapng block is a warning naming the block", () => {
    const read = readInChunks(PCAPNG_TWO_SECTIONS.subarray(0, 170));
    expect(read.error).toBeUndefined();
    expect(read.frames).toEqual(PCAPNG_TWO_SECTIONS_FRAMES.slice(0, 1));
    expect(read.warnings).toEqual([
      {
        kind: "truncated",
        message: "enhanced packet block at byte 144 is cut short: the input ends after 26 of its 36 bytes",
        offset: 144,
        frame: 2,
      },
    ]);
  });

  it("inside a pcapng block that holds no packet is a warning without a frame number", () => {
    expect(readInChunks(PCAPNG_TWO_SECTIONS.subarray(0, 100)).warnings).toEqual([
      {
        kind: "truncated",
        message: "section header block at byte 84 is cut short: the input ends after 16 of its 28 bytes",
        offset: 84,
      },
    ]);
  });
});

describe("hostile lengths", () => {
  it("refuses a pcap record claiming 4 GiB when its header arrives, without waiting for or storing the bytes", () => {
    const collector = new Collector();
    const reader = new CaptureReader(collector);
    let thrown: unknown;
    try {
      reader.push(pcapClaiming("ff ff ff ff"));
    } catch (error) {
      thrown = error;
    }
    expect(collector.frames).toEqual(PCAP_MICROS_LITTLE_FRAMES.slice(0, 1));
    expectCaptureError(thrown, {
      kind: "malformed",
      message: "record 2 at byte 44 claims 4294967295 captured bytes, more than the 262144 limit",
      offset: 44,
      frame: 2,
    });
  });

  it("holds a pcap record to 262144 bytes when the snap length is smaller", () => {
    const bytes = pcapClaiming("01 00 04 00", "ff ff 00 00"); // 262145 bytes, snap length 65535
    expect(readInChunks(bytes).error).toMatchObject({
      message: "record 2 at byte 44 claims 262145 captured bytes, more than the 262144 limit",
    });
  });

  it("lets a pcap record reach a snap length above 262144", () => {
    const bytes = pcapClaiming("00 00 10 00", "00 00 10 00"); // 1 MiB, snap length 1 MiB
    const read = readInChunks(bytes);
    expect(read.error).toBeUndefined();
    expect(read.warnings).toMatchObject([{ kind: "truncated", frame: 2 }]);
  });

  it("refuses a pcapng block claiming 4 GiB when its header arrives", () => {
    const bytes = pcapngWithPatchedBlock(48, "06 00 00 00   fc ff ff ff");
    expectCaptureError(readInChunks(bytes.subarray(0, 60)).error, {
      kind: "malformed",
      message: `enhanced packet block at byte 48 claims a total length of 4294967292 bytes, more than the ${MAX_BLOCK_LENGTH} limit`,
      offset: 48,
      frame: 1,
    });
  });
});

describe("bad pcapng framing", () => {
  it.each([
    [
      "not a multiple of 4",
      "06 00 00 00   26 00 00 00",
      "enhanced packet block at byte 48 claims a total length of 38 bytes, not a multiple of 4",
    ],
    [
      "below 12 bytes",
      "06 00 00 00   08 00 00 00",
      "enhanced packet block at byte 48 claims a total length of 8 bytes, less than the 12-byte minimum",
    ],
    [
      "of an unknown block",
      "99 00 00 00   0d 00 00 00",
      "block of type 0x00000099 at byte 48 claims a total length of 13 bytes, not a multiple of 4",
    ],
  ])("reports a total length %s with its offset", (_what, patch, message) => {
    const read = readInChunks(pcapngWithPatchedBlock(48, patch));
    expect(read.frames).toEqual([]);
    expect(read.error).toMatchObject({ kind: "malformed", message, offset: 48 });
  });

  it("reports a trailing length that differs from the leading one", () => {
    const bytes = PCAPNG_TWO_SECTIONS.slice();
    bytes.set(hex("00 00 00 28"), 176); // the second EPB's trailing copy: 40 instead of 36
    const read = readInChunks(bytes);
    expect(read.frames).toEqual(PCAPNG_TWO_SECTIONS_FRAMES.slice(0, 1));
    expectCaptureError(read.error, {
      kind: "malformed",
      message: "enhanced packet block at byte 144 ends with a total length of 40 bytes, not the 36 it starts with",
      offset: 144,
      frame: 2,
    });
  });

  it("reports a byte-order magic that is neither order", () => {
    expectCaptureError(readInChunks(pcapngWithPatchedBlock(8, "12 34 56 78")).error, {
      kind: "malformed",
      message:
        "section header block at byte 0 has byte-order magic 0x12345678, which is 0x1a2b3c4d in neither byte order",
      offset: 0,
    });
  });

  it("refuses a pcapng major version other than 1", () => {
    expectCaptureError(readInChunks(pcapngWithPatchedBlock(12, "02 00 00 00")).error, {
      kind: "unsupported",
      message: "section header block at byte 0 has pcapng version 2.0; only version 1.x is supported",
      offset: 0,
    });
  });

  it("refuses an interface description too short for its fields, since losing it would renumber the rest", () => {
    expect(readInChunks(pcapngWithPatchedBlock(28, "01 00 00 00   0c 00 00 00   0c 00 00 00")).error).toMatchObject({
      kind: "malformed",
      message: "interface description block at byte 28 is 12 bytes long, less than the 20 its fields need",
    });
  });
});

describe("damaged pcapng records are stepped over", () => {
  it("warns about a packet naming an interface its section lacks, and reads on", () => {
    const bytes = PCAPNG_TWO_SECTIONS.slice();
    bytes.set(hex("05 00 00 00"), 56); // the first EPB names interface 5
    const read = readInChunks(bytes);
    expect(read.error).toBeUndefined();
    expect(read.warnings).toEqual([
      {
        kind: "malformed",
        message: "record 1 (enhanced packet block at byte 48) names interface 5, but its section describes 1",
        offset: 48,
        frame: 1,
      },
    ]);
    expect(read.frames).toEqual(PCAPNG_TWO_SECTIONS_FRAMES.slice(1));
  });

  it("warns about a packet claiming more bytes than its block holds", () => {
    const bytes = PCAPNG_TWO_SECTIONS.slice();
    bytes.set(hex("05 00 00 00"), 68); // the first EPB claims 5 captured bytes in room for 4
    expect(readInChunks(bytes).warnings).toEqual([
      {
        kind: "malformed",
        message:
          "record 1 (enhanced packet block at byte 48) claims 5 captured bytes, but its 36-byte block has room for 4",
        offset: 48,
        frame: 1,
      },
    ]);
  });

  it("warns about interface options that run past the block, and keeps the default resolution", () => {
    // Section 2's interface: if_tsresol claims 9 bytes where 8 are left.
    const bytes = PCAPNG_TWO_SECTIONS.slice();
    bytes.set(hex("00 09 00 09"), 128);
    const read = readInChunks(bytes);
    expect(read.warnings).toEqual([
      {
        kind: "malformed",
        message:
          "interface 0 (interface description block at byte 112): option 9 claims 9 bytes, more than the 8 left in the block; defaults stand in for what could not be read",
        offset: 112,
      },
    ]);
    // The ticks are now read as microseconds.
    expect(read.frames[1]).toMatchObject({ seconds: 1_500_000_001_000, nanos: 7000 });
  });
});

describe("after an error", () => {
  it("keeps the frames delivered before it and throws the same error again", () => {
    const collector = new Collector();
    const reader = new CaptureReader(collector);
    const bytes = pcapClaiming("ff ff ff ff");
    let first: unknown;
    try {
      reader.push(bytes);
    } catch (error) {
      first = error;
    }
    expect(first).toBeInstanceOf(CaptureError);
    expect(() => reader.push(PCAP_MICROS_LITTLE.subarray(44))).toThrow(first as Error);
    expect(() => reader.end()).toThrow(first as Error);
    expect(collector.frames).toEqual(PCAP_MICROS_LITTLE_FRAMES.slice(0, 1));
  });

  it("stays stopped after a sink throws, rather than resuming mid-record", () => {
    const failure = new Error("the sink gave up");
    const reader = new CaptureReader({
      frame: () => {
        throw failure;
      },
      warning: () => {},
    });
    expect(() => reader.push(PCAP_MICROS_LITTLE)).toThrow(failure);
    expect(() => reader.push(PCAP_MICROS_LITTLE)).toThrow(failure);
  });

  it("leaves other readers unaffected", () => {
    expect(readInChunks(pcapClaiming("ff ff ff ff")).error).toBeInstanceOf(CaptureError);
    expect(readInChunks(PCAP_MICROS_LITTLE).frames).toEqual(PCAP_MICROS_LITTLE_FRAMES);
  });
});

describe("bytes an error quotes", () => {
  it("are described however many there are (not spread into String.fromCharCode's arguments)", () => {
    expect(describeBytes(new Uint8Array(200_000).fill(0x41))).toMatch(/^41 41 .* \("A{200000}"\)$/);
  });
});
