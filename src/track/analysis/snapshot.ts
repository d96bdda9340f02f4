import type { Timestamp } from "../connection.js";
import type { WiresharkFlow } from "./flow.js";
import { windowForFullTest } from "./heuristics/window-full.js";
import type { WindowScale } from "./window-scale.js";
import { WINDOW_SCALE_UNKNOWN } from "./window-scale.js";

/** A flow's numbers before a segment changed them: the evidence its explanation quotes. */
export interface FlowSnapshot {
  nextSeq: number;
  nextSeqTime: Timestamp;
  window: number;
  windowScale: WindowScale;
  /** The window as window_full reads it (undefined while the scale is unknown). */
  windowForFullTest: number | undefined;
  lastAck: number;
  duplicateAcks: number;
  duplicateAckFrames: readonly number[];
  maxSeqToBeAcked: number;
}

export function snapshotOf(flow: WiresharkFlow): FlowSnapshot {
  return {
    nextSeq: flow.nextSeq,
    nextSeqTime: flow.nextSeqTime,
    window: flow.window,
    windowScale: flow.windowScale,
    windowForFullTest: flow.windowScale === WINDOW_SCALE_UNKNOWN ? undefined : windowForFullTest(flow),
    lastAck: flow.lastAck,
    duplicateAcks: flow.duplicateAcks,
    duplicateAckFrames: flow.duplicateAckFrames,
    maxSeqToBeAcked: flow.maxSeqToBeAcked,
  };
}
