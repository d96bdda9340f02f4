import { Writable } from "node:stream";
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

  it("says when the stream holds more than it wants, and when it drained (a pipe to a slower reader)", async () => {
    const pending: Array<() => void> = [];
    const received: string[] = [];
    // A reader that takes each write only when told to.
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk.toString("utf8"));
        pending.push(done);
      },
    });
    const output = new Output(slow as unknown as NodeJS.WriteStream);
    expect(output.ready()).toBeUndefined();
    output.write("x".repeat(4096));
    output.flush();
    const ready = output.ready();
    expect(ready).toBeInstanceOf(Promise);
    let drained = false;
    void ready!.then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    pending.shift()!();
    await ready;
    expect(drained).toBe(true);
    expect(output.ready()).toBeUndefined();
    expect(received.join("")).toBe("x".repeat(4096));
  });
});
