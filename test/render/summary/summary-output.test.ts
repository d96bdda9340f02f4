import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ByteWriter } from "../../../src/render/shared/byte-writer.js";
import { terminalSafeLines } from "../../../src/render/shared/terminal-safe.js";
import { writeIndentedSummary } from "../../../src/render/summary/summary-json.js";
import { type SummaryFormat, summaryWriter } from "../../../src/render/summary/summary-output.js";
import { summarize, type ConnectionSummary } from "../../../src/track/summary.js";
import { annotateFile } from "../../helpers/annotate-file.js";
import { capturesWithGoldens, FIXTURES } from "../../helpers/fixtures.js";
import { oddSummaries } from "../../helpers/odd-summaries.js";

/** A record as summarize makes it (stream 0 of a generated capture). */
const RECORD: ConnectionSummary = {
  stream: 0,
  client: "10.1.0.21:46575",
  server: "10.2.0.1:9504",
  roles: "syn",
  firstFrame: 1,
  lastFrame: 352,
  duration: 0.030787,
  packets: { client: 10, server: 5 },
  bytes: { client: 129, server: 314 },
  handshake: { outcome: "complete", rtt: 0.000632 },
  close: { kind: "three-way", by: "client" },
  finalStates: { client: "TIME_WAIT", server: "CLOSED" },
  finalConfidence: { client: "confirmed", server: "inferred" },
  verdict: "closed",
  halfOpen: false,
  completeness: 31,
  findings: { retransmission: 1 },
  zeek: { connState: "SF", history: "ShADdFf" },
};

function json(records: ConnectionSummary[]): string {
  const bytes = new ByteWriter();
  const writer = summaryWriter("json", { language: "en", color: false }, { bytes, wrote() {} });
  for (const record of records) writer.release(writer.hold(record));
  writer.end();
  return bytes.takeText();
}

describe("summary --format json", () => {
  it("writes the records as JSON.stringify indents the whole document", () => {
    const records = [RECORD, { ...RECORD, stream: 1, zeek: null }];
    const text = json(records);
    const { connections } = JSON.parse(text) as { connections: unknown };
    expect(connections).toEqual(records);
    expect(text.startsWith(`{\n  "connections": ${JSON.stringify(records, null, 2).replaceAll("\n", "\n  ")},\n`)).toBe(
      true,
    );
  });

  it("escapes a character a terminal would act on, and reads back to the same text", () => {
    const hostile = { ...RECORD, client: "\u202e10.1.0.21\u001b[2J:46575\u0085" };
    const text = json([hostile]);
    expect(text).toContain('"client": "\\u202e10.1.0.21\\u001b[2J:46575\\u0085"');
    expect(text).not.toMatch(/[\u001b\u0085\u202e]/);
    expect((JSON.parse(text) as { connections: ConnectionSummary[] }).connections[0]!.client).toBe(hostile.client);
  });
});

/** Records held in `holdOrder`, then each released in stream order: the writer's output. */
function heldThenReleased(format: SummaryFormat, records: ConnectionSummary[], holdOrder: number[]): string {
  const bytes = new ByteWriter();
  const writer = summaryWriter(format, { language: "en", color: false }, { bytes, wrote() {} });
  const held: number[] = [];
  for (const index of holdOrder) held[index] = writer.hold(records[index]!);
  for (const record of held) writer.release(record);
  writer.end();
  return bytes.takeText();
}

describe("summary's held records", () => {
  // Rows of differing widths and verdicts, enough for many of the store's chunks and past the table's measured rows.
  const records = Array.from({ length: 3000 }, (_, stream) => ({
    ...RECORD,
    stream,
    client: `10.1.${stream % 256}.${stream % 7}:${40000 + stream}`,
    verdict: stream % 5 === 0 ? ("reset" as const) : RECORD.verdict,
    handshake: { outcome: RECORD.handshake.outcome, rtt: (stream % 13) / 1e6 },
  }));
  const inOrder = records.map((_, index) => index);
  // Held in an order far from the streams' (a fixed permutation), as connections finish.
  const shuffled = inOrder.map((index) => (index * 1237 + 1) % records.length);

  it.each(["text", "json", "ndjson"] as const)(
    "%s: written as when each is written in turn, whatever order they were held in",
    (format) => {
      expect(new Set(shuffled).size).toBe(records.length);
      const expected = heldThenReleased(format, records, inOrder);
      expect(expected).toContain("10.1.255.3:40255");
      expect(heldThenReleased(format, records, shuffled)).toBe(expected);
    },
  );
});

/** A record as JSON.stringify indents it in the document (four more), made safe line by line. */
function stringifiedRecord(summary: ConnectionSummary): string {
  return terminalSafeLines(`    ${JSON.stringify(summary, null, 2).replaceAll("\n", "\n    ")}`);
}

function written(summary: ConnectionSummary): string {
  const out = new ByteWriter();
  writeIndentedSummary(out, summary);
  return out.takeText();
}

/** The JSON records are written out key by key: each must be what JSON.stringify writes. */
describe("summary --format json records", () => {
  it.each(capturesWithGoldens())("%s", async (capture) => {
    const annotated = await annotateFile(join(FIXTURES, capture));
    for (const connection of annotated.connections) {
      const summary = summarize(connection);
      expect(written(summary)).toBe(stringifiedRecord(summary));
    }
  });

  it("writes odd values as JSON.stringify and terminalSafeLines do", () => {
    for (const odd of oddSummaries(RECORD)) expect(written(odd)).toBe(stringifiedRecord(odd));
  });
});
