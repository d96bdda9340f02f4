import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  jsonStringContent,
  writeJsonNumber,
  writeJsonString,
  writeJsonStrings,
  writeMicrosAsSeconds,
  writeSeconds,
} from "../../../src/render/ndjson/json-text.js";
import { secondsOf } from "../../../src/capture/timestamp.js";
import { NdjsonTimeline } from "../../../src/render/ndjson/ndjson-timeline.js";
import { writeConnectionRecord } from "../../../src/render/ndjson/connection-record.js";
import { StreamFields } from "../../../src/render/ndjson/ndjson.js";
import { summarize, type ConnectionSummary } from "../../../src/track/summary.js";
import type { TrackedSegment } from "../../../src/track/tracked-segment.js";
import { ByteWriter } from "../../../src/render/shared/byte-writer.js";
import { terminalSafe } from "../../../src/render/shared/terminal-safe.js";
import { annotateFile } from "../../helpers/annotate-file.js";
import { oddSummaries } from "../../helpers/odd-summaries.js";
import { capturesWithGoldens, FIXTURES } from "../../helpers/fixtures.js";

/** The NDJSON contract's keys, in order (docs/output.md, "NDJSON records"). */
const SEGMENT_KEYS = [
  "type",
  "frame",
  "time",
  "relTime",
  "stream",
  "from",
  "src",
  "sport",
  "dst",
  "dport",
  "flags",
  "seq",
  "ack",
  "rawSeq",
  "rawAck",
  "len",
  "win",
  "winScaled",
  "winScale",
  "analysis",
  "analysisDetails",
  "states",
  "confidence",
  "changes",
  "notes",
  "step",
  "text",
];
const TIMER_KEYS = ["type", "stream", "time", "frame", "endpoint", "from", "to", "cause", "text"];
const REVISION_KEYS = ["type", "stream", "frame", "endpoint", "reason", "rows", "text"];
/** A segment that came through a tunnel lists its encapsulation after the ports (docs/output.md). */
const segmentKeys = (tunnelled: boolean) =>
  tunnelled ? [...SEGMENT_KEYS.slice(0, 10), "encapsulation", ...SEGMENT_KEYS.slice(10)] : SEGMENT_KEYS;

/**
 * Segment and timer records are written out by hand for speed: on every fixture (in both
 * languages, with a short MSL so that TIME_WAIT timers run out) each line must be exactly what
 * JSON.stringify writes for the object it parses to, keys in the contract's order.
 */
describe("hand-written NDJSON records", () => {
  it.each(capturesWithGoldens())("%s", async (capture) => {
    const annotated = await annotateFile(join(FIXTURES, capture), 0.001);
    for (const language of ["en", "zh"] as const) {
      const view = new NdjsonTimeline(language);
      const out = new ByteWriter();
      for (const event of annotated.events) {
        if (event.kind === "warning") continue;
        view.event(event, out);
        const text = out.takeText();
        expect(text.endsWith("\n")).toBe(true);
        const record = JSON.parse(text) as Record<string, unknown>;
        expect(JSON.stringify(record) + "\n").toBe(text);
        if (event.kind === "segment") {
          expect(Object.keys(record)).toEqual(segmentKeys(event.tracked.segment.encapsulation !== undefined));
          expect(record["encapsulation"]).toEqual(event.tracked.segment.encapsulation);
        } else {
          expect(Object.keys(record)).toEqual(event.kind === "timer" ? TIMER_KEYS : REVISION_KEYS);
        }
      }
    }
  });

  it.each(capturesWithGoldens())("%s: connection records", async (capture) => {
    const annotated = await annotateFile(join(FIXTURES, capture));
    for (const connection of annotated.connections) {
      const summary = summarize(connection);
      expect(connectionRecord(summary)).toBe(stringifiedConnection(summary));
    }
  });

  it("writes a connection record's odd values as JSON.stringify and terminalSafe do", async () => {
    const annotated = await annotateFile(join(FIXTURES, "loopback", "port-reuse.pcap"));
    const summary = summarize(annotated.connections[0]!);
    for (const odd of oddSummaries(summary)) expect(connectionRecord(odd)).toBe(stringifiedConnection(odd));
  });

  it("covers timers, state changes, steps and analysis findings somewhere", async () => {
    const annotated = await annotateFile(join(FIXTURES, "loopback", "port-reuse.pcap"), 0.001);
    const view = new NdjsonTimeline("en");
    const out = new ByteWriter();
    const records = annotated.events
      .filter((event) => event.kind !== "warning")
      .map((event) => {
        view.event(event, out);
        return JSON.parse(out.takeText()) as Record<string, unknown>;
      });
    expect(records.some((record) => record["type"] === "timer")).toBe(true);
    expect(records.some((record) => Array.isArray(record["changes"]) && record["changes"].length > 0)).toBe(true);
    expect(records.some((record) => record["step"] !== null && record["type"] === "segment")).toBe(true);
    expect(records.some((record) => Array.isArray(record["analysis"]) && record["analysis"].length > 0)).toBe(true);
  });
});

/** The connection record as writeConnectionRecord writes it, as text. */
function connectionRecord(summary: ConnectionSummary): string {
  const out = new ByteWriter(undefined, 16);
  writeConnectionRecord(out, summary);
  return out.takeText();
}

/** A JSON string as writeJsonString writes it, as text. */
function jsonString(text: string): string {
  const out = new ByteWriter(undefined, 16);
  writeJsonString(out, text);
  return out.takeText();
}

describe("writeJsonString", () => {
  it("quotes plain text as it is, and escapes the rest as JSON.stringify and terminalSafe do", () => {
    const texts = [
      "",
      "plain seq 1 → 2 §3",
      "客户端",
      'a "quote" \\ back',
      "esc \u001b[31m",
      "del \u007f c1 \u009b",
      "bidi \u202e",
      "sep \u2028",
      "pair 😀",
      "lone \ud800",
    ];
    for (const text of texts) {
      expect(jsonString(text)).toBe(terminalSafe(JSON.stringify(text)));
      expect(`"${jsonStringContent(text)}"`).toBe(jsonString(text));
    }
  });
});

/** Fractions as the records hold them: whole microseconds or nanoseconds in seconds, near the limits of the fast way too. */
const secondsLike = fc.oneof(
  fc.integer({ min: -1e12, max: 1e12 }).map((micros) => micros / 1e6),
  fc.integer({ min: 0, max: 1e13 }).map((nanos) => nanos / 1e9),
  fc.integer({ min: 1e15 - 1e3, max: 1e15 + 1e3 }).map((micros) => micros / 1e6),
  fc.constantFrom(1e-6, -1e-6, 5e-7, 0.1, 0.3, 1 / 3, 999_999_999.999999),
);

describe("JSON written into bytes", () => {
  it("writes strings and numbers as JSON.stringify does, made terminal-safe", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" })), (value) => {
        const out = new ByteWriter();
        writeJsonString(out, value);
        expect(out.takeText()).toBe(terminalSafe(JSON.stringify(value)));
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger(), secondsLike), (value) => {
        const out = new ByteWriter();
        writeJsonNumber(out, value);
        expect(out.takeText()).toBe(JSON.stringify(value));
      }),
    );
  });

  it("writes lists of strings as JSON.stringify does", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" })), (values) => {
        const out = new ByteWriter();
        writeJsonStrings(out, values);
        expect(out.takeText()).toBe(terminalSafe(JSON.stringify(values)));
      }),
    );
  });
});

describe("times written from their parts", () => {
  it("writes microseconds as seconds as JSON.stringify writes them over 1e6", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.integer({ min: -2e6, max: 2e6 })), (micros) => {
        const out = new ByteWriter();
        writeMicrosAsSeconds(out, micros);
        expect(out.takeText()).toBe(JSON.stringify(micros / 1e6));
      }),
    );
  });

  it("writes a capture time as JSON.stringify writes secondsOf it", () => {
    const seconds = fc.oneof(
      fc.integer({ min: 0, max: 2 ** 32 }),
      fc.integer({ min: 2 ** 30 - 2, max: 2 ** 30 + 2 }),
      fc.integer({ min: 2 ** 31 - 3, max: 2 ** 31 + 1 }),
      fc.integer({ min: 1.6e9, max: 1.8e9 }),
    );
    const nanos = fc.oneof(
      fc.integer({ min: 0, max: 999_999 }).map((micros) => micros * 1000),
      fc.integer({ min: 0, max: 999_999_999 }),
      fc.constantFrom(0, 1000, 999_999_000, 500_000_000, 100_000),
    );
    fc.assert(
      fc.property(seconds, nanos, (s, n) => {
        const time = { seconds: s, nanos: n };
        const out = new ByteWriter();
        writeSeconds(out, time);
        expect(out.takeText()).toBe(JSON.stringify(secondsOf(time)));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("StreamFields", () => {
  /** A segment of `stream` from `from`, with the addresses and ports that way. */
  const segmentOf = (stream: number, from: "client" | "server") => {
    const client = { address: `10.0.${stream >> 8}.${stream & 255}`, port: 40000 + (stream % 1000) };
    const server = { address: "192.0.2.1", port: 443 };
    const [src, dst] = from === "client" ? [client, server] : [server, client];
    return {
      connection: { stream },
      from,
      segment: { src: src.address, srcPort: src.port, dst: dst.address, dstPort: dst.port },
    } as unknown as TrackedSegment;
  };
  const expected = (tracked: TrackedSegment) => {
    const s = tracked.segment;
    const fields = { stream: tracked.connection.stream, from: tracked.from, src: s.src, sport: s.srcPort };
    return `,${JSON.stringify({ ...fields, dst: s.dst, dport: s.dstPort }).slice(1, -1)}`;
  };

  it("writes each stream's fields each way, streams sharing a slot included", () => {
    // 4096 slots: these streams share theirs, in turns.
    const streams = fc.array(fc.tuple(fc.constantFrom(1, 4097, 8193, 2, 4098), fc.constantFrom("client", "server")));
    fc.assert(
      fc.property(streams, (segments) => {
        const fields = new StreamFields();
        const out = new ByteWriter();
        let written = "";
        for (const [stream, from] of segments) {
          const tracked = segmentOf(stream, from as "client" | "server");
          fields.write(out, tracked);
          written += expected(tracked);
        }
        expect(out.takeText()).toBe(written);
      }),
    );
  });
});

/** What the connection record was written as before it was written by hand: the oracle it must match. */
function stringifiedConnection(summary: ConnectionSummary): string {
  return terminalSafe(JSON.stringify({ type: "connection", ...summary })) + "\n";
}
