import { describe, expect, it } from "vitest";
import { formatMessage, type MessageSink } from "../../../src/explain/format.js";
import { isShared, message } from "../../../src/explain/message.js";
import { ByteWriter } from "../../../src/render/shared/byte-writer.js";
import { SharedMessages } from "../../../src/render/shared/shared-messages.js";

/** A sink that writes into a ByteWriter, its values in brackets (as a sink of its own escapes them), counting the values it was given. */
class BracketSink implements MessageSink {
  values = 0;

  constructor(readonly out: ByteWriter) {}

  literal(_text: string, encoded: Uint8Array): void {
    this.out.bytes(encoded);
  }

  number(value: number): void {
    this.out.number(value);
  }

  value(value: string): void {
    this.values++;
    this.out.text(`[${value}]`);
  }
}

const change = Object.freeze(
  message(
    "change.line",
    Object.freeze({ who: "client", from: "SYN_SENT", to: "ESTABLISHED", cause: message("cause.received-syn-ack") }),
  ),
);

describe("SharedMessages", () => {
  it("writes a shared message as its sink does the first time, and copies that text after", () => {
    expect(isShared(change)).toBe(true);
    const out = new ByteWriter();
    const sink = new BracketSink(out);
    const shared = new SharedMessages("en");
    const expected = formatMessage(change, "en", (value) => `[${value}]`);
    for (let i = 0; i < 3; i++) {
      out.text("|");
      shared.write(change, sink, out);
    }
    expect(out.takeText()).toBe(`|${expected}`.repeat(3));
    // The states were given to the sink once, the first time.
    expect(sink.values).toBe(2);
  });

  it("keeps no text the writer handed over part way, and writes it again until it can", () => {
    const chunks: Buffer[] = [];
    // A buffer too short for the line: each time, part of it is handed over.
    const out = new ByteWriter((chunk, release) => {
      chunks.push(Buffer.from(chunk));
      release?.();
    }, 16);
    const sink = new BracketSink(out);
    const shared = new SharedMessages("zh");
    for (let i = 0; i < 3; i++) shared.write(change, sink, out);
    out.flush();
    const expected = formatMessage(change, "zh", (value) => `[${value}]`);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(expected.repeat(3));
    expect(sink.values).toBe(6);
  });

  it("tells a message made for one segment from a shared one", () => {
    expect(isShared(message("segment.ack", { who: "client", ack: 1 }))).toBe(false);
    expect(isShared(message("connection.midstream"))).toBe(true);
  });
});
