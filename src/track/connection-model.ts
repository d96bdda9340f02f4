import type { Connection } from "./connection.js";
import type { PlacedSegment } from "./tracked-segment.js";

/** What the tracker found in placing a segment that the segment itself does not say (Tracker.track). */
export interface Placement {
  /** Wireshark's tcp.analysis.reused_ports on this segment (the stream table's lookup). */
  reusedPorts: boolean;
  /** A pure SYN in a direction whose base was already set, so with the same ISN: a repeated SYN. */
  repeatedSyn: boolean;
}

/**
 * One of the models of TCP a connection carries, peers the tracker runs in turn on each segment
 * (docs/tracking.md): the RFC 9293 observer with hindsight (observer/),
 * Wireshark's sequence analysis (analysis/) and Zeek's bookkeeping (zeek/). Each keeps its own
 * state of every connection, from the connection's opening to its retirement.
 */
export interface ConnectionModel {
  /** The stream table opened the connection: its first segment comes next. */
  opened(connection: Connection): void;
  /** The connection's next segment, placed in it (its row, relative numbers and sender's bookkeeping), in capture order. */
  read(tracked: PlacedSegment, placement: Placement): void;
  /** The connection is retired: no segment or timer reaches it again. What its readers still ask of the model stays. */
  retired(connection: Connection): void;
}
