import type { Role, TcpState } from "./states.js";

/**
 * Why an endpoint changed state. Each id is one rule of the observer model (docs/tracking-model.md) and names
 * the RFC 9293 section it follows; the explain layer turns it into words.
 */
export const TRANSITION_CAUSES = {
  /** §3.10.4 OPEN call: an active open sends SYN and enters SYN-SENT. */
  "sent-syn": "RFC 9293 §3.10.4",
  /** §3.10.7.2 LISTEN: a SYN arrives, the listener answers SYN-ACK and enters SYN-RECEIVED. */
  "received-syn": "RFC 9293 §3.10.7.2",
  /** §3.10.7.2: the server sent SYN-ACK, so it had received a SYN this capture missed. */
  "sent-syn-ack": "RFC 9293 §3.10.7.2",
  /** §3.10.7.3 SYN-SENT: a SYN without ACK arrives: simultaneous open, enter SYN-RECEIVED. */
  "received-syn-while-opening": "RFC 9293 §3.10.7.3",
  /** Evidence: this SYN does not acknowledge the peer's SYN, so its sender had not received it: an active open, not a listener. */
  "sent-syn-before-peer-syn": "RFC 9293 §3.5 figure 8",
  /** §3.10.7.3 SYN-SENT: a SYN-ACK acknowledging our SYN arrives: ESTABLISHED. */
  "received-syn-ack": "RFC 9293 §3.10.7.3",
  /** §3.10.7.4 SYN-RECEIVED: an ACK of our SYN arrives: ESTABLISHED. */
  "received-ack-of-syn": "RFC 9293 §3.10.7.4",
  /** §3.5 figure 8: in a simultaneous open, the SYN+ACK acknowledging our SYN arrives in SYN-RECEIVED: ESTABLISHED. */
  "received-syn-ack-while-opening": "RFC 9293 §3.5",
  /** The endpoint sent an ACK from SYN-SENT: it must have received a SYN-ACK this capture missed. */
  "sent-ack-after-syn-ack": "RFC 9293 §3.10.7.3",
  /** §3.10.4 CLOSE in ESTABLISHED: send FIN, enter FIN-WAIT-1 (active close). */
  "sent-fin": "RFC 9293 §3.10.4",
  /** §3.10.4 CLOSE in CLOSE-WAIT: send FIN, enter LAST-ACK (passive close). */
  "sent-fin-after-peer-fin": "RFC 9293 §3.10.4",
  /** Evidence: this FIN does not acknowledge the peer's FIN, so its sender closed before receiving it: simultaneous close. */
  "sent-fin-before-peer-fin": "RFC 9293 §3.6 figure 13",
  /** §3.10.7.4 eighth, ESTABLISHED: a FIN arrives: CLOSE-WAIT. */
  "received-fin": "RFC 9293 §3.10.7.4",
  /** §3.10.7.4 fifth, FIN-WAIT-1: our FIN is acknowledged: FIN-WAIT-2. */
  "received-ack-of-fin": "RFC 9293 §3.10.7.4",
  /** §3.10.7.4 eighth, FIN-WAIT-2: the peer's FIN arrives: TIME-WAIT. */
  "received-fin-after-ack": "RFC 9293 §3.10.7.4",
  /** §3.10.7.4 eighth, FIN-WAIT-1: a FIN that also acknowledges ours arrives: FIN-WAIT-2 (its ACK), then TIME-WAIT (its FIN). */
  "received-fin-with-ack": "RFC 9293 §3.10.7.4",
  /** §3.10.7.4 eighth, FIN-WAIT-1: a FIN that does not acknowledge ours arrives: CLOSING. */
  "received-fin-while-closing": "RFC 9293 §3.10.7.4",
  /** §3.10.7.4 fifth, CLOSING: our FIN is acknowledged: TIME-WAIT. */
  "received-ack-of-fin-in-closing": "RFC 9293 §3.10.7.4",
  /** §3.10.7.4 fifth, LAST-ACK: the ACK of our FIN arrives: CLOSED. */
  "received-last-ack": "RFC 9293 §3.10.7.4",
  /** §3.10.5 ABORT call: the sender of a RST aborts its connection and enters CLOSED. */
  "sent-rst": "RFC 9293 §3.10.5",
  /** §3.10.7.4 second: an acceptable RST arrives: CLOSED. */
  "received-rst": "RFC 9293 §3.10.7.4",
  /** §3.10.7.4 second, SYN-RECEIVED: a RST returns a passive open to LISTEN. */
  "received-rst-back-to-listen": "RFC 9293 §3.10.7.4",
  /** §3.10.7.1: a bare RST (no ACK) answering a segment shows its sender had no such connection: it lost it (rebooted or crashed). */
  "lost-connection": "RFC 9293 §3.10.7.1",
  /** §3.10.7.3 SYN-SENT: a RST acknowledging our SYN: the connection is refused. */
  "received-refusal": "RFC 9293 §3.10.7.3",
  /** §3.10.8 TIME-WAIT TIMEOUT: after 2*MSL the connection is deleted, CLOSED. */
  "time-wait-expired": "RFC 9293 §3.10.8",
} as const;

export type TransitionCause = keyof typeof TRANSITION_CAUSES;

/** One recorded state change: who, from what, to what, why, and at which frame. */
export interface StateChange {
  frame: number;
  endpoint: Role;
  from: TcpState;
  to: TcpState;
  cause: TransitionCause;
}

/** Shared by every row that changed nothing (frozen: a row's lists are replaced, never pushed into). */
export const NONE_CHANGED: StateChange[] = [];
Object.freeze(NONE_CHANGED);
