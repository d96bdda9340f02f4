import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annotateFile } from "../../helpers/annotate-file.js";
import { FIXTURES } from "../../helpers/fixtures.js";
import { rowSummaryOf } from "../../helpers/row-summary.js";

/**
 * A client port used again while the server still has its older connection, on real bytes
 * (scripts/fixtures/scenarios.py stale-server): the first connection's RST was dropped after the
 * capture point, so the server answers the new SYN with a challenge ACK (RFC 5961 §4); the client,
 * in SYN_SENT, answers that with RST (RFC 9293 §3.10.7.3), which resets the older connection, and
 * its next copy of the SYN opens the new one (docs/tracking-model.md, Evidence).
 */
describe("a SYN that an older connection on the same ports answers", () => {
  it("stale-server.pcap stream 1: the listener never took the first SYN in, and the client stays in SYN_SENT through its RST", async () => {
    const { segments } = await annotateFile(join(FIXTURES, "loopback", "stale-server.pcap"));
    const rows = segments.filter(({ tracked }) => tracked.connection.stream === 1).map(rowSummaryOf);
    expect(rows.slice(0, 6).map(({ frame, states, notes }) => ({ frame, states, notes }))).toEqual([
      { frame: 9, states: "SYN_SENT/LISTEN", notes: ["old-connection@10"] },
      { frame: 10, states: "SYN_SENT/LISTEN", notes: [] },
      { frame: 11, states: "SYN_SENT/LISTEN", notes: ["rst-answers-bad-ack"] },
      { frame: 12, states: "SYN_SENT/SYN_RCVD", notes: ["syn-retransmitted"] },
      { frame: 13, states: "ESTABLISHED/SYN_RCVD", notes: [] },
      { frame: 14, states: "ESTABLISHED/ESTABLISHED", notes: [] },
    ]);
    expect(rows[0]!.text).toContain("note.old-connection");
    expect(rows[2]!.text[0]).toBe("segment.reset-bad-ack");
    expect(rows.at(-1)!.states).toBe("CLOSED/CLOSED");
  });
});
