import type { ByteWriter } from "./byte-writer.js";

/**
 * Where a writer that goes piece by piece puts its text: encoded into `bytes` as it is made
 * (no string joined first), and `wrote()` called once each piece is whole, so that it can go out
 * (cli/output.ts's Output is one).
 */
export interface TextOutput {
  readonly bytes: ByteWriter;
  wrote(): void;
}

/** A whole piece of text. */
export function writeText(output: TextOutput, text: string): void {
  output.bytes.text(text);
  output.wrote();
}
