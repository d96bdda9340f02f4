import { describe, expect, it } from "vitest";
import { summarize } from "../../../src/track/summary.js";
import type { ZeekVerdict } from "../../../src/track/zeek/session.js";
import { annotateFile } from "../../helpers/annotate-file.js";

/**
 * One crafted capture per conn_state (scripts/fixtures/make-zeek-cases.mjs), each with the
 * conn_state and history Zeek's code gives it (main.zeek conn_state, TCPSessionAdapter.cc).
 */
const CASES: Array<[file: string, expected: ZeekVerdict, reason: string]> = [
  [
    "zeek-S0",
    { connState: "S0", history: "S" },
    "orig SYN_SENT, resp never seen; the SYN's retransmissions keep its ISN, so one S",
  ],
  [
    "zeek-S1",
    { connState: "S1", history: "ShADTad" },
    "both ESTABLISHED by the SYN-ACK, no FIN or RST; ping resent at the same place is T",
  ],
  [
    "zeek-SF",
    { connState: "SF", history: "ShADawdFf" },
    "both CLOSED by their FINs; the server's zero window is w after its first pure ACK a",
  ],
  ["zeek-REJ", { connState: "REJ", history: "Sr" }, "resp RESET while orig is still SYN_SENT"],
  ["zeek-S2", { connState: "S2", history: "ShADaF" }, "orig CLOSED by its FIN, resp ESTABLISHED (not inactive)"],
  ["zeek-S3", { connState: "S3", history: "ShAdf" }, "resp CLOSED by its FIN, orig ESTABLISHED (not inactive)"],
  ["zeek-RSTO", { connState: "RSTO", history: "ShADaR" }, "orig RESET, resp ESTABLISHED"],
  ["zeek-RSTR", { connState: "RSTR", history: "ShADr" }, "resp RESET, orig ESTABLISHED (neither opening nor inactive)"],
  [
    "zeek-RSTOS0",
    { connState: "RSTOS0", history: "SR" },
    "orig RESET, resp never seen, and the history is S then R with nothing from H, A, F, G, I, Q between",
  ],
  [
    "zeek-RSTRH",
    { connState: "RSTRH", history: "^hr" },
    "a leading SYN-ACK from port 80 makes its sender the responder (^); resp RESET, orig never seen",
  ],
  ["zeek-SH", { connState: "SH", history: "SF" }, "orig CLOSED straight from SYN_SENT, resp never seen"],
  ["zeek-SHR", { connState: "SHR", history: "^hf" }, "flipped as RSTRH; resp CLOSED by its FIN, orig never seen"],
  ["zeek-OTH", { connState: "OTH", history: "DdA" }, "midstream: both PARTIAL, which no rule before OTH names"],
];

describe("Zeek conn_state and history on the crafted captures", () => {
  it.each(CASES)("%s", async (file, expected) => {
    const { connections } = await annotateFile(`fixtures/crafted/${file}.pcap`);
    expect(connections).toHaveLength(1);
    expect(summarize(connections[0]!).zeek).toEqual(expected);
  });

  it("has a capture for every conn_state value", () => {
    const states = CASES.map(([, expected]) => expected.connState).sort();
    expect(states).toEqual([
      "OTH",
      "REJ",
      "RSTO",
      "RSTOS0",
      "RSTR",
      "RSTRH",
      "S0",
      "S1",
      "S2",
      "S3",
      "SF",
      "SH",
      "SHR",
    ]);
  });
});
