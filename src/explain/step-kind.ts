import { TcpFlag } from "../decode/segment.js";
import { causeOfCode, changeCodeAt, changeCount } from "../track/observer/change-code.js";
import { changeCodesOf, type TrackedSegment } from "../track/tracked-segment.js";
import type { TransitionCause } from "../track/transition.js";
import type { StepKind } from "./step.js";

/**
 * What a segment does in the opening or closing, read from the state changes it caused (so the
 * steps follow the observer model, evidence included). Null for everything else.
 */
export function stepKindOf(tracked: TrackedSegment, inSimultaneousOpen: boolean): StepKind | null {
  if (movesNoStep(tracked)) return null;
  const flags = tracked.segment.flags;
  if (flags & TcpFlag.RST) return null;
  if (flags & TcpFlag.SYN) return synKind(flags, tracked, inSimultaneousOpen);
  if (flags & TcpFlag.FIN) {
    const finKind = finStepKind(tracked);
    if (finKind !== null) return finKind;
  }
  return ackKind(tracked);
}

/** What the segment did, or asked of its receiver where it was lost or arrived later: a lost last ACK is still the last step. */
function has(tracked: TrackedSegment, cause: TransitionCause): boolean {
  if (tracked.receipt === cause) return true;
  const codes = changeCodesOf(tracked);
  for (let i = 0; i < changeCount(codes); i++) if (causeOfCode(changeCodeAt(codes, i)) === cause) return true;
  return false;
}

function synKind(flags: number, tracked: TrackedSegment, inSimultaneousOpen: boolean): StepKind | null {
  if (has(tracked, "sent-syn-before-peer-syn")) return "crossing-syn";
  if (flags & TcpFlag.ACK) return inSimultaneousOpen ? "crossing-syn-ack" : "syn-ack";
  const retransmitted = tracked.notes.some((note) => note.id === "syn-retransmitted");
  return has(tracked, "sent-syn") || retransmitted ? "syn" : null;
}

function finStepKind(tracked: TrackedSegment): StepKind | null {
  if (has(tracked, "sent-fin-before-peer-fin")) return "crossing-fin";
  if (has(tracked, "received-fin-with-ack")) return "fin-ack-of-fin";
  if (has(tracked, "received-fin-after-ack")) return "second-fin";
  if (has(tracked, "sent-fin")) return "fin";
  return null;
}

function ackKind(tracked: TrackedSegment): StepKind | null {
  if (has(tracked, "received-ack-of-syn")) return "handshake-ack";
  if (has(tracked, "received-ack-of-fin")) return "ack-of-fin";
  if (has(tracked, "received-ack-of-fin-in-closing")) return "closing-ack";
  if (has(tracked, "received-last-ack")) return "last-ack";
  return null;
}

/**
 * Most segments carry data or acknowledge it: no SYN, no state change, no note. They are no step
 * (the kinds above are read from the SYN and the changes; a repeated FIN is known by its note), so
 * they leave a connection's progress as it was.
 */
export function movesNoStep(tracked: TrackedSegment): boolean {
  return (
    changeCount(changeCodesOf(tracked)) === 0 &&
    tracked.notes.length === 0 &&
    (tracked.segment.flags & TcpFlag.SYN) === 0
  );
}
