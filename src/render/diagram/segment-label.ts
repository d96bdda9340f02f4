import type { AnnotatedSegment } from "../../annotate/events.js";
import { tcpdumpFlags } from "../../decode/flag-names.js";
import { TcpFlag } from "../../decode/segment.js";
import type { TextWords } from "../../explain/catalog/index.js";
import type { Role } from "../../track/states.js";
import { stepLabel } from "../shared/step-label.js";
import { UNCONFIRMED_MARK } from "../shared/unconfirmed-mark.js";

/** What an arrow says, in pieces that a narrow picture may wrap between: step, flags, seq, ack, length. */
export function segmentLabelParts(event: AnnotatedSegment, words: TextWords): string[] {
  const { tracked, explanation } = event;
  const parts = explanation.step === null ? [] : [stepLabel(explanation.step, words)];
  parts.push(`[${tcpdumpFlags(tracked.segment.flags)}]`, `seq ${tracked.seq}`);
  if (tracked.ack !== null) parts.push(`ack ${tracked.ack}`);
  parts.push(`len ${tracked.segment.payloadLength}`);
  return parts;
}

/** The analysis findings marked on an arrow, Wireshark's names: "! retransmission," "duplicate_ack". */
export function findingParts(event: AnnotatedSegment): string[] {
  const names = event.tracked.analysis;
  return names.map((name, i) => `${i === 0 ? "! " : ""}${name}${i < names.length - 1 ? "," : ""}`);
}

/** How an arrow is coloured: by the flag that matters most. */
export type ArrowKind = "rst" | "syn" | "fin" | "plain";

export function arrowKindOf(event: AnnotatedSegment): ArrowKind {
  const flags = event.tracked.segment.flags;
  if (flags & TcpFlag.RST) return "rst";
  if (flags & TcpFlag.SYN) return "syn";
  if (flags & TcpFlag.FIN) return "fin";
  return "plain";
}

/**
 * The states the endpoint entered because of this segment, in order (usually none or one; a FIN
 * that proves a simultaneous close takes its sender through FIN_WAIT_1 to CLOSING at once). The
 * last is marked ? when the endpoint's own segments do not confirm it (docs/tracking-model.md).
 */
export function statesReached(event: AnnotatedSegment, role: Role): string[] {
  const tracked = event.tracked;
  const reached: string[] = tracked.changes.filter((change) => change.endpoint === role).map((change) => change.to);
  if (reached.length > 0 && tracked.confidence[role] !== "confirmed") reached[reached.length - 1] += UNCONFIRMED_MARK;
  return reached;
}
