import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasPlainHeadline } from "../../src/explain/explainer.js";
import { formatMessage } from "../../src/explain/format.js";
import { annotateFile } from "../helpers/annotate-file.js";
import { FIXTURES } from "../helpers/fixtures.js";

describe("a plain segment's explanation", () => {
  it("says its headline and its ACK's RTT each time it is read, and writes them as JSON", async () => {
    const { segments } = await annotateFile(join(FIXTURES, "shared", "tcp_dupack.pcapng"));
    const plain = segments.filter(
      ({ tracked }) => !tracked.isFirst && tracked.analysis.length === 0 && hasPlainHeadline(tracked),
    );
    expect(plain.length).toBeGreaterThan(segments.length / 4);
    for (const { tracked, explanation } of plain) {
      // Plain ones make their lines when read: the messages are a getter, not data.
      expect(Object.hasOwn(explanation, "messages")).toBe(false);
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

describe("any other segment's explanation", () => {
  it("ends with which segment it acknowledges, made each time it is read, when the capture shows it", async () => {
    const { segments } = await annotateFile(join(FIXTURES, "loopback", "many-connections.pcap"));
    const others = segments.filter(
      ({ tracked }) => tracked.isFirst || tracked.analysis.length > 0 || !hasPlainHeadline(tracked),
    );
    const acking = others.filter(({ tracked }) => tracked.analysisDetails.ackedFrame !== undefined);
    // Handshake and teardown steps, and findings, acknowledge a segment too.
    expect(acking.length).toBeGreaterThan(others.length / 3);
    expect(acking.some(({ explanation }) => explanation.step !== null)).toBe(true);
    for (const { tracked, explanation } of others) {
      const acks = tracked.analysisDetails.ackedFrame !== undefined;
      expect(Object.hasOwn(explanation, "messages")).toBe(!acks);
      const messages = explanation.messages;
      expect(messages.length).toBeGreaterThan(acks ? 1 : 0);
      if (acks) {
        const last = messages.at(-1)!;
        expect(last.key).toBe(
          tracked.analysisDetails.ackRtt === undefined ? "analysis.acked-frame" : "analysis.ack-rtt",
        );
        expect(last.values["frame"]).toBe(tracked.analysisDetails.ackedFrame);
        expect(explanation.messages).toEqual(messages);
      }
      expect(JSON.parse(JSON.stringify(explanation))).toEqual(
        JSON.parse(JSON.stringify({ step: explanation.step, messages })),
      );
    }
  });
});
