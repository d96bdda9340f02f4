import { TcpFlag } from "../../decode/segment.js";
import type { ZeekEndpoint } from "./endpoint.js";

/** What the state machine may do to the connection as a whole (TCPSessionAdapter and Connection). */
export interface SessionControls {
  /** The endpoint Zeek currently calls the originator. */
  readonly originator: ZeekEndpoint;
  /** Connection::FlipRoles. */
  flipRoles(): void;
  /** is_partial = 0 and SetFirstPacketSeen: the connection counts as seen from its start after all. */
  settle(isOrig: boolean): void;
}

/** The facts of a segment the state machine reads (besides which side sent it). */
export interface StateMachineInput {
  flags: number;
  seq: number;
  len: number;
}

/**
 * TCPSessionAdapter::UpdateStateMachine: the sender's Zeek state moves by what it sent (and, at
 * the handshake, the receiver's too). Called once per segment, after the history letters.
 */
export function updateStateMachine(
  session: SessionControls,
  endpoint: ZeekEndpoint,
  peer: ZeekEndpoint,
  segment: StateMachineInput,
  isOrig: boolean,
): void {
  switch (endpoint.state) {
    case "INACTIVE":
      updateInactiveState(session, endpoint, peer, segment, isOrig);
      break;
    case "SYN_SENT":
    case "SYN_ACK_SENT":
      updateSynSentState(endpoint, segment.flags);
      break;
    case "ESTABLISHED":
    case "PARTIAL":
      updateEstablishedState(endpoint, peer, segment.flags);
      break;
    case "CLOSED":
      updateClosedState(endpoint, peer, segment.flags);
      break;
    case "RESET":
      // UpdateResetState only reports weirds: nothing moves after a RST.
      break;
  }
}

/** UpdateInactiveState: the first segment this endpoint is seen to send. */
function updateInactiveState(
  session: SessionControls,
  endpoint: ZeekEndpoint,
  peer: ZeekEndpoint,
  segment: StateMachineInput,
  isOrig: boolean,
): void {
  const { flags } = segment;
  if (flags & TcpFlag.SYN) {
    if (isOrig) endpoint.setState(flags & TcpFlag.ACK ? "SYN_ACK_SENT" : "SYN_SENT");
    else answerSyn(session, endpoint, peer, segment);
  }
  if (flags & TcpFlag.FIN) endpoint.setState("CLOSED");
  if (flags & TcpFlag.RST) endpoint.setState("RESET");
  if (endpoint.state === "INACTIVE") startWithoutControlFlags(session, endpoint, peer, segment, isOrig);
}

/** UpdateInactiveState, a SYN from the responder: the answer to the originator's SYN. */
function answerSyn(
  session: SessionControls,
  endpoint: ZeekEndpoint,
  peer: ZeekEndpoint,
  segment: StateMachineInput,
): void {
  const pureSyn = (segment.flags & TcpFlag.ACK) === 0;
  if (pureSyn && peer.state === "SYN_ACK_SENT" && endpoint.startsAt(segment.seq)) {
    // The SYN arrived after its own SYN-ACK (two capture interfaces, interrupt coalescing):
    // flip the roles and take the connection as established.
    session.flipRoles();
    peer.setState("ESTABLISHED");
    session.settle(true);
  }
  if (peer.state === "SYN_SENT") peer.setState("ESTABLISHED");
  endpoint.setState("ESTABLISHED");
}

/** UpdateInactiveState, no SYN, FIN or RST: an ACK or data from an endpoint not seen before. */
function startWithoutControlFlags(
  session: SessionControls,
  endpoint: ZeekEndpoint,
  peer: ZeekEndpoint,
  segment: StateMachineInput,
  isOrig: boolean,
): void {
  // Some stacks ACK the SYN before answering it: that does not make the connection partial.
  if (!isOrig && segment.len === 0 && session.originator.state === "SYN_SENT") return;
  if (segment.flags & TcpFlag.ACK && peer.state === "ESTABLISHED") {
    // A SYN-ACK was seen but its SYN was missed: establish rather than call it partial.
    endpoint.setState("ESTABLISHED");
    session.settle(isOrig);
    return;
  }
  endpoint.setState("PARTIAL");
}

/** UpdateSYN_SentState: only a FIN or RST moves an endpoint that is still opening. */
function updateSynSentState(endpoint: ZeekEndpoint, flags: number): void {
  if (flags & TcpFlag.FIN) endpoint.setState("CLOSED");
  if (flags & TcpFlag.RST) endpoint.setState("RESET");
}

/** UpdateEstablishedState. */
function updateEstablishedState(endpoint: ZeekEndpoint, peer: ZeekEndpoint, flags: number): void {
  if (flags & TcpFlag.SYN && !(flags & TcpFlag.ACK) && endpoint.state === "PARTIAL" && peer.state === "INACTIVE") {
    endpoint.setState("SYN_SENT"); // SYN_after_partial
  }
  if (flags & TcpFlag.FIN && !(flags & TcpFlag.RST)) {
    endpoint.setState("CLOSED");
    // The peer sent a FIN and then a RST: that was a normal close after all.
    if (peer.state === "RESET" && peer.prevState === "CLOSED") peer.setState("CLOSED");
  }
  if (flags & TcpFlag.RST) endpoint.setState("RESET");
}

/** UpdateClosedState: after our FIN, a RST counts only while the peer has not closed too. */
function updateClosedState(endpoint: ZeekEndpoint, peer: ZeekEndpoint, flags: number): void {
  if (flags & TcpFlag.RST && peer.state !== "CLOSED") endpoint.setState("RESET");
}
