import type { AnalysisContext } from "../context.js";
import { nanosSince } from "../../../capture/timestamp.js";
import { isBelow } from "../time.js";
import { sequenceEnd } from "./segment-kind.js";

/** packet-tcp.c: without an iRTT, a segment up to 3 ms after the highest one may be out of order. */
export const DEFAULT_OUT_OF_ORDER_NANOS = 3_000_000;

/** The out-of-order limit: the connection's iRTT when known, else 3 ms. */
export function outOfOrderLimitNanos(initialRttNanos: number): number {
  if (initialRttNanos === 0) return DEFAULT_OUT_OF_ORDER_NANOS;
  // packet-tcp.c holds it unsigned: a negative iRTT (the clock went back) is no limit at all.
  return initialRttNanos < 0 ? Number.POSITIVE_INFINITY : initialRttNanos;
}

/**
 * tcp.analysis.out_of_order: below the next expected sequence number, but sent too soon after
 * the highest segment to be a retransmission (within the iRTT), and not just the segment before
 * the highest one repeated: it was overtaken on the way.
 */
export function isOutOfOrder(context: AnalysisContext, notAdvanced: boolean): boolean {
  const { segment, fwd } = context;
  return (
    notAdvanced &&
    isBelow(nanosSince(fwd.nextSeqSeconds, fwd.nextSeqNanos, segment), outOfOrderLimitNanos(context.initialRttNanos)) &&
    fwd.nextSeq !== sequenceEnd(segment)
  );
}
