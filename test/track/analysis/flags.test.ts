import { describe, expect, it } from "vitest";
import { AnalysisFlags, type AnalysisFlag } from "../../../src/track/analysis/flags.js";

function flagsOf(...names: AnalysisFlag[]): AnalysisFlags {
  const flags = new AnalysisFlags();
  for (const name of names) flags.add(name);
  return flags;
}

describe("tcp.analysis fields", () => {
  it("come in tshark's order, a fast or spurious retransmission with tcp.analysis.retransmission", () => {
    const flags = flagsOf("zero_window", "fast_retransmission", "reused_ports", "lost_segment", "duplicate_ack");
    expect(flags.shownFields()).toEqual(["reused_ports", "fast_retransmission", "retransmission", "lost_segment", "duplicate_ack", "zero_window"]);
    expect(flagsOf("spurious_retransmission").shownFields()).toEqual(["spurious_retransmission", "retransmission"]);
  });

  it("give each segment its own list", () => {
    const first = flagsOf("keep_alive").shownFields();
    first.push("changed");
    expect(flagsOf("keep_alive").shownFields()).toEqual(["keep_alive"]);
    expect(new AnalysisFlags().isEmpty).toBe(true);
  });
});
