import type { AnalysisContext } from "../context.js";
import { repeatsLastAck } from "./repeats-last-ack.js";

/** tcp.analysis.window_update (packet-tcp.c, WINDOW UPDATE): nothing new but the window, which changed and is not zero. */
export function isWindowUpdate(context: AnalysisContext): boolean {
  const window = context.segment.window;
  return window !== 0 && window !== context.fwd.window && repeatsLastAck(context);
}
