import type { Language } from "../../explain/catalog/index.js";
import { LineWriter, type LineSink } from "../../explain/line-writer.js";
import type { Message } from "../../explain/message.js";
import type { ByteWriter } from "./byte-writer.js";
import { writeMillis } from "./quantities.js";
import { SharedMessages } from "./shared-messages.js";

/**
 * An explanation's lines written into a byte buffer in one language: the catalog's text as its
 * bytes encoded once, numbers digit by digit, shared messages copied as first written
 * (SharedMessages). Where a line starts and ends, and how a string value is made fit for where the
 * text goes (escaped for JSON, terminal-safe), are each timeline's own.
 */
export abstract class ByteLineSink implements LineSink {
  readonly lines: LineWriter;
  private readonly shared: SharedMessages;

  constructor(
    /** Where the lines go, set for each explanation. */
    public out: ByteWriter,
    language: Language,
  ) {
    this.lines = new LineWriter(language, this);
    this.shared = new SharedMessages(language);
  }

  abstract lineStart(index: number): void;
  abstract lineEnd(): void;
  abstract value(value: string): void;

  sharedMessage(line: Message): void {
    this.shared.write(line, this, this.out);
  }

  literal(_text: string, encoded: Uint8Array): void {
    this.out.bytes(encoded);
  }

  number(value: number): void {
    this.out.number(value);
  }

  /** Digits and a point: nothing in them is escaped or made safe. */
  millis(seconds: number): void {
    writeMillis(this.out, seconds);
  }
}
