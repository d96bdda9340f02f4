import { TcpFlag } from "../../decode/segment.js";
import { NOTHING_NOTED, type Note, type NoteId } from "../notes.js";
import type { TcpState } from "../states.js";
import { NONE_CHANGED, type StateChange, type TransitionCause } from "../transition.js";
import type { ObservedRow } from "./row.js";
import type { Side } from "./side.js";

/**
 * What one row did, as a replay works it out: the state changes (each through `move`, the single
 * place a state changes) and the notes. Segments that change nothing share the frozen empties.
 * One that does not record moves the sides alone: the anchor catching up with rows already
 * read needs no change or note made again.
 */
export class RowOutcome {
  changes: StateChange[] = NONE_CHANGED;
  notes: Note[] = NOTHING_NOTED;

  constructor(
    public frame: number,
    readonly recording = true,
  ) {}

  /** Empty again, for the next row: its lists were handed to the row before, and are replaced, not cleared. */
  reset(frame: number): void {
    this.frame = frame;
    this.changes = NONE_CHANGED;
    this.notes = NOTHING_NOTED;
  }

  /** The single place an endpoint's state changes (smoltcp's set_state habit): recorded with its cause. */
  move(side: Side, to: TcpState, cause: TransitionCause, basis: number): void {
    if (side.state === to) return;
    if (this.recording) {
      const change: StateChange = { frame: this.frame, endpoint: side.role, from: side.state, to, cause };
      if (this.changes === NONE_CHANGED) this.changes = [change];
      else this.changes.push(change);
    }
    side.state = to;
    side.basis = basis;
  }

  note(id: NoteId, frame?: number): void {
    if (!this.recording) return;
    const note: Note = frame === undefined ? { id } : { id, frame };
    if (this.notes === NOTHING_NOTED) this.notes = [note];
    else this.notes.push(note);
  }
}

/**
 * What sending the row did to its sender: certain, since the sender chose to send it (RFC 9293
 * §3.10.4-§3.10.5 and figure 5). A SYN or FIN sent while the peer's own is on its way is a
 * crossing: simultaneous open (§3.5 figure 8) or close (§3.6 figure 13).
 */
export function applySending(sender: Side, peer: Side, row: ObservedRow, out: RowOutcome): void {
  const flags = row.flags;
  if (flags & TcpFlag.RST) {
    if (sender.state !== "CLOSED" && sender.state !== "LISTEN") out.move(sender, "CLOSED", "sent-rst", -1);
    return;
  }
  if (flags & TcpFlag.SYN) sendSyn(sender, peer, row, out);
  if (flags & TcpFlag.ACK && !(flags & TcpFlag.SYN) && sender.state === "SYN_SENT") {
    out.move(sender, "ESTABLISHED", "sent-ack-after-syn-ack", -1);
  }
  if (flags & TcpFlag.FIN) sendFin(sender, peer, row, out);
  // Any segment that does not repeat its SYN or FIN shows it took in the ACK that moved it.
  if (!row.repeatsSyn && !row.repeatsFin) sender.unconfirmedAck = -1;
}

function sendSyn(sender: Side, peer: Side, row: ObservedRow, out: RowOutcome): void {
  if (row.len > 0) out.note("syn-with-data");
  if (row.repeatsSyn) {
    out.note("syn-retransmitted");
    return;
  }
  // The SYN+ACK of a simultaneous open repeats its SYN's number, but answers the peer's SYN (Wireshark flags a retransmission).
  if (row.flags & TcpFlag.ACK && sender.sentSyn && sender.receivedSyn && !sender.passive)
    out.note("syn-ack-after-crossing");
  sender.sentSyn = true;
  if (!(row.flags & TcpFlag.ACK)) {
    if (sender.state !== "CLOSED" && sender.state !== "LISTEN") return;
    const crossing = peer.sentSyn && !sender.receivedSyn;
    out.move(sender, "SYN_SENT", crossing ? "sent-syn-before-peer-syn" : "sent-syn", -1);
  } else if (sender.state === "LISTEN") {
    sender.passive = true;
    out.move(sender, "SYN_RCVD", "sent-syn-ack", -1);
  }
}

function sendFin(sender: Side, peer: Side, row: ObservedRow, out: RowOutcome): void {
  if (row.repeatsFin) return; // noted once its arrival is known (Hindsight.effects): in TIME_WAIT it is the reason TIME_WAIT exists
  sender.sentFin = true;
  if (sender.state === "CLOSE_WAIT") {
    out.move(sender, "LAST_ACK", "sent-fin-after-peer-fin", -1);
  } else if (sender.state === "ESTABLISHED" || sender.state === "SYN_RCVD") {
    const crossing = peer.sentFin && !sender.receivedFin;
    out.move(sender, "FIN_WAIT_1", crossing ? "sent-fin-before-peer-fin" : "sent-fin", -1);
  }
}

/**
 * What the row did to its receiver when it arrived (RFC 9293 §3.10.7, SEGMENT ARRIVES): an
 * inference, which the receiver's own later segments confirm or refute.
 */
export function applyArrival(receiver: Side, sender: Side, row: ObservedRow, out: RowOutcome): void {
  const flags = row.flags;
  if (flags & TcpFlag.RST) return arriveReset(receiver, row, out);
  if (receiver.state === "CLOSED" && sender.state !== "CLOSED" && !(flags & TcpFlag.SYN))
    out.note("segment-after-close");
  if (flags & TcpFlag.SYN) arriveSyn(receiver, row, out);
  else if (flags & TcpFlag.ACK) arriveAck(receiver, row, out);
  if (flags & TcpFlag.FIN) arriveFin(receiver, row, out);
}

function arriveReset(receiver: Side, row: ObservedRow, out: RowOutcome): void {
  const at = row.index;
  switch (receiver.state) {
    case "CLOSED":
    case "LISTEN":
      return;
    case "SYN_SENT":
      // §3.10.7.3: in SYN-SENT a RST counts only when its ACK acknowledges our SYN.
      if (row.acksPeerSynExactly) out.move(receiver, "CLOSED", "received-refusal", at);
      else out.note("rst-not-acceptable");
      return;
    default:
      if (!row.rstAcceptable) return out.note("rst-not-acceptable");
      // §3.10.7.4 second check: a passive open goes back to LISTEN, anything else is gone.
      if (receiver.state === "SYN_RCVD" && receiver.passive)
        out.move(receiver, "LISTEN", "received-rst-back-to-listen", at);
      else out.move(receiver, "CLOSED", "received-rst", at);
  }
}

function arriveSyn(receiver: Side, row: ObservedRow, out: RowOutcome): void {
  const at = row.index;
  const first = !receiver.receivedSyn;
  receiver.receivedSyn = true;
  if (!(row.flags & TcpFlag.ACK)) {
    if (!first) return;
    if (receiver.state === "LISTEN") {
      receiver.passive = true;
      out.move(receiver, "SYN_RCVD", "received-syn", at);
    } else if (receiver.state === "SYN_SENT") {
      out.move(receiver, "SYN_RCVD", "received-syn-while-opening", at);
    }
    return;
  }
  if (receiver.state === "SYN_SENT") {
    if (row.acksPeerSynExactly) out.move(receiver, "ESTABLISHED", "received-syn-ack", at);
    else out.note("syn-ack-bad-ack");
  } else if (receiver.state === "SYN_RCVD" && row.acksPeerSyn) {
    ackMoves(
      receiver,
      "ESTABLISHED",
      receiver.passive ? "received-ack-of-syn" : "received-syn-ack-while-opening",
      row,
      out,
    );
  }
}

function arriveAck(receiver: Side, row: ObservedRow, out: RowOutcome): void {
  switch (receiver.state) {
    case "SYN_RCVD":
      if (!row.acksPeerSyn) return;
      ackMoves(
        receiver,
        "ESTABLISHED",
        receiver.passive ? "received-ack-of-syn" : "received-syn-ack-while-opening",
        row,
        out,
      );
      return;
    case "FIN_WAIT_1":
      // A FIN that also acknowledges ours is one step, taken by arriveFin (§3.10.7.4 eighth).
      if (row.acksPeerFin && !(row.flags & TcpFlag.FIN))
        ackMoves(receiver, "FIN_WAIT_2", "received-ack-of-fin", row, out);
      return;
    case "CLOSING":
      if (row.acksPeerFin) ackMoves(receiver, "TIME_WAIT", "received-ack-of-fin-in-closing", row, out);
      return;
    case "LAST_ACK":
      if (row.acksPeerFin) ackMoves(receiver, "CLOSED", "received-last-ack", row, out);
      return;
    default:
      return;
  }
}

/** A move made by the ACK of the receiver's own SYN or FIN: a repeat of that SYN or FIN would prove it never arrived. */
function ackMoves(receiver: Side, to: TcpState, cause: TransitionCause, row: ObservedRow, out: RowOutcome): void {
  out.move(receiver, to, cause, row.index);
  if (to === "TIME_WAIT") receiver.timeWaitSince = row.time;
  if (receiver.unconfirmedAck < 0) receiver.unconfirmedAck = row.index;
}

function arriveFin(receiver: Side, row: ObservedRow, out: RowOutcome): void {
  const at = row.index;
  if (receiver.receivedFin) {
    if (receiver.state !== "TIME_WAIT") return;
    // §3.10.7.4 TIME-WAIT: a retransmitted FIN is acknowledged again and restarts the 2*MSL timer.
    out.note("fin-retransmitted-in-time-wait");
    receiver.timeWaitSince = row.time;
    return;
  }
  receiver.receivedFin = true;
  switch (receiver.state) {
    case "ESTABLISHED":
      out.move(receiver, "CLOSE_WAIT", "received-fin", at);
      return;
    case "FIN_WAIT_1":
      if (!row.acksPeerFin) return out.move(receiver, "CLOSING", "received-fin-while-closing", at);
      // §3.10.7.4 eighth: "if our FIN has been ACKed (perhaps in this segment)": figure 5's two edges at once.
      ackMoves(receiver, "FIN_WAIT_2", "received-ack-of-fin", row, out);
      out.move(receiver, "TIME_WAIT", "received-fin-with-ack", at);
      receiver.timeWaitSince = row.time;
      return;
    case "FIN_WAIT_2":
      out.move(receiver, "TIME_WAIT", "received-fin-after-ack", at);
      receiver.timeWaitSince = row.time;
      return;
    default:
      return;
  }
}
