import { describe, expect, it } from "vitest";
import { Output } from "../../src/cli/output.js";

/** A stream that keeps what it is given, as an asynchronous one would until it writes. */
function collectingStream() {
  const chunks: Array<Buffer | string> = [];
  const stream = { write: (chunk: Buffer | string) => chunks.push(chunk) } as unknown as NodeJS.WriteStream;
  const text = () => chunks.map((chunk) => (typeof chunk === "string" ? chunk : chunk.toString("utf8"))).join("");
  return { stream, chunks, text };
}

describe("Output", () => {
  it("writes everything in order, multibyte text and pieces larger than its buffer included", () => {
    const { stream, chunks, text } = collectingStream();
    const output = new Output(stream);
    const pieces: string[] = [];
    for (let i = 0; i < 20_000; i++) pieces.push(`#${i} client→server 客户端 😀 ESTABLISHED\n`);
    pieces.splice(10_000, 0, "x".repeat(2_000_000), "→".repeat(400_000));
    for (const piece of pieces) output.write(piece);
    output.flush();
    expect(text()).toBe(pieces.join(""));
    expect(chunks.length).toBeGreaterThan(2);
  });

  it("hands the stream copies: what was written stays as it was after later writes", () => {
    const { stream, chunks } = collectingStream();
    const output = new Output(stream);
    output.write("first\n");
    output.flush();
    output.write("second\n");
    output.flush();
    expect(chunks.map(String)).toEqual(["first\n", "second\n"]);
  });

  it("writes nothing for nothing", () => {
    const { stream, chunks } = collectingStream();
    new Output(stream).flush();
    expect(chunks).toEqual([]);
  });
});
