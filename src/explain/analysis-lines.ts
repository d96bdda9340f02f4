import type { AnalysisFlag } from "../track/analysis/flags.js";
import { peerOf } from "../track/states.js";
import type { TrackedSegment } from "../track/tracked-segment.js";
import type { MessageList } from "./lines.js";
import { message, type Message, type MessageValues } from "./message.js";
import { millis } from "./millis.js";

/** Says whether a topic comes up in the connection for the first time: the longer explanation is given once. */
export interface Topics {
  firstTime(topic: string): boolean;
}

/**
 * One line per Wireshark finding on a segment (tcp.analysis.*), saying why it was flagged with
 * this capture's numbers and hedged as Wireshark is. Which segment it acknowledges, and after how
 * long, comes after them (sayAckRtt).
 */
export function addFindingLines(lines: MessageList, tracked: TrackedSegment, topics: Topics): void {
  // Most segments have no finding: then neither the values nor the loop are needed.
  if (tracked.analysis.length === 0) return;
  const values = valuesOf(tracked);
  for (const flag of new Set(tracked.analysis)) {
    const line = FINDING_LINES[flag as AnalysisFlag]?.(tracked, values, topics);
    if (line) lines.push(line);
  }
}

type LineOf = (tracked: TrackedSegment, values: MessageValues, topics: Topics) => Message | null;

/**
 * The finding lines. reused_ports on a stream's first segment is said by the connection remark;
 * tcp.analysis.retransmission beside a fast or spurious one is part of that line; a repeated SYN
 * or FIN already has its note.
 */
const FINDING_LINES: Partial<Record<AnalysisFlag, LineOf>> = {
  retransmission: (tracked, values) => {
    if (tracked.analysis.length > 1 && isRetransmissionVariant(tracked)) return null;
    if (tracked.notes.some((note) => note.id === "syn-retransmitted" || note.id.startsWith("fin-retransmitted")))
      return null;
    return message("analysis.retransmission", { ...values, original: originalOf(tracked) });
  },
  fast_retransmission: (tracked, values) => {
    const details = tracked.analysisDetails;
    const original = originalOf(tracked);
    if (details.peerDuplicateAcks === -1)
      return message("analysis.fast-retransmission-after-unseen", { ...values, original });
    const frames = (details.peerDuplicateAckFrames ?? []).join(", ");
    return message("analysis.fast-retransmission", {
      ...values,
      count: details.peerDuplicateAcks ?? 0,
      frames,
      original,
    });
  },
  spurious_retransmission: (_tracked, values) => message("analysis.spurious-retransmission", values),
  out_of_order: (tracked, values) => {
    const details = tracked.analysisDetails;
    return message("analysis.out-of-order", {
      ...values,
      since: millis(details.sinceHighest ?? 0),
      limit: millis(details.outOfOrderLimit ?? 0),
    });
  },
  lost_segment: (tracked, values) => {
    const nextSeq = tracked.analysisDetails.nextSeq;
    return nextSeq === undefined
      ? null
      : message("analysis.lost-segment", { ...values, missing: (tracked.seq - nextSeq) >>> 0 });
  },
  ack_lost_segment: (tracked, values) =>
    message("analysis.ack-lost-segment", { ...values, seenUpTo: tracked.analysisDetails.peerSeenUpTo ?? "?" }),
  duplicate_ack: (tracked, values, topics) => {
    const details = tracked.analysisDetails;
    const key = topics.firstTime("duplicate-ack") ? "analysis.duplicate-ack" : "analysis.duplicate-ack-again";
    return message(key, { ...values, num: details.duplicateAckNum ?? "?", frame: details.duplicateAckFrame ?? "?" });
  },
  zero_window: (_tracked, values, topics) =>
    message(topics.firstTime("zero-window") ? "analysis.zero-window" : "analysis.zero-window-again", values),
  zero_window_probe: (_tracked, values) => message("analysis.zero-window-probe", values),
  zero_window_probe_ack: (_tracked, values) => message("analysis.zero-window-probe-ack", values),
  window_full: (_tracked, values) => message("analysis.window-full", values),
  window_update: (tracked, values) =>
    message("analysis.window-update", { ...values, previous: tracked.analysisDetails.previousWindow ?? "?" }),
  keep_alive: (tracked, values, topics) => {
    if (tracked.analysisDetails.peerWindowZero) return message("analysis.keep-alive-zero-window", values);
    return message(topics.firstTime("keep-alive") ? "analysis.keep-alive" : "analysis.keep-alive-again", values);
  },
  keep_alive_ack: (_tracked, values) => message("analysis.keep-alive-ack", values),
  reused_ports: (tracked) => (tracked.isFirst ? null : message("analysis.reused-ports")),
};

function isRetransmissionVariant(tracked: TrackedSegment): boolean {
  return tracked.analysis.includes("fast_retransmission") || tracked.analysis.includes("spurious_retransmission");
}

/** The numbers the finding lines quote: relative, as Wireshark shows them. */
function valuesOf(tracked: TrackedSegment): MessageValues {
  const { segment, analysisDetails: details } = tracked;
  const known = (value: number | undefined) => value ?? "?";
  return {
    who: tracked.from,
    peer: peerOf(tracked.from),
    seq: tracked.seq,
    end: tracked.seq + segment.payloadLength,
    ack: tracked.ack ?? "?",
    len: segment.payloadLength,
    nextSeq: known(details.nextSeq),
    peerAck: known(details.peerAck),
    peerWindow: known(details.peerWindow),
    window: details.windowScaled,
  };
}

/** " It was first sent at frame N, T ms earlier ..." when the earlier copy is known. */
function originalOf(tracked: TrackedSegment): MessageValues[string] {
  const { originalFrame, sinceOriginal } = tracked.analysisDetails;
  if (originalFrame === undefined || sinceOriginal === undefined) return "";
  return message("analysis.first-sent", { frame: originalFrame, ago: millis(sinceOriginal) });
}
