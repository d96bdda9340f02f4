import { describe, expect, it } from "vitest";
import { shownFields, type AnalysisFlag } from "../../../src/track/analysis/flags.js";

describe("tcp.analysis fields", () => {
  it("come in tshark's order, a fast or spurious retransmission with tcp.analysis.retransmission", () => {
    const flags = new Set<AnalysisFlag>(["zero_window", "fast_retransmission", "reused_ports", "lost_segment", "duplicate_ack"]);
    expect(shownFields(flags)).toEqual(["reused_ports", "fast_retransmission", "retransmission", "lost_segment", "duplicate_ack", "zero_window"]);
    expect(shownFields(new Set<AnalysisFlag>(["spurious_retransmission"]))).toEqual(["spurious_retransmission", "retransmission"]);
  });
});
