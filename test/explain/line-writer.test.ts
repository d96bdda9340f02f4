import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../../src/explain/catalog/index.js";
import { formatMessage } from "../../src/explain/format.js";
import { LineWriter, type LineSink } from "../../src/explain/line-writer.js";
import { millis } from "../../src/explain/millis.js";
import { annotateFile } from "../helpers/annotate-file.js";
import { FIXTURES } from "../helpers/fixtures.js";

/** Lines gathered as strings, each in brackets, numbered from its place. */
class StringLines implements LineSink {
  text = "";

  lineStart(index: number): void {
    this.text += `${index}[`;
  }

  lineEnd(): void {
    this.text += "]";
  }

  literal(text: string, encoded: Uint8Array): void {
    expect(Buffer.from(encoded).toString("utf8")).toBe(text);
    this.text += text;
  }

  number(value: number): void {
    this.text += String(value);
  }

  millis(seconds: number): void {
    this.text += millis(seconds);
  }

  value(value: string): void {
    this.text += value;
  }
}

describe("the line writer", () => {
  for (const file of ["tcp_dupack.pcapng", "tcp_teardown.pcapng", "tcp_refuseconnection.pcapng"]) {
    it(`writes every segment's lines of ${file} as its messages say them, plain ones without messages made`, async () => {
      const { segments } = await annotateFile(join(FIXTURES, "shared", file));
      for (const language of LANGUAGES) {
        const sink = new StringLines();
        const writer = new LineWriter(language, sink);
        for (const { explanation } of segments) {
          sink.text = "";
          writer.explanation(explanation);
          const expected = explanation.messages.map((message, i) => `${i}[${formatMessage(message, language)}]`);
          expect(sink.text).toBe(expected.join(""));
        }
      }
    });
  }
});
