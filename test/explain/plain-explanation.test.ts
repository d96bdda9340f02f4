import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatMessage } from "../../src/explain/format.js";
import { annotateFile } from "../helpers/annotate-file.js";
import { FIXTURES } from "../helpers/fixtures.js";

describe("a plain segment's explanation", () => {
  it("says its headline and its ACK's RTT each time it is read, and writes them as JSON", async () => {
    const { segments } = await annotateFile(join(FIXTURES, "shared", "tcp_dupack.pcapng"));
    // Plain ones make their lines when read: the messages are a getter, not data.
    const plain = segments.filter(({ explanation }) => !Object.hasOwn(explanation, "messages"));
    expect(plain.length).toBeGreaterThan(segments.length / 4);
    for (const { tracked, explanation } of plain) {
      expect(explanation.step).toBeNull();
      const lines = explanation.messages.map((message) => formatMessage(message, "en"));
      expect(explanation.messages.map((message) => formatMessage(message, "en"))).toEqual(lines);
      expect(JSON.parse(JSON.stringify(explanation))).toEqual({ step: null, messages: explanation.messages });
      // Data or a bare ACK, then which segment it acknowledges when the capture shows it.
      expect(lines[0]).toMatch(tracked.segment.payloadLength > 0 ? /bytes|byte/ : /ACK|ack/);
      expect(lines.length).toBe(tracked.analysisDetails.ackedFrame === undefined ? 1 : 2);
    }
  });
});
