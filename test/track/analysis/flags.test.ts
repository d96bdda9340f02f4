import { describe, expect, it } from "vitest";
import { AnalysisFlags, FINDING, hasFinding, type AnalysisFlag } from "../../../src/track/analysis/flags.js";

function flagsOf(...names: AnalysisFlag[]): AnalysisFlags {
  const flags = new AnalysisFlags();
  for (const name of names) flags.add(FINDING[name]);
  return flags;
}

describe("tcp.analysis fields", () => {
  it("come in tshark's order, a fast or spurious retransmission with tcp.analysis.retransmission", () => {
    const flags = flagsOf("zero_window", "fast_retransmission", "reused_ports", "lost_segment", "duplicate_ack");
    expect(flags.shownFields()).toEqual([
      "reused_ports",
      "fast_retransmission",
      "retransmission",
      "lost_segment",
      "duplicate_ack",
      "zero_window",
    ]);
    expect(flagsOf("spurious_retransmission").shownFields()).toEqual(["spurious_retransmission", "retransmission"]);
  });

  it("are one frozen list per combination, shared by the segments that have it", () => {
    const first = flagsOf("keep_alive").shownFields();
    expect(Object.isFrozen(first)).toBe(true);
    expect(flagsOf("keep_alive").shownFields()).toBe(first);
    expect(new AnalysisFlags().isEmpty).toBe(true);
  });

  it("are emptied by clear and kept whole as bits", () => {
    const flags = flagsOf("window_update", "duplicate_ack");
    const kept = flags.bits;
    flags.clear();
    expect(flags.isEmpty).toBe(true);
    expect([
      hasFinding(kept, "window_update"),
      hasFinding(kept, "duplicate_ack"),
      hasFinding(kept, "keep_alive"),
    ]).toEqual([true, true, false]);
  });
});
