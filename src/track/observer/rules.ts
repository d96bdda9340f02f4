import { TcpFlag } from "../../decode/segment.js";
import type { TcpState } from "../states.js";
import type { TransitionCause } from "../transition.js";
import type { ObservedRow } from "./row.js";
import { SideFlag, type Sides } from "./side.js";

/**
 * What sending the row did to its sender: certain, since the sender chose to send it (RFC 9293
 * §3.10.4-§3.10.5 and figure 5). A SYN or FIN sent while the peer's own is on its way is a
 * crossing: simultaneous open (§3.5 figure 8) or close (§3.6 figure 13). `sender` and `peer` are
 * the two slots of a pair in `sides`.
 */
export function applySending(sides: Sides, sender: number, peer: number, row: ObservedRow): void {
  const flags = row.flags;
  if (flags & TcpFlag.RST) {
    if (answersUnacceptableAck(sides, sender, row)) return sides.note("rst-answers-bad-ack");
    const state = sides.state(sender);
    if (state !== "CLOSED" && state !== "LISTEN") sides.move(sender, "CLOSED", "sent-rst", -1);
    return;
  }
  if (flags & TcpFlag.SYN) sendSyn(sides, sender, peer, row);
  if (flags & TcpFlag.ACK && !(flags & TcpFlag.SYN) && sides.state(sender) === "SYN_SENT") {
    sides.move(sender, "ESTABLISHED", "sent-ack-after-syn-ack", -1);
  }
  if (flags & TcpFlag.FIN) sendFin(sides, sender, peer, row);
  // Any segment that does not repeat its SYN or FIN shows it took in the ACK that moved it.
  if (!row.repeatsSyn && !row.repeatsFin) sides.setUnconfirmedAck(sender, -1);
}

/**
 * A RST from the side at `sender` in SYN_SENT, not at the sequence number right after its SYN:
 * RFC 9293 §3.10.7.3 answers an ACK that does not acknowledge the SYN so (<SEQ=SEG.ACK><CTL=RST>)
 * and waits on in SYN_SENT.
 */
export function answersUnacceptableAck(sides: Sides, sender: number, row: ObservedRow): boolean {
  return row.rstNotAfterSyn && sides.state(sender) === "SYN_SENT";
}

function sendSyn(sides: Sides, sender: number, peer: number, row: ObservedRow): void {
  if (row.len > 0) sides.note("syn-with-data");
  if (row.repeatsSyn) {
    sides.note("syn-retransmitted");
    return;
  }
  // The SYN+ACK of a simultaneous open repeats its SYN's number, but answers the peer's SYN (Wireshark flags a retransmission).
  if (
    row.flags & TcpFlag.ACK &&
    sides.has(sender, SideFlag.SENT_SYN) &&
    sides.has(sender, SideFlag.RECEIVED_SYN) &&
    !sides.has(sender, SideFlag.PASSIVE)
  )
    sides.note("syn-ack-after-crossing");
  sides.mark(sender, SideFlag.SENT_SYN);
  const state = sides.state(sender);
  if (!(row.flags & TcpFlag.ACK)) {
    if (state !== "CLOSED" && state !== "LISTEN") return;
    const crossing = sides.has(peer, SideFlag.SENT_SYN) && !sides.has(sender, SideFlag.RECEIVED_SYN);
    sides.move(sender, "SYN_SENT", crossing ? "sent-syn-before-peer-syn" : "sent-syn", -1);
  } else if (state === "LISTEN") {
    sides.mark(sender, SideFlag.PASSIVE);
    sides.move(sender, "SYN_RCVD", "sent-syn-ack", -1);
  }
}

function sendFin(sides: Sides, sender: number, peer: number, row: ObservedRow): void {
  if (row.repeatsFin) return; // noted once its arrival is known (Hindsight.effects): in TIME_WAIT it is the reason TIME_WAIT exists
  sides.mark(sender, SideFlag.SENT_FIN);
  const state = sides.state(sender);
  if (state === "CLOSE_WAIT") {
    sides.move(sender, "LAST_ACK", "sent-fin-after-peer-fin", -1);
  } else if (state === "ESTABLISHED" || state === "SYN_RCVD") {
    const crossing = sides.has(peer, SideFlag.SENT_FIN) && !sides.has(sender, SideFlag.RECEIVED_FIN);
    sides.move(sender, "FIN_WAIT_1", crossing ? "sent-fin-before-peer-fin" : "sent-fin", -1);
  }
}

/**
 * What the row did to its receiver when it arrived (RFC 9293 §3.10.7, SEGMENT ARRIVES): an
 * inference, which the receiver's own later segments confirm or refute.
 */
export function applyArrival(sides: Sides, receiver: number, sender: number, row: ObservedRow): void {
  const flags = row.flags;
  if (flags & TcpFlag.RST) return arriveReset(sides, receiver, row);
  if (sides.state(receiver) === "CLOSED" && sides.state(sender) !== "CLOSED" && !(flags & TcpFlag.SYN))
    sides.note("segment-after-close");
  if (flags & TcpFlag.SYN) arriveSyn(sides, receiver, row);
  else if (flags & TcpFlag.ACK) arriveAck(sides, receiver, row);
  if (flags & TcpFlag.FIN) arriveFin(sides, receiver, row);
}

function arriveReset(sides: Sides, receiver: number, row: ObservedRow): void {
  const at = row.index;
  const state = sides.state(receiver);
  switch (state) {
    case "CLOSED":
    case "LISTEN":
      return;
    case "SYN_SENT":
      // §3.10.7.3: in SYN-SENT a RST counts only when its ACK acknowledges our SYN.
      if (row.acksPeerSynExactly) sides.move(receiver, "CLOSED", "received-refusal", at);
      else sides.note("rst-not-acceptable");
      return;
    default:
      if (!row.rstAcceptable) return sides.note("rst-not-acceptable");
      // §3.10.7.4 second check: a passive open goes back to LISTEN, anything else is gone.
      if (state === "SYN_RCVD" && sides.has(receiver, SideFlag.PASSIVE))
        sides.move(receiver, "LISTEN", "received-rst-back-to-listen", at);
      else sides.move(receiver, "CLOSED", "received-rst", at);
      // Held, as an ACK's move is, until the receiver speaks: a segment of it but a RST refutes it.
      if (sides.unconfirmedAck(receiver) < 0) sides.setUnconfirmedAck(receiver, at);
  }
}

function arriveSyn(sides: Sides, receiver: number, row: ObservedRow): void {
  const at = row.index;
  const first = !sides.has(receiver, SideFlag.RECEIVED_SYN);
  sides.mark(receiver, SideFlag.RECEIVED_SYN);
  const state = sides.state(receiver);
  if (!(row.flags & TcpFlag.ACK)) {
    if (!first) return;
    if (state === "LISTEN") {
      sides.mark(receiver, SideFlag.PASSIVE);
      sides.move(receiver, "SYN_RCVD", "received-syn", at);
    } else if (state === "SYN_SENT") {
      sides.move(receiver, "SYN_RCVD", "received-syn-while-opening", at);
    }
    return;
  }
  if (state === "SYN_SENT") {
    if (row.acksPeerSynExactly) sides.move(receiver, "ESTABLISHED", "received-syn-ack", at);
    else sides.note("syn-ack-bad-ack");
  } else if (state === "SYN_RCVD" && row.acksPeerSyn) {
    ackMoves(sides, receiver, "ESTABLISHED", synAckedCause(sides, receiver), row);
  }
}

/** The ACK of its SYN moves a SYN_RCVD endpoint to ESTABLISHED: after a passive open, or in a simultaneous one. */
function synAckedCause(sides: Sides, receiver: number): TransitionCause {
  return sides.has(receiver, SideFlag.PASSIVE) ? "received-ack-of-syn" : "received-syn-ack-while-opening";
}

function arriveAck(sides: Sides, receiver: number, row: ObservedRow): void {
  switch (sides.state(receiver)) {
    case "SYN_RCVD":
      if (row.acksPeerSyn) ackMoves(sides, receiver, "ESTABLISHED", synAckedCause(sides, receiver), row);
      return;
    case "FIN_WAIT_1":
      // A FIN that also acknowledges ours is one step, taken by arriveFin (§3.10.7.4 eighth).
      if (row.acksPeerFin && !(row.flags & TcpFlag.FIN))
        ackMoves(sides, receiver, "FIN_WAIT_2", "received-ack-of-fin", row);
      return;
    case "CLOSING":
      if (row.acksPeerFin) ackMoves(sides, receiver, "TIME_WAIT", "received-ack-of-fin-in-closing", row);
      return;
    case "LAST_ACK":
      if (row.acksPeerFin) ackMoves(sides, receiver, "CLOSED", "received-last-ack", row);
      return;
    default:
      return;
  }
}

/** A move made by the ACK of the receiver's own SYN or FIN: a repeat of that SYN or FIN would prove it never arrived. */
function ackMoves(sides: Sides, receiver: number, to: TcpState, cause: TransitionCause, row: ObservedRow): void {
  sides.move(receiver, to, cause, row.index);
  if (to === "TIME_WAIT") startTimeWait(sides, receiver, row);
  if (sides.unconfirmedAck(receiver) < 0) sides.setUnconfirmedAck(receiver, row.index);
}

function startTimeWait(sides: Sides, receiver: number, row: ObservedRow): void {
  sides.startTimeWait(receiver, row.segment.seconds, row.segment.nanos);
}

function arriveFin(sides: Sides, receiver: number, row: ObservedRow): void {
  const at = row.index;
  if (sides.has(receiver, SideFlag.RECEIVED_FIN)) {
    if (sides.state(receiver) !== "TIME_WAIT") return;
    // §3.10.7.4 TIME-WAIT: a retransmitted FIN is acknowledged again and restarts the 2*MSL timer.
    sides.note("fin-retransmitted-in-time-wait");
    startTimeWait(sides, receiver, row);
    return;
  }
  sides.mark(receiver, SideFlag.RECEIVED_FIN);
  switch (sides.state(receiver)) {
    case "ESTABLISHED":
      sides.move(receiver, "CLOSE_WAIT", "received-fin", at);
      return;
    case "FIN_WAIT_1":
      if (!row.acksPeerFin) return sides.move(receiver, "CLOSING", "received-fin-while-closing", at);
      // §3.10.7.4 eighth: "if our FIN has been ACKed (perhaps in this segment)": figure 5's two edges at once.
      ackMoves(sides, receiver, "FIN_WAIT_2", "received-ack-of-fin", row);
      sides.move(receiver, "TIME_WAIT", "received-fin-with-ack", at);
      startTimeWait(sides, receiver, row);
      return;
    case "FIN_WAIT_2":
      sides.move(receiver, "TIME_WAIT", "received-fin-after-ack", at);
      startTimeWait(sides, receiver, row);
      return;
    default:
      return;
  }
}
