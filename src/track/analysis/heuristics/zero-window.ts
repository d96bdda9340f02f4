import type { AnalysisContext } from "../context.js";
import { carriesNoSynFinRst } from "./segment-kind.js";

/** tcp.analysis.zero_window (packet-tcp.c, ZERO WINDOW): the sender advertises a window of 0 (its receive buffer is full). */
export function isZeroWindow({ segment }: AnalysisContext): boolean {
  return segment.window === 0 && carriesNoSynFinRst(segment);
}
