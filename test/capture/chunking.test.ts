import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CaptureReader, type Frame } from "../../src/capture/index.js";
import { readInChunks } from "./support/collect.js";
import { PCAP_MICROS_LITTLE, SAMPLES } from "./support/captures.js";

/** Chunk sizes for `length` bytes (readInChunks pushes whatever is left in one last chunk). */
const chunkSizes = (length: number) => fc.array(fc.integer({ min: 0, max: length }), { maxLength: 40 });

describe.each(Object.entries(SAMPLES))("%s pushed in pieces", (_name, sample) => {
  const whole = readInChunks(sample.bytes);

  it("gives the same frames, warnings and infos one byte at a time", () => {
    expect(readInChunks(sample.bytes, Array<number>(sample.bytes.length).fill(1))).toEqual(whole);
  });

  it("gives the same at every split point", () => {
    for (let cut = 0; cut <= sample.bytes.length; cut++) {
      expect(readInChunks(sample.bytes, [cut]), `cut at ${cut}`).toEqual(whole);
    }
  });

  it("gives the same in random chunkings, empty chunks included", () => {
    fc.assert(
      fc.property(chunkSizes(sample.bytes.length), (sizes) => {
        expect(readInChunks(sample.bytes, sizes)).toEqual(whole);
      }),
    );
  });

  it("gives the same warning for a capture cut short, however it was chunked", () => {
    const cut = sample.bytes.subarray(0, sample.bytes.length - 1);
    const expected = readInChunks(cut);
    expect(expected.warnings).toHaveLength(1);
    fc.assert(
      fc.property(chunkSizes(cut.length), (sizes) => {
        expect(readInChunks(cut, sizes)).toEqual(expected);
      }),
    );
  });
});

describe("zero copy", () => {
  /** Where each frame's data lies when handed on, before the reader moves on. */
  function dataPlaces(chunks: Uint8Array[]): { buffer: ArrayBufferLike; byteOffset: number }[] {
    const places: { buffer: ArrayBufferLike; byteOffset: number }[] = [];
    const reader = new CaptureReader({
      frame: (frame: Frame) => places.push({ buffer: frame.data.buffer, byteOffset: frame.data.byteOffset }),
      warning: () => {},
    });
    for (const chunk of chunks) reader.push(chunk);
    reader.end();
    return places;
  }

  it("hands on a record inside one chunk as a view into that chunk", () => {
    const chunk = PCAP_MICROS_LITTLE.slice();
    expect(dataPlaces([chunk])).toEqual([
      { buffer: chunk.buffer, byteOffset: 24 + 16 },
      { buffer: chunk.buffer, byteOffset: 44 + 16 },
    ]);
  });

  it("joins a record split between chunks, and views the records after it in their chunk", () => {
    const first = PCAP_MICROS_LITTLE.slice(0, 30);
    const second = PCAP_MICROS_LITTLE.slice(30);
    const [joined, inSecond] = dataPlaces([first, second]);
    expect(joined?.buffer).not.toBe(first.buffer);
    expect(joined?.buffer).not.toBe(second.buffer);
    expect(inSecond).toEqual({ buffer: second.buffer, byteOffset: 44 + 16 - 30 });
  });

  it("hands on Node Buffers' records as plain Uint8Array views of the same memory", () => {
    const buffer = Buffer.from(PCAP_MICROS_LITTLE);
    const kinds: string[] = [];
    const reader = new CaptureReader({ frame: (frame) => kinds.push(frame.data.constructor.name), warning: () => {} });
    reader.push(buffer);
    expect(kinds).toEqual(["Uint8Array", "Uint8Array"]);
    expect(dataPlaces([buffer])[0]?.buffer).toBe(buffer.buffer);
  });
});
