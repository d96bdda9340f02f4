import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CaptureReader, readCapture, type Frame } from "../../src/capture/index.js";
import { CaptureFileStream, ChunksInUse } from "../../src/capture/file-stream.js";
import { LINKTYPE } from "../../scripts/lib/capture/link.mjs";
import { spacedRecords, writePcap } from "../../scripts/lib/capture/pcap.mjs";
import { scratchFolder } from "../helpers/scratch.js";

const dir = scratchFolder("capture-file-stream");

function fileWith(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** `length` bytes that differ from record to record, so that one read over another shows. */
function recordData(record: number, length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (record * 7 + i) & 0xff);
}

describe("CaptureFileStream", () => {
  it("yields the file's bytes, read into the buffers handed back to it", async () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 13) & 0xff);
    const stream = new CaptureFileStream(fileWith("bytes.bin", bytes), 1024);
    const copies: Uint8Array[] = [];
    const buffers = new Set<ArrayBufferLike>();
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      copies.push(chunk.slice());
      buffers.add(chunk.buffer);
      stream.recycle(chunk);
    }
    expect(Buffer.concat(copies)).toEqual(Buffer.from(bytes));
    expect(stream.bytesRead).toBe(bytes.length);
    expect(copies).toHaveLength(10);
    expect(buffers.size).toBeLessThan(5);
  });
});

describe("ChunksInUse", () => {
  it("hands back the chunks before one that handed on a frame, not that one nor those before a frame", () => {
    const recycled: Uint8Array[] = [];
    const inUse = new ChunksInUse((chunk) => recycled.push(chunk));
    const [a, b, c] = [new Uint8Array(1), new Uint8Array(1), new Uint8Array(1)];
    inUse.pushed(a, true);
    inUse.pushed(b, false);
    expect(recycled).toEqual([]);
    inUse.pushed(c, true);
    expect(recycled).toHaveLength(2);
    expect(recycled[0]).toBe(a);
    expect(recycled[1]).toBe(b);
  });
});

describe("reading a file into reused buffers", () => {
  it("keeps each frame's bytes as they were until the next frame, across a record longer than two chunks", async () => {
    const lengths = [...Array<number>(200).fill(4000), 700_000, ...Array<number>(200).fill(4000)];
    const packets = lengths.map((length, record) => recordData(record, length));
    const path = fileWith(
      "long-record.pcap",
      writePcap(spacedRecords(packets), { linkType: LINKTYPE.ETHERNET, snaplen: 1_048_576 }),
    );
    const changed: number[] = [];
    let previous: { index: number; view: Uint8Array; copy: Uint8Array } | undefined;
    const sink = {
      frame(frame: Frame) {
        if (previous !== undefined && Buffer.compare(previous.view, previous.copy) !== 0) changed.push(previous.index);
        previous = { index: frame.index, view: frame.data, copy: frame.data.slice() };
      },
      warning() {},
    };
    await readCapture(path, sink);
    expect(previous?.index).toBe(lengths.length);
    expect(changed).toEqual([]);
  });
});

describe("CaptureReader.framesHandedOn", () => {
  it("counts the frames handed to the sink, not a record skipped with a warning", () => {
    const path = fileURLToPath(new URL("../../fixtures/malformed/pcapng-unknown-interface.pcapng", import.meta.url));
    const reader = new CaptureReader({ frame() {}, warning() {} });
    reader.push(readFileSync(path));
    reader.end();
    expect([reader.framesHandedOn, reader.nextIndex]).toEqual([2, 4]);
  });
});
