/**
 * Wireshark's tcp.analysis findings, named as its fields are (without the "tcp.analysis." prefix).
 * Retransmission, fast retransmission, spurious retransmission and out-of-order exclude one
 * another: packet-tcp.c stops at the first that applies.
 */
export type AnalysisFlag =
  | "reused_ports"
  | "retransmission"
  | "fast_retransmission"
  | "spurious_retransmission"
  | "out_of_order"
  | "lost_segment"
  | "ack_lost_segment"
  | "window_update"
  | "window_full"
  | "keep_alive"
  | "keep_alive_ack"
  | "duplicate_ack"
  | "zero_window_probe"
  | "zero_window"
  | "zero_window_probe_ack";

/**
 * The fields tshark shows for each finding, in the order tcp_print_sequence_number_analysis()
 * adds them: a fast or spurious retransmission also carries tcp.analysis.retransmission.
 */
const SHOWN_AS: ReadonlyArray<readonly [AnalysisFlag, readonly string[]]> = [
  ["reused_ports", ["reused_ports"]],
  ["retransmission", ["retransmission"]],
  ["fast_retransmission", ["fast_retransmission", "retransmission"]],
  ["spurious_retransmission", ["spurious_retransmission", "retransmission"]],
  ["out_of_order", ["out_of_order"]],
  ["lost_segment", ["lost_segment"]],
  ["ack_lost_segment", ["ack_lost_segment"]],
  ["window_update", ["window_update"]],
  ["window_full", ["window_full"]],
  ["keep_alive", ["keep_alive"]],
  ["keep_alive_ack", ["keep_alive_ack"]],
  ["duplicate_ack", ["duplicate_ack"]],
  ["zero_window_probe", ["zero_window_probe"]],
  ["zero_window", ["zero_window"]],
  ["zero_window_probe_ack", ["zero_window_probe_ack"]],
];

/** The tcp.analysis field names tshark shows for a set of findings, in its order. */
export function shownFields(flags: ReadonlySet<AnalysisFlag>): string[] {
  return SHOWN_AS.filter(([flag]) => flags.has(flag)).flatMap(([, fields]) => fields);
}
