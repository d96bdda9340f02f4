import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annotateFile } from "../../helpers/annotate-file.js";
import { FIXTURES } from "../../helpers/fixtures.js";
import { rowSummaryOf } from "../../helpers/row-summary.js";

/**
 * A FIN lost after the capture point, on real bytes (scripts/fixtures/scenarios.py lossy-closes):
 * the server's segment 200 ms later, where a round trip on loopback takes microseconds, does not
 * acknowledge it, so it had not arrived; it is not read as crossing that segment
 * (docs/tracking-model.md, Evidence).
 */
async function streamRows(stream: number) {
  const { segments } = await annotateFile(join(FIXTURES, "loopback", "lossy-closes.pcap"));
  return segments.filter(({ tracked }) => tracked.connection.stream === stream).map(rowSummaryOf);
}

describe("a FIN lost after the capture point", () => {
  it("lossy-closes.pcap stream 31: the client's FIN+ACK is lost, the server sends its data again, then the repeated FIN reaches it", async () => {
    const rows = await streamRows(31);
    expect(rows.slice(6).map(({ frame, states, notes }) => ({ frame, states, notes }))).toEqual([
      { frame: 290, states: "FIN_WAIT_1/ESTABLISHED", notes: ["not-arrived@345"] },
      { frame: 345, states: "FIN_WAIT_1/ESTABLISHED", notes: [] },
      { frame: 346, states: "FIN_WAIT_1/ESTABLISHED", notes: [] },
      { frame: 347, states: "FIN_WAIT_1/CLOSE_WAIT", notes: ["fin-retransmitted"] },
      { frame: 348, states: "FIN_WAIT_2/CLOSE_WAIT", notes: [] },
      { frame: 349, states: "TIME_WAIT/LAST_ACK", notes: [] },
      { frame: 350, states: "TIME_WAIT/CLOSED", notes: [] },
    ]);
    expect(rows[6]!.text).toContain("note.not-arrived");
  });
});
