/**
 * Facts the observer noticed about a segment that are not state changes: each id is explained
 * by the explain layer in every language.
 */
export type NoteId =
  /** A SYN (or SYN-ACK) with the same ISN as one already seen: the earlier one was not answered in time. */
  | "syn-retransmitted"
  /** A FIN at the same sequence number as one already seen. */
  | "fin-retransmitted"
  /** A FIN retransmitted to an endpoint in TIME_WAIT: the reason TIME_WAIT exists (RFC 9293 §3.10.7.4). */
  | "fin-retransmitted-in-time-wait"
  /** A RST whose sequence number is outside the receiver's window: it must be ignored (RFC 9293 §3.10.7.4, RFC 5961 §3). */
  | "rst-not-acceptable"
  /** A SYN carrying payload (TCP Fast Open, RFC 7413). */
  | "syn-with-data"
  /** The handshake's third segment carries data, which RFC 9293 §3.10.7.4 allows. */
  | "handshake-ack-with-data"
  /** A SYN-ACK whose ack does not acknowledge the client's SYN (RFC 9293 §3.10.7.3: answered by RST). */
  | "syn-ack-bad-ack"
  /** A segment arriving at an endpoint that is already CLOSED. */
  | "segment-after-close";

export interface Note {
  id: NoteId;
}
