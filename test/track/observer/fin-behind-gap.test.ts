import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annotateFile } from "../../helpers/annotate-file.js";
import { FIXTURES } from "../../helpers/fixtures.js";
import { rowSummaryOf } from "../../helpers/row-summary.js";

/**
 * A FIN behind lost data, on real bytes (scripts/fixtures/scenarios.py fin-behind-gap): the
 * server's answer was dropped after the capture point and its FIN was not, so the FIN reached the
 * client out of order. The client's duplicate ACK carries a SACK block over the FIN: it had the FIN
 * and could not take it in before the data in front of it (RFC 9293 §3.10.7.4). It takes both in
 * when the server sends the answer again (docs/tracking-model.md, Evidence).
 */
describe("a FIN that waits for the data sent before it", () => {
  it("fin-behind-gap.pcap: the client stays ESTABLISHED through its duplicate ACK and is CLOSE_WAIT with the answer sent again", async () => {
    const { segments } = await annotateFile(join(FIXTURES, "loopback", "fin-behind-gap.pcap"));
    const rows = segments.map(rowSummaryOf);
    expect(rows.slice(5, 10).map(({ frame, states, notes }) => ({ frame, states, notes }))).toEqual([
      { frame: 6, states: "ESTABLISHED/ESTABLISHED", notes: [] },
      { frame: 7, states: "ESTABLISHED/FIN_WAIT_1", notes: ["behind-gap@9"] },
      { frame: 8, states: "ESTABLISHED/FIN_WAIT_1", notes: [] },
      { frame: 9, states: "CLOSE_WAIT/FIN_WAIT_1", notes: ["gap-filled@7"] },
      { frame: 10, states: "CLOSE_WAIT/FIN_WAIT_2", notes: [] },
    ]);
    expect(rows[6]!.text).toContain("note.behind-gap");
    expect(rows[8]!.text).toContain("note.gap-filled");
    expect(rows.at(-1)!.states).toBe("CLOSED/TIME_WAIT");
  });
});
