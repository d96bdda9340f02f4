import type { AnalysisFlag } from "../track/analysis/flags.js";
import { peerOf } from "../track/states.js";
import type { TrackedSegment } from "../track/tracked-segment.js";
import type { MessageList } from "./lines.js";
import { message, type Message, type MessageValues } from "./message.js";
import { millis } from "./millis.js";
import type { Topic } from "./progress.js";

/** Says whether a topic comes up in the connection for the first time: the longer explanation is given once. */
export interface Topics {
  firstTime(topic: Topic): boolean;
}

/**
 * One line per Wireshark finding on a segment (tcp.analysis.*), saying why it was flagged with
 * this capture's numbers and hedged as Wireshark is. Which segment it acknowledges, and after how
 * long, comes after them (sayAckRtt).
 */
export function addFindingLines(lines: MessageList, tracked: TrackedSegment, topics: Topics): void {
  const analysis = tracked.analysis;
  for (let i = 0; i < analysis.length; i++) {
    const flag = analysis[i]!;
    // Each finding said once, however often listed (a list of a few: no set made for it).
    if (analysis.indexOf(flag) !== i) continue;
    const line = FINDING_LINES[flag as AnalysisFlag]?.(tracked, topics);
    if (line) lines.push(line);
  }
}

type LineOf = (tracked: TrackedSegment, topics: Topics) => Message | null;

/**
 * The finding lines. reused_ports on a stream's first segment is said by the connection remark;
 * tcp.analysis.retransmission beside a fast or spurious one is part of that line; a repeated SYN
 * or FIN already has its note.
 */
const FINDING_LINES: Partial<Record<AnalysisFlag, LineOf>> = {
  retransmission: (tracked) => {
    if (tracked.analysis.length > 1 && isRetransmissionVariant(tracked)) return null;
    if (tracked.notes.some((note) => note.id === "syn-retransmitted" || note.id.startsWith("fin-retransmitted")))
      return null;
    const values = valuesOf(tracked);
    values.original = originalOf(tracked);
    return message("analysis.retransmission", values);
  },
  fast_retransmission: (tracked) => {
    const details = tracked.analysisDetails;
    const values = valuesOf(tracked);
    values.original = originalOf(tracked);
    if (details.peerDuplicateAcks === -1) return message("analysis.fast-retransmission-after-unseen", values);
    values.count = details.peerDuplicateAcks ?? 0;
    values.frames = (details.peerDuplicateAckFrames ?? []).join(", ");
    return message("analysis.fast-retransmission", values);
  },
  spurious_retransmission: (tracked) => message("analysis.spurious-retransmission", valuesOf(tracked)),
  out_of_order: (tracked) => {
    const details = tracked.analysisDetails;
    const values = valuesOf(tracked);
    values.since = millis(details.sinceHighest ?? 0);
    values.limit = millis(details.outOfOrderLimit ?? 0);
    return message("analysis.out-of-order", values);
  },
  lost_segment: (tracked) => {
    const nextSeq = tracked.analysisDetails.nextSeq;
    if (nextSeq === undefined) return null;
    const values = valuesOf(tracked);
    values.missing = (tracked.seq - nextSeq) >>> 0;
    return message("analysis.lost-segment", values);
  },
  ack_lost_segment: (tracked) => {
    const values = valuesOf(tracked);
    values.seenUpTo = tracked.analysisDetails.peerSeenUpTo ?? "?";
    return message("analysis.ack-lost-segment", values);
  },
  duplicate_ack: (tracked, topics) => {
    const details = tracked.analysisDetails;
    const values = valuesOf(tracked);
    values.num = details.duplicateAckNum ?? "?";
    values.frame = details.duplicateAckFrame ?? "?";
    return message(
      topics.firstTime("duplicate-ack") ? "analysis.duplicate-ack" : "analysis.duplicate-ack-again",
      values,
    );
  },
  zero_window: (tracked, topics) =>
    message(topics.firstTime("zero-window") ? "analysis.zero-window" : "analysis.zero-window-again", valuesOf(tracked)),
  zero_window_probe: (tracked) => message("analysis.zero-window-probe", valuesOf(tracked)),
  zero_window_probe_ack: (tracked) => message("analysis.zero-window-probe-ack", valuesOf(tracked)),
  window_full: (tracked) => message("analysis.window-full", valuesOf(tracked)),
  window_update: (tracked) => {
    const values = valuesOf(tracked);
    values.previous = tracked.analysisDetails.previousWindow ?? "?";
    return message("analysis.window-update", values);
  },
  keep_alive: (tracked, topics) => {
    if (tracked.analysisDetails.peerWindowZero) return message("analysis.keep-alive-zero-window", valuesOf(tracked));
    return message(
      topics.firstTime("keep-alive") ? "analysis.keep-alive" : "analysis.keep-alive-again",
      valuesOf(tracked),
    );
  },
  keep_alive_ack: (tracked) => message("analysis.keep-alive-ack", valuesOf(tracked)),
  reused_ports: (tracked) => (tracked.isFirst ? null : message("analysis.reused-ports")),
};

function isRetransmissionVariant(tracked: TrackedSegment): boolean {
  return tracked.analysis.includes("fast_retransmission") || tracked.analysis.includes("spurious_retransmission");
}

/**
 * The numbers the finding lines quote, relative as Wireshark shows them: a new object for each line,
 * which adds its own values to it. Spreading one object into each line's took a tenth of a timeline
 * of retransmissions: V8 copies a spread object by a slow path.
 */
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
