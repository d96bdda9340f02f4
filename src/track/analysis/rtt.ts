import type { AnalysisContext } from "./context.js";
import { nanosSince } from "../../capture/timestamp.js";
import { asSmallInteger } from "./small-integer.js";

/**
 * tcp.analysis.acks_frame and ack_rtt (packet-tcp.c, "remove all segments this ACKs"): the peer
 * segment this one's ack field ends exactly at, and the time since it was sent. Every segment is
 * matched, with or without the ACK flag, as Wireshark does.
 */
export function acknowledgePeerSegments({ segment, rev, record, found: acked }: AnalysisContext): void {
  if (!rev.unacked.acknowledge(segment.ack, acked)) return;
  record.touch();
  record.ackedFrame = acked.frame;
  record.ackRttNanos = asSmallInteger(nanosSince(acked.seconds, acked.nanos, segment));
}
