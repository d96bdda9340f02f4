/**
 * Facts the observer noticed about a segment that are not state changes: each id is explained
 * by the explain layer in every language.
 */
export type NoteId =
  /** A SYN (or SYN-ACK) with the same ISN as one already seen: a retransmission, as Wireshark flags it. */
  | "syn-retransmitted"
  /** The SYN+ACK of a simultaneous open: it repeats its sender's ISN, but answers the peer's SYN (RFC 9293 §3.5 figure 8). */
  | "syn-ack-after-crossing"
  /** A FIN at the same sequence number as one already seen. */
  | "fin-retransmitted"
  /** A FIN retransmitted to an endpoint in TIME_WAIT: the reason TIME_WAIT exists (RFC 9293 §3.10.7.4). */
  | "fin-retransmitted-in-time-wait"
  /** A RST whose sequence number is outside the receiver's window: it must be ignored (RFC 9293 §3.10.7.4, RFC 5961 §3). */
  | "rst-not-acceptable"
  /** A SYN carrying payload (TCP Fast Open, RFC 7413). */
  | "syn-with-data"
  /** A SYN-ACK whose ack does not acknowledge the client's SYN (RFC 9293 §3.10.7.3: answered by RST). */
  | "syn-ack-bad-ack"
  /** A segment arriving at an endpoint that is already CLOSED. */
  | "segment-after-close"
  /** A SYN arriving where nothing listens: the receiver stays CLOSED and answers RST (RFC 9293 §3.10.7.1). */
  | "nothing-listens"
  /** A SYN no segment of the receiver answers (yet): whether anything listens is unknown. */
  | "no-answer"
  /** An ACK of the peer's SYN or FIN that never arrived: the peer repeats that SYN or FIN (frame). */
  | "ack-lost"
  /** A SYN or FIN copy the peer said nothing to: it most likely never arrived; the sender repeats it (frame). */
  | "copy-lost"
  /** A SYN or FIN copy sent again, which a segment of the peer sent after the repeat (frame) still does not acknowledge: it never arrived. */
  | "copy-unacknowledged"
  /** A bare RST from an endpoint that had lost the connection (rebooted or crashed; RFC 9293 §3.10.7.1). */
  | "rst-no-connection"
  /**
   * A RST its receiver did not take in: a later segment of the receiver (frame), not a RST, shows
   * it still had the connection (the RST was lost, or refused as RFC 9293 §3.10.7.4 refuses one not
   * exactly at the next sequence number, with a challenge ACK).
   */
  | "rst-lost"
  /**
   * A SYN or FIN that a segment of the peer (frame), sent round trips after it would have
   * arrived, does not acknowledge, or a last ACK the peer's segment is sent as if without: it
   * never arrived, or not by then.
   */
  | "not-arrived"
  /**
   * A RST from an endpoint in SYN_SENT answering an ACK that does not acknowledge its SYN (RFC 9293
   * §3.10.7.3): it stays in SYN_SENT.
   */
  | "rst-answers-bad-ack"
  /**
   * A SYN that an older connection on the same ports, which the receiver still has, answered (frame)
   * with an ACK that does not acknowledge it (a challenge ACK, RFC 9293 §3.10.7.4, RFC 5961 §4):
   * the listener never took it in.
   */
  | "old-connection"
  /**
   * A FIN its receiver took in only with the data sent before it, which had not arrived, sent again
   * by the FIN's sender (frame): segments are taken in in sequence order (RFC 9293 §3.10.7.4).
   */
  | "behind-gap"
  /** A segment that sends again the data a FIN of its sender's (frame) waited for: the receiver takes that FIN in with it. */
  | "gap-filled"
  /** A SYN or FIN the receiver took in only after sending its own segment (frame): the two crossed. */
  | "crossed";

export interface Note {
  id: NoteId;
  /** The frame the note refers to: the repeat that proves a loss, the segment a crossing one passed. */
  frame?: number | undefined;
}

/** Shared by every row that noted nothing (frozen: a row's lists are replaced, never pushed into). */
export const NOTHING_NOTED: Note[] = [];
Object.freeze(NOTHING_NOTED);

function alone(id: NoteId): readonly Note[] {
  return Object.freeze([Object.freeze({ id })]);
}

/**
 * Each note as the only one of a row, without a frame: one frozen list per note, shared by every
 * row that noted it alone (Sides.note copies it before adding a second). Not "crossed": a replay
 * names the segment a crossing note's row was taken in after, in the note itself.
 */
export const NOTED_ALONE: Readonly<Record<Exclude<NoteId, "crossed">, readonly Note[]>> = Object.freeze({
  "syn-retransmitted": alone("syn-retransmitted"),
  "syn-ack-after-crossing": alone("syn-ack-after-crossing"),
  "fin-retransmitted": alone("fin-retransmitted"),
  "fin-retransmitted-in-time-wait": alone("fin-retransmitted-in-time-wait"),
  "rst-not-acceptable": alone("rst-not-acceptable"),
  "syn-with-data": alone("syn-with-data"),
  "syn-ack-bad-ack": alone("syn-ack-bad-ack"),
  "segment-after-close": alone("segment-after-close"),
  "nothing-listens": alone("nothing-listens"),
  "no-answer": alone("no-answer"),
  "ack-lost": alone("ack-lost"),
  "copy-lost": alone("copy-lost"),
  "copy-unacknowledged": alone("copy-unacknowledged"),
  "rst-no-connection": alone("rst-no-connection"),
  "rst-lost": alone("rst-lost"),
  "not-arrived": alone("not-arrived"),
  "rst-answers-bad-ack": alone("rst-answers-bad-ack"),
  "old-connection": alone("old-connection"),
  "behind-gap": alone("behind-gap"),
  "gap-filled": alone("gap-filled"),
});
