import { TcpFlag, type Segment } from "../decode/segment.js";
import { acknowledgesFin, acknowledgesSyn, acknowledgesSynExactly } from "./acknowledges.js";
import type { Connection } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import type { Note } from "./notes.js";
import { seqAdd, seqDiff } from "./seq.js";

/**
 * The observer model (spec §6): each segment moves its sender (by what it did in sending it)
 * and its receiver (RFC 9293 §3.10.7, SEGMENT ARRIVES) at the moment the capture sees it.
 * Evidence beats order: a segment that does not acknowledge the peer's earlier SYN or FIN
 * proves its sender had not received it (simultaneous open or close).
 */
export function observeSegment(conn: Connection, sender: Endpoint, segment: Segment, notes: Note[]): void {
  const receiver = conn.peer(sender);
  const flags = segment.flags;
  if (flags & TcpFlag.RST) {
    observeReset(conn, sender, receiver, segment, notes);
    return;
  }
  if (receiver.state === "CLOSED" && sender.state !== "CLOSED" && (flags & TcpFlag.SYN) === 0) {
    notes.push({ id: "segment-after-close" });
  }
  if (flags & TcpFlag.SYN) observeSyn(conn, sender, receiver, segment, notes);
  if (flags & TcpFlag.ACK) observeAck(conn, sender, receiver, segment, notes);
  if (flags & TcpFlag.FIN) observeFin(conn, sender, receiver, segment, notes);
}

function observeSyn(conn: Connection, sender: Endpoint, receiver: Endpoint, segment: Segment, notes: Note[]): void {
  if (sender.sentSyn) {
    notes.push({ id: "syn-retransmitted" });
    return;
  }
  sender.sentSyn = true;
  sender.isn = segment.seq;
  if (segment.payloadLength > 0) notes.push({ id: "syn-with-data" });
  if (segment.flags & TcpFlag.ACK) observeSynAck(conn, sender, receiver, segment, notes);
  else observePureSyn(conn, sender, receiver, segment.frame);
}

function observePureSyn(conn: Connection, sender: Endpoint, receiver: Endpoint, frame: number): void {
  if (sender.state === "SYN_RCVD") {
    // It was taken for a listener that had received the peer's SYN, but a SYN that does not
    // acknowledge the peer's proves it had not: both opened actively (RFC 9293 §3.5 figure 8).
    conn.setState(sender, "SYN_SENT", "sent-syn-before-peer-syn", frame);
    conn.setState(sender, "SYN_RCVD", "received-syn-while-opening", frame);
  } else {
    conn.setState(sender, "SYN_SENT", "sent-syn", frame);
  }
  if (receiver.state === "LISTEN") conn.setState(receiver, "SYN_RCVD", "received-syn", frame);
  else if (receiver.state === "SYN_SENT") conn.setState(receiver, "SYN_RCVD", "received-syn-while-opening", frame);
}

function observeSynAck(conn: Connection, sender: Endpoint, receiver: Endpoint, segment: Segment, notes: Note[]): void {
  if (sender.state === "LISTEN" || sender.state === "CLOSED") {
    conn.setState(sender, "SYN_RCVD", "sent-syn-ack", segment.frame);
  }
  if (receiver.state !== "SYN_SENT") return;
  if (acknowledgesSynExactly(segment, receiver)) conn.setState(receiver, "ESTABLISHED", "received-syn-ack", segment.frame);
  else notes.push({ id: "syn-ack-bad-ack" });
}

function observeAck(conn: Connection, sender: Endpoint, receiver: Endpoint, segment: Segment, notes: Note[]): void {
  const frame = segment.frame;
  const isSyn = (segment.flags & TcpFlag.SYN) !== 0;
  if (sender.state === "SYN_SENT" && !isSyn) {
    conn.setState(sender, "ESTABLISHED", "sent-ack-after-syn-ack", frame);
  }
  switch (receiver.state) {
    case "SYN_RCVD":
      if (acknowledgesSyn(segment, receiver)) {
        conn.setState(receiver, "ESTABLISHED", "received-ack-of-syn", frame);
        if (segment.payloadLength > 0 && !isSyn) notes.push({ id: "handshake-ack-with-data" });
      }
      break;
    case "FIN_WAIT_1":
      // A FIN that also acknowledges ours is handled as one step by observeFin (§3.10.7.4 eighth).
      if (acknowledgesFin(segment, receiver) && (segment.flags & TcpFlag.FIN) === 0) {
        conn.setState(receiver, "FIN_WAIT_2", "received-ack-of-fin", frame);
      }
      break;
    case "CLOSING":
      if (acknowledgesFin(segment, receiver)) conn.setState(receiver, "TIME_WAIT", "received-ack-of-fin-in-closing", frame);
      break;
    case "LAST_ACK":
      if (acknowledgesFin(segment, receiver)) conn.setState(receiver, "CLOSED", "received-last-ack", frame);
      break;
    default:
      break;
  }
}

function observeFin(conn: Connection, sender: Endpoint, receiver: Endpoint, segment: Segment, notes: Note[]): void {
  const finSeq = seqAdd(segment.seq, segment.payloadLength + (segment.flags & TcpFlag.SYN ? 1 : 0));
  if (sender.finSeq !== undefined && seqDiff(finSeq, sender.finSeq) <= 0) {
    notes.push({ id: receiver.state === "TIME_WAIT" ? "fin-retransmitted-in-time-wait" : "fin-retransmitted" });
    if (sender.state === "CLOSED" && !sender.sentRst) {
      // It repeats its FIN, so it never got the last ACK we saw: that ACK was lost on the way.
      conn.setState(sender, "LAST_ACK", "last-ack-lost", segment.frame);
    }
    return;
  }
  sender.sentFin = true;
  sender.finSeq = finSeq;
  observeFinSender(conn, sender, receiver, segment);
  observeFinReceiver(conn, receiver, segment);
}

function observeFinSender(conn: Connection, sender: Endpoint, receiver: Endpoint, segment: Segment): void {
  const frame = segment.frame;
  if (sender.state === "CLOSE_WAIT") {
    if (acknowledgesFin(segment, receiver)) {
      conn.setState(sender, "LAST_ACK", "sent-fin-after-peer-fin", frame);
      return;
    }
    // Its FIN does not acknowledge the peer's: it closed before the peer's FIN arrived
    // (simultaneous close, RFC 9293 §3.6 figure 13), then the peer's FIN reaches it.
    conn.setState(sender, "FIN_WAIT_1", "sent-fin-before-peer-fin", frame);
    conn.setState(sender, "CLOSING", "received-fin-while-closing", frame);
    return;
  }
  if (sender.state === "ESTABLISHED" || sender.state === "SYN_RCVD" || sender.state === "SYN_SENT") {
    conn.setState(sender, "FIN_WAIT_1", "sent-fin", frame);
  }
}

function observeFinReceiver(conn: Connection, receiver: Endpoint, segment: Segment): void {
  const frame = segment.frame;
  switch (receiver.state) {
    case "ESTABLISHED":
    case "SYN_RCVD":
      conn.setState(receiver, "CLOSE_WAIT", "received-fin", frame);
      break;
    case "FIN_WAIT_1":
      if (acknowledgesFin(segment, receiver)) conn.setState(receiver, "TIME_WAIT", "received-fin-with-ack", frame);
      else conn.setState(receiver, "CLOSING", "received-fin-while-closing", frame);
      break;
    case "FIN_WAIT_2":
      conn.setState(receiver, "TIME_WAIT", "received-fin-after-ack", frame);
      break;
    default:
      break;
  }
}

function observeReset(conn: Connection, sender: Endpoint, receiver: Endpoint, segment: Segment, notes: Note[]): void {
  const frame = segment.frame;
  sender.sentRst = true;
  if (receiver.state === "SYN_SENT") {
    // §3.10.7.3: in SYN-SENT a RST counts only when its ACK acknowledges our SYN.
    if (acknowledgesSynExactly(segment, receiver)) {
      conn.setState(sender, "CLOSED", "refused-syn", frame);
      conn.setState(receiver, "CLOSED", "received-refusal", frame);
    } else {
      notes.push({ id: "rst-not-acceptable" });
      conn.setState(sender, "CLOSED", "sent-rst", frame);
    }
    return;
  }
  conn.setState(sender, "CLOSED", "sent-rst", frame);
  if (receiver.state === "CLOSED" || receiver.state === "LISTEN") return;
  if (resetIsAcceptable(segment, sender, receiver)) conn.setState(receiver, "CLOSED", "received-rst", frame);
  else notes.push({ id: "rst-not-acceptable" });
}

/**
 * RFC 9293 §3.10.7.4 first check (with RFC 5961 §3.2): a RST is acceptable when its sequence
 * number lies in the receiver's window, RCV.NXT =< SEG.SEQ < RCV.NXT + RCV.WND. The observer
 * knows RCV.NXT as the receiver's latest ACK, or the sender's next sequence number.
 */
function resetIsAcceptable(segment: Segment, sender: Endpoint, receiver: Endpoint): boolean {
  const expected = receiver.lastAck ?? sender.nextSeq;
  if (expected === undefined) return true;
  if (sender.nextSeq !== undefined && segment.seq === sender.nextSeq) return true;
  const window = Math.max(1, receiver.window * 2 ** (receiver.windowScale ?? 0));
  const offset = seqDiff(segment.seq, expected);
  return offset >= 0 && offset < window;
}
