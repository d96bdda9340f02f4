import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annotateFile } from "../../helpers/annotate-file.js";
import { FIXTURES } from "../../helpers/fixtures.js";
import { rowSummaryOf } from "../../helpers/row-summary.js";

/**
 * A RST its receiver never took in, on real bytes (scripts/fixtures/make-rst-lost.mjs): the
 * receiver's own later segment, which a closed endpoint would not send, shows it still had the
 * connection (docs/tracking-model.md, Evidence).
 */
async function read(capture: string) {
  const { segments } = await annotateFile(join(FIXTURES, "crafted", capture));
  return segments.map(rowSummaryOf);
}

describe("a RST its receiver never took in", () => {
  it("rst-lost.pcap: the server's FIN 25 s after the client's RST keeps the server's connection until the client's answer", async () => {
    const rows = await read("rst-lost.pcap");
    expect(rows.slice(7).map(({ frame, states, notes }) => ({ frame, states, notes }))).toEqual([
      { frame: 8, states: "CLOSED/ESTABLISHED", notes: ["rst-lost@9"] },
      { frame: 9, states: "CLOSED/FIN_WAIT_1", notes: ["segment-after-close"] },
      { frame: 10, states: "CLOSED/CLOSED", notes: [] },
    ]);
    expect(rows[9]!.text[0]).toBe("segment.reset-after-close");
  });

  it("rst-challenged.pcap: the challenge ACK shows the first RST refused, and the exact one after it closes", async () => {
    const rows = await read("rst-challenged.pcap");
    expect(rows.slice(5).map(({ frame, states, notes }) => ({ frame, states, notes }))).toEqual([
      { frame: 6, states: "CLOSED/ESTABLISHED", notes: ["rst-lost@7"] },
      { frame: 7, states: "CLOSED/ESTABLISHED", notes: ["segment-after-close"] },
      { frame: 8, states: "CLOSED/CLOSED", notes: [] },
    ]);
  });
});
