import { describe, expect, it } from "vitest";
import {
  annotationsOf,
  foldLadder,
  formatMessage,
  HtmlReportWriter,
  ladderOf,
  mermaidMarkdown,
  mermaidSection,
  renderHtmlReport,
  summarize,
  type ConnectionEvent,
  type Ladder,
} from "../../src/index.js";
import { readGolden } from "../helpers/fixtures.js";

const SEED = "fixtures/seed/seed-9502.pcap";

describe("the package's exports (docs/library.md)", () => {
  it("run the library page's example: each segment's frame and relative numbers as tshark's, with its explanation", async () => {
    const lines: string[] = [];
    for await (const event of annotationsOf(SEED)) {
      if (event.kind !== "segment") continue;
      const { tracked, explanation } = event;
      lines.push(
        `${tracked.segment.frame} ${tracked.seq} ${tracked.ack} ${explanation.messages.map((message) => formatMessage(message, "en")).join(" ")}`,
      );
    }
    const golden = readGolden("seed/seed-9502.pcap");
    // tshark writes ack 0 where the ACK flag is off; the tracker says null.
    const ackOf = (row: Record<string, string>) => (Number(row["tcp.flags"]) & 0x10 ? row["tcp.ack"] : "null");
    expect(lines.map((line) => line.split(" ").slice(0, 3).join(" "))).toEqual(
      golden.map((row) => `${row["frame.number"]} ${row["tcp.seq"]} ${ackOf(row)}`),
    );
    expect(lines[0]).toContain("SYN");
    for (const line of lines) expect(line.split(" ").length, line).toBeGreaterThan(6);
  });

  it("draw connections as they end, the pieces making the same page and Markdown as drawing them at the end", async () => {
    const events = new Map<number, ConnectionEvent[]>();
    const ladders: Ladder[] = [];
    const writer = new HtmlReportWriter("zh");
    const sections: string[] = [];
    const generator = annotationsOf(SEED);
    let result = await generator.next();
    for (; !result.done; result = await generator.next()) {
      const event = result.value;
      if (event.kind === "warning" || event.kind === "revision") continue;
      const connection = event.kind === "segment" ? event.tracked.connection : event.expiry.connection;
      events.set(connection.stream, [...(events.get(connection.stream) ?? []), event]);
    }
    const { info, totals, connections } = result.value;
    for (const connection of connections) {
      const ladder = foldLadder(ladderOf(connection, events.get(connection.stream) ?? []));
      ladders.push(ladder);
      sections.push(mermaidSection(ladder, "zh"));
      writer.add({ ladder, summary: summarize(connection) });
    }
    const model = {
      captures: [{ file: SEED, info }],
      totals,
      connections: ladders.map((ladder, i) => ({ ladder, summary: summarize(connections[i]!) })),
    };
    expect(Buffer.concat(writer.pieces(model.captures, totals)).toString("utf8")).toBe(renderHtmlReport(model, "zh"));
    expect(sections.join("\n")).toBe(mermaidMarkdown(ladders, "zh"));
  });
});
