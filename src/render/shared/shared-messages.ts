import type { Language } from "../../explain/catalog/index.js";
import { type MessageSink, writeMessage } from "../../explain/format.js";
import type { Message } from "../../explain/message.js";
import type { ByteWriter } from "./byte-writer.js";

/**
 * The text of shared messages (isShared: a state change's line, a constant remark), kept as the
 * bytes a sink wrote for each the first time and copied after: most handshake and teardown
 * segments say one or two state changes, and filling their templates in again each time was most
 * of what writing them cost. One per sink, as what a sink writes for a value is its own (escaped
 * for JSON, made terminal-safe).
 */
export class SharedMessages {
  private readonly texts = new Map<Message, Uint8Array>();

  constructor(private readonly language: Language) {}

  /** The shared message, written into `out` through `sink` the first time, copied from then on. */
  write(message: Message, sink: MessageSink, out: ByteWriter): void {
    const text = this.texts.get(message);
    if (text !== undefined) return out.bytes(text);
    const from = out.position;
    writeMessage(message, this.language, sink);
    // Kept only when written whole into what the writer holds (not handed over part way).
    const held = out.length - (out.position - from);
    if (held >= 0) this.texts.set(message, out.bytesOf(held, out.length));
  }
}
