import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteWriter, digitCount, encodeText, wordsOf } from "../../../src/render/shared/byte-writer.js";

/** A writer that hands its bytes over in small buffers, as the output does in large ones. */
function collecting(size: number) {
  const chunks: Buffer[] = [];
  const writer = new ByteWriter((chunk, release) => {
    chunks.push(Buffer.from(chunk));
    release?.();
  }, size);
  const text = () => {
    writer.flush();
    return Buffer.concat(chunks).toString("utf8");
  };
  return { writer, text };
}

describe("ByteWriter", () => {
  it("hands what was written over as bytes of their own, and starts again", () => {
    const out = new ByteWriter(undefined, 4);
    out.text("héllo, ");
    out.number(42);
    const bytes = out.takeBytes();
    out.text("next");
    expect(Buffer.from(bytes).toString("utf8")).toBe("héllo, 42");
    expect(out.takeText()).toBe("next");
  });

  it("writes numbers as String() does", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double(), fc.constantFrom(0, -0, 2 ** 53, 1e21, -1e-7)),
        (value) => {
          const out = new ByteWriter(undefined, 8);
          out.number(value);
          expect(out.takeText()).toBe(String(value));
        },
      ),
    );
  });

  it("counts the digits of every safe integer", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (value) => {
        expect(digitCount(value)).toBe(String(value).length);
      }),
    );
  });

  it("writes any text as UTF-8, through buffers smaller than it and handed over as they fill", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }))),
        (texts) => {
          const { writer, text } = collecting(16);
          for (const piece of texts) writer.text(piece);
          expect(text()).toBe(Buffer.from(texts.join(""), "utf8").toString("utf8"));
        },
      ),
    );
  });

  it("appends any range of a buffer, four bytes at a time or over a view, after what it holds", () => {
    // Odd offsets into a pooled buffer, so neither side is aligned.
    const source = Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 7919) & 0xff));
    for (const words of [wordsOf(source), undefined])
      for (let length = 0; length <= 400; length += length < 20 ? 1 : 37)
        for (const from of [0, 1, 3, 5, 298]) {
          const writer = new ByteWriter();
          writer.byte(0x21);
          writer.append(source, from, from + length, words);
          expect(Buffer.from(writer.takeBytes())).toEqual(
            Buffer.concat([Buffer.of(0x21), source.subarray(from, from + length)]),
          );
        }
  });

  it("writes bytes encoded beforehand, single characters and spaces in order with the rest", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: "grapheme" }), fc.nat(70))), (pieces) => {
        const { writer, text } = collecting(64);
        let expected = "";
        for (const [piece, count] of pieces) {
          writer.bytes(encodeText(piece));
          writer.byte(0x7c);
          writer.spaces(count);
          expected += `${piece}|${" ".repeat(count)}`;
        }
        expect(text()).toBe(expected);
      }),
    );
  });

  it("hands a full buffer over whole and writes into it again only once it is released", () => {
    const held: Array<{ chunk: Buffer; release: (() => void) | undefined }> = [];
    const writer = new ByteWriter((chunk, release) => held.push({ chunk, release }), 8);
    writer.bytes(encodeText("abcdefgh"));
    writer.bytes(encodeText("ij"));
    expect(held.map(({ chunk }) => chunk.toString())).toEqual(["abcdefgh"]);
    writer.bytes(encodeText("klmnop"));
    writer.flush();
    // Nothing released: what was handed over stays as it was.
    expect(held.map(({ chunk }) => chunk.toString())).toEqual(["abcdefgh", "ijklmnop"]);
    held[0]!.release?.();
    writer.bytes(encodeText("qrstuvwx"));
    writer.flush();
    expect(held.map(({ chunk }) => chunk.toString())).toEqual(["abcdefgh", "ijklmnop", "qrstuvwx"]);
  });

  it("copies out a little instead of handing over its buffer", () => {
    const held: Array<{ chunk: Buffer; release: (() => void) | undefined }> = [];
    const writer = new ByteWriter((chunk, release) => held.push({ chunk, release }), 64);
    writer.text("ab");
    writer.flush();
    writer.text("cd");
    writer.flush();
    expect(held.map(({ chunk, release }) => [chunk.toString(), release])).toEqual([
      ["ab", undefined],
      ["cd", undefined],
    ]);
  });
});
