import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { constants, crc32, createGzip, deflateRawSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CaptureError, readCapture, readCaptures, type CaptureSink } from "../../src/capture/index.js";
import { LINKTYPE } from "../../scripts/lib/capture/link.mjs";
import { spacedRecords, writePcap } from "../../scripts/lib/capture/pcap.mjs";
import { Collector } from "./support/collect.js";
import {
  PCAPNG_TWO_SECTIONS,
  PCAPNG_TWO_SECTIONS_FRAMES,
  PCAP_MICROS_LITTLE,
  PCAP_MICROS_LITTLE_FRAMES,
} from "./support/captures.js";
import { scratchFolder } from "../helpers/scratch.js";

const dir = scratchFolder("capture-source");

function fileWith(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

describe("readCapture from a file", () => {
  it("streams a pcap file into the sink and resolves to its description", async () => {
    const collector = new Collector();
    const info = await readCapture(fileWith("plain.pcap", PCAP_MICROS_LITTLE), collector);
    expect(collector.frames).toEqual(PCAP_MICROS_LITTLE_FRAMES);
    expect(info).toMatchObject({ format: "pcap", gzip: false });
  });

  it("recognises gzip by its magic bytes, not by the file name", async () => {
    const collector = new Collector();
    const info = await readCapture(fileWith("compressed-but-named.pcapng", gzipSync(PCAPNG_TWO_SECTIONS)), collector);
    expect(collector.frames).toEqual(PCAPNG_TWO_SECTIONS_FRAMES);
    expect(info).toMatchObject({ format: "pcapng", gzip: true });
  });

  it("numbers records from firstIndex", async () => {
    const collector = new Collector();
    await readCapture(fileWith("numbered.pcap", PCAP_MICROS_LITTLE), collector, { firstIndex: 10 });
    expect(collector.frames.map((frame) => frame.index)).toEqual([10, 11]);
  });

  it("names the file in errors and warnings", async () => {
    const path = fileWith("cut.pcap", PCAP_MICROS_LITTLE.subarray(0, 60));
    const collector = new Collector();
    await readCapture(path, collector);
    expect(collector.warnings).toMatchObject([{ kind: "truncated", frame: 2, file: path }]);
    const error = await rejection(
      readCapture(fileWith("text.pcap", new TextEncoder().encode("GET / HTTP/1.1")), collector),
    );
    expect(error).toMatchObject({ kind: "unsupported", file: join(dir, "text.pcap") });
  });
});

describe("files that cannot be read", () => {
  it("reports a missing file by name", async () => {
    const path = join(dir, "missing.pcap");
    const error = await rejection(readCapture(path, new Collector()));
    expect(error).toBeInstanceOf(CaptureError);
    expect(error).toMatchObject({
      kind: "unreadable",
      message: "no such file or directory",
      file: path,
      offset: 0,
    });
  });

  it("reports a directory by name", async () => {
    const error = await rejection(readCapture(dir, new Collector()));
    expect(error).toMatchObject({ kind: "unreadable", message: "it is a directory", file: dir });
  });
});

describe("damaged gzip", () => {
  const compressed = gzipSync(PCAP_MICROS_LITTLE);

  it("warns that a gzip stream cut short in its trailer ends early, after every record", async () => {
    const path = fileWith("cut.pcap.gz", compressed.subarray(0, compressed.length - 8));
    const collector = new Collector();
    await readCapture(path, collector);
    expect(collector.frames).toEqual(PCAP_MICROS_LITTLE_FRAMES);
    expect(collector.warnings).toEqual([
      {
        kind: "truncated",
        message: "the gzip stream ends early (inside member 1's 8-byte trailer) after 62 decompressed bytes",
        offset: 62,
        file: path,
        gzip: true,
      },
    ]);
  });

  it("rejects corrupt gzip data with a CaptureError, not a stream error", async () => {
    const corrupt = compressed.slice();
    corrupt.set([0b111], 10); // the first deflate block: final, of the reserved type 3 (RFC 1951 §3.2.3)
    const error = await rejection(readCapture(fileWith("corrupt.pcap.gz", corrupt), new Collector()));
    expect(error).toBeInstanceOf(CaptureError);
    expect(error).toMatchObject({
      kind: "malformed",
      message: expect.stringMatching(/^the gzip data is corrupt \(.+\) after \d+ decompressed bytes$/),
    });
  });
});

describe("gzip damaged at its end keeps every byte that decompressed", () => {
  /**
   * 30,000 records of 20 bytes, 1.08 MB: more than one 256 KiB step of zlib's output. Node's
   * gunzip stream drops the output of the step in which it meets the damage (the last 4,000
   * records here), as its error comes before that output.
   */
  const RECORDS = 30_000;
  const capture = writePcap(
    spacedRecords(
      Array.from({ length: RECORDS }, (_, i) =>
        Uint8Array.of(0x45, 0, 0, 20, i >> 8, i & 0xff, ...Array<number>(14).fill(0)),
      ),
    ),
    { linkType: LINKTYPE.RAW },
  );
  const compressed = gzipSync(capture);
  const length = capture.length;

  async function read(name: string, bytes: Uint8Array) {
    const path = fileWith(name, bytes);
    const collector = new Collector();
    await readCapture(path, collector);
    return {
      frames: collector.frames.length,
      warnings: collector.warnings.map((warning) => ({ ...warning, file: undefined })),
    };
  }

  it("a wrong CRC-32: every record, then a warning", async () => {
    const crcAt = compressed.length - 8;
    const badCrc = Buffer.concat([
      compressed.subarray(0, crcAt),
      Uint8Array.of(compressed[crcAt]! ^ 1),
      compressed.subarray(crcAt + 1),
    ]);
    const expected = compressed.readUInt32LE(crcAt).toString(16).padStart(8, "0");
    const given = badCrc.readUInt32LE(crcAt).toString(16).padStart(8, "0");
    expect(await read("bad-crc.pcap.gz", badCrc)).toEqual({
      frames: RECORDS,
      warnings: [
        {
          kind: "malformed",
          message: `gzip member 1's CRC-32 does not match (its trailer gives 0x${given}, its data has 0x${expected}: the data may be damaged) after ${length} decompressed bytes`,
          offset: length,
          gzip: true,
          file: undefined,
        },
      ],
    });
  });

  it('bytes after the gzip data: every record, then a warning (gzip -d: "trailing garbage ignored")', async () => {
    expect(await read("garbage.pcap.gz", Buffer.concat([compressed, Buffer.from("trailing garbage")]))).toEqual({
      frames: RECORDS,
      warnings: [
        {
          kind: "malformed",
          message: `16 bytes that are not gzip follow the gzip data (ignored) after ${length} decompressed bytes`,
          offset: length,
          gzip: true,
          file: undefined,
        },
      ],
    });
  });

  it("zero bytes after the gzip data (padding): every record, nothing to say", async () => {
    expect(await read("padded.pcap.gz", Buffer.concat([compressed, Buffer.alloc(512)]))).toEqual({
      frames: RECORDS,
      warnings: [],
    });
  });

  it("two members, as cat a.gz b.gz makes: one capture", async () => {
    const half = 24 + 36 * (RECORDS / 2);
    const twoMembers = Buffer.concat([gzipSync(capture.subarray(0, half)), gzipSync(capture.subarray(half))]);
    expect(await read("two-members.pcap.gz", twoMembers)).toEqual({ frames: RECORDS, warnings: [] });
  });

  /** RFC 1952 §2.3: a member whose header has every optional field, FHCRC's CRC16 as given. */
  function everyField(headerCrc: (header: Buffer) => number): Buffer {
    const fields = Buffer.concat([
      Buffer.from([0x1f, 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3]), // FHCRC | FEXTRA | FNAME | FCOMMENT, Unix
      Buffer.from([6, 0, 0x41, 0x42, 2, 0, 1, 2]), // XLEN 6: one subfield, "AB", of 2 bytes
      Buffer.from("capture.pcap\0a comment\0"),
    ]);
    const crc16 = Buffer.alloc(2);
    crc16.writeUInt16LE(headerCrc(fields));
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc32(capture), 0);
    trailer.writeUInt32LE(length, 4);
    return Buffer.concat([fields, crc16, deflateRawSync(capture), trailer]);
  }

  it("a header with every optional field (extra, name, comment, header CRC) is read past", async () => {
    expect(
      await read(
        "every-field.pcap.gz",
        everyField((header) => crc32(header) & 0xffff),
      ),
    ).toEqual({ frames: RECORDS, warnings: [] });
  });

  it("a header CRC that does not match: every record, and a warning", async () => {
    const { frames, warnings } = await read(
      "bad-header-crc.pcap.gz",
      everyField((header) => ~crc32(header) & 0xffff),
    );
    expect(frames).toBe(RECORDS);
    expect(warnings).toEqual([
      {
        kind: "malformed",
        message:
          "gzip member 1's header CRC-16 does not match its header: the header may be damaged after 0 decompressed bytes",
        offset: 0,
        gzip: true,
        file: undefined,
      },
    ]);
  });
});

describe("readCapture from a stream", () => {
  /** A sink that lets a test wait for the frame with a given number. */
  function waitingSink(): CaptureSink & { indexes: number[]; frameArrived(index: number): Promise<void> } {
    const indexes: number[] = [];
    const waiters = new Map<number, () => void>();
    return {
      indexes,
      frame(frame) {
        indexes.push(frame.index);
        waiters.get(frame.index)?.();
      },
      warning() {},
      frameArrived: (index) => new Promise((resolve) => waiters.set(index, resolve)),
    };
  }

  it("hands on each frame as soon as its bytes arrive, before the stream ends", async () => {
    const stream = new PassThrough();
    const sink = waitingSink();
    const firstArrived = sink.frameArrived(1);
    const done = readCapture(stream, sink);
    stream.write(PCAP_MICROS_LITTLE.subarray(0, 50)); // the header, record 1, part of record 2
    await firstArrived;
    expect(sink.indexes).toEqual([1]);
    stream.end(PCAP_MICROS_LITTLE.subarray(50));
    await done;
    expect(sink.indexes).toEqual([1, 2]);
  });

  it("does the same through gzip when the writer flushes", async () => {
    const stream = new PassThrough();
    const gzip = createGzip();
    gzip.pipe(stream);
    const sink = waitingSink();
    const firstArrived = sink.frameArrived(1);
    const done = readCapture(stream, sink);
    gzip.write(PCAP_MICROS_LITTLE.subarray(0, 50));
    gzip.flush(constants.Z_SYNC_FLUSH);
    await firstArrived;
    expect(sink.indexes).toEqual([1]);
    gzip.end(PCAP_MICROS_LITTLE.subarray(50));
    expect(await done).toMatchObject({ gzip: true });
    expect(sink.indexes).toEqual([1, 2]);
  });

  it("reads a stream of one-byte chunks", async () => {
    const collector = new Collector();
    await readCapture(Readable.from(Array.from(PCAP_MICROS_LITTLE, (byte) => Buffer.of(byte))), collector);
    expect(collector.frames).toEqual(PCAP_MICROS_LITTLE_FRAMES);
  });

  it("refuses a stream that yields text", async () => {
    const error = await rejection(readCapture(Readable.from(["not bytes"]), new Collector()));
    expect(error).toBeInstanceOf(TypeError);
  });
});

describe("readCaptures", () => {
  it("waits between chunks while the sink is not ready, and Ctrl-C still stops it", async () => {
    // Two copies of the capture's records in one stream of two chunks: the second waits for the sink.
    const header = PCAP_MICROS_LITTLE.subarray(0, 24);
    const records = PCAP_MICROS_LITTLE.subarray(24);
    let release: () => void = () => {};
    const collector = new Collector();
    const waiting: CaptureSink = {
      frame: (frame) => collector.frame(frame),
      warning: (warning) => collector.warning(warning),
      ready: () =>
        collector.frames.length === PCAP_MICROS_LITTLE_FRAMES.length
          ? new Promise<void>((resolve) => (release = resolve))
          : undefined,
    };
    const reading = readCapture(Readable.from([Buffer.concat([header, records]), Buffer.from(records)]), waiting);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(collector.frames).toHaveLength(PCAP_MICROS_LITTLE_FRAMES.length);
    release();
    await reading;
    expect(collector.frames).toHaveLength(2 * PCAP_MICROS_LITTLE_FRAMES.length);

    const interrupt = new AbortController();
    const stuck: CaptureSink = { frame() {}, warning() {}, ready: () => new Promise<void>(() => {}) };
    const stopped = readCapture(Readable.from([Buffer.from(PCAP_MICROS_LITTLE), Buffer.from(records)]), stuck, {
      signal: interrupt.signal,
    });
    interrupt.abort(new Error("interrupted"));
    expect(await rejection(stopped)).toMatchObject({ message: "interrupted" });
  });

  it("reads files one after another as one capture, numbering on", async () => {
    const collector = new Collector();
    const infos = await readCaptures(
      [fileWith("first.pcap", PCAP_MICROS_LITTLE), fileWith("second.pcapng.gz", gzipSync(PCAPNG_TWO_SECTIONS))],
      collector,
    );
    expect(collector.frames.map((frame) => frame.index)).toEqual([1, 2, 3, 4]);
    expect(collector.frames.slice(2)).toEqual(
      PCAPNG_TWO_SECTIONS_FRAMES.map((frame, i) => ({ ...frame, index: 3 + i })),
    );
    expect(infos.map((info) => [info.format, info.gzip])).toEqual([
      ["pcap", false],
      ["pcapng", true],
    ]);
  });

  it("counts a record skipped for damage, so the next file's numbers stay right", async () => {
    const damaged = PCAPNG_TWO_SECTIONS.slice();
    damaged[56] = 9; // the first EPB names interface 9: skipped, but it is record 1
    const collector = new Collector();
    await readCaptures([fileWith("damaged.pcapng", damaged), fileWith("next.pcap", PCAP_MICROS_LITTLE)], collector);
    expect(collector.warnings.map((warning) => warning.frame)).toEqual([1]);
    expect(collector.frames.map((frame) => frame.index)).toEqual([2, 3, 4]);
  });
});
