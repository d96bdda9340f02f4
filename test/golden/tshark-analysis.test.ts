import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annotateFile } from "../helpers/annotate-file.js";
import { FIXTURES, capturesWithGoldens, readGolden, type GoldenRow } from "../helpers/fixtures.js";

/**
 * Wireshark's per-segment analysis, checked against the tshark 4.0.17 goldens beside every
 * fixture (scripts/make-goldens.sh, one pass): on each TCP frame the set of tcp.analysis flags,
 * the duplicate-ACK count and frame, the scaled window (tcp.window_size), and initial_rtt and
 * ack_rtt to the microsecond. Rows without tcp.seq_raw are ICMP errors quoting a TCP header, not
 * segments (see fixtures/GOLDENS.md).
 */
const FLAG_COLUMNS = [
  "retransmission",
  "fast_retransmission",
  "spurious_retransmission",
  "out_of_order",
  "lost_segment",
  "ack_lost_segment",
  "duplicate_ack",
  "zero_window",
  "zero_window_probe",
  "zero_window_probe_ack",
  "window_full",
  "window_update",
  "keep_alive",
  "keep_alive_ack",
  "reused_ports",
];

interface FrameAnalysis {
  frame: number;
  flags: string[];
  duplicateAckNum: number | null;
  duplicateAckFrame: number | null;
  windowScaled: number;
  initialRttMicros: number | null;
  ackRttMicros: number | null;
}

const micros = (seconds: number | undefined) => (seconds === undefined ? null : Math.round(seconds * 1e6));
const number = (cell: string | undefined) => (cell === undefined || cell === "" ? null : Number(cell));
const cellMicros = (cell: string | undefined) => {
  const seconds = number(cell);
  return seconds === null ? null : Math.round(seconds * 1e6);
};

function theirs(row: GoldenRow): FrameAnalysis {
  return {
    frame: Number(row["frame.number"]),
    flags: FLAG_COLUMNS.filter((name) => row[`tcp.analysis.${name}`] !== "").sort(),
    duplicateAckNum: number(row["tcp.analysis.duplicate_ack_num"]),
    duplicateAckFrame: number(row["tcp.analysis.duplicate_ack_frame"]),
    windowScaled: Number(row["tcp.window_size"]),
    initialRttMicros: cellMicros(row["tcp.analysis.initial_rtt"]),
    ackRttMicros: cellMicros(row["tcp.analysis.ack_rtt"]),
  };
}

describe.each(capturesWithGoldens())("%s agrees with tshark's analysis", (capture) => {
  it("on the flags, duplicate ACKs, scaled window and RTTs of every TCP frame", async () => {
    const golden = readGolden(capture).filter((row) => row["tcp.seq_raw"] !== "");
    const { segments } = await annotateFile(join(FIXTURES, capture));
    const ours = segments.map(({ tracked }): FrameAnalysis => {
      const details = tracked.analysisDetails;
      return {
        frame: tracked.segment.frame,
        flags: [...new Set(tracked.analysis)].sort(),
        duplicateAckNum: details.duplicateAckNum ?? null,
        duplicateAckFrame: details.duplicateAckFrame ?? null,
        windowScaled: details.windowScaled,
        initialRttMicros: micros(details.initialRtt),
        ackRttMicros: micros(details.ackRtt),
      };
    });
    expect(ours).toEqual(golden.map(theirs));
  });
});
