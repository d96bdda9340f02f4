import type { AnalysisDetails } from "./details.js";

/** One segment's analysis as ConnectionAnalysis.analyze hands it back: the scratch's record, refilled for every segment. */
export interface SegmentAnalysis {
  /** tshark's tcp.analysis field names, in its order (shared lists, never changed). */
  analysis: readonly string[];
  /** The details of a segment with findings, made at once (they quote the flows as they stand); undefined without findings. */
  findingDetails: AnalysisDetails | undefined;
  /**
   * What the details of a segment without findings are made of besides its header and its
   * connection's iRTT, when read (details.ts, plainDetails; PlacedSegment makes them): the
   * sender's window scale before the segment (its scaled window follows from it and the header).
   */
  windowScale: number;
  ackedFrame: number | undefined;
  /**
   * Undefined when none is shown. Never 0 for none: a field that is sometimes undefined holds
   * small integers as they are, where one that only ever held numbers would, once a single value
   * was not a small integer (an RTT over two seconds), give every later segment a box for it.
   */
  ackRttNanos: number | undefined;
  /** tshark shows the connection's iRTT on this segment: it has a record (tcp_acked) and the iRTT is known, never to change again. */
  showsInitialRtt: boolean;
}
