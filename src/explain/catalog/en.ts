import type { Catalog } from "./catalog.js";

/** English. Placeholders in braces; client/server values are translated by the catalog's words. */
export const en: Catalog = {
  "step.syn":
    "The {who} opens the connection (active open, connect()): SYN with its initial sequence number j = {isn}. A SYN carries no data but consumes one sequence number, so the {who}'s first data byte will be j+1 = {next}.",
  "step.syn-ack":
    "The {who} accepts (passive open): SYN+ACK with its own initial sequence number k = {isn} and ack = j+1 = {ack}, acknowledging the {peer}'s SYN j = {peerIsn}. This SYN, too, consumes one sequence number.",
  "step.handshake-ack":
    "The {who} acknowledges the {peer}'s SYN: ack = k+1 = {ack}. A pure ACK consumes no sequence number, so the {who}'s seq stays at j+1 = {seq}. Three segments, not two: only now has each side seen the other acknowledge its initial sequence number, so both know that both directions work.",
  "step.crossing-syn":
    "The {who} sends its own SYN (initial sequence number {isn}) before the {peer}'s SYN reached it: both sides open at once (simultaneous open). Each will acknowledge the other's SYN with a SYN+ACK.",
  "step.crossing-syn-ack":
    "The {who} repeats its SYN and acknowledges the {peer}'s: ack = {ack} (simultaneous open).",
  "step.fin":
    "The {who} closes its sending side (active close, close()): FIN at seq {seq}. Like a SYN, a FIN consumes one sequence number, so the {peer} will acknowledge {next}. The {peer} may still send data until it closes too.",
  "step.ack-of-fin":
    "The {who} acknowledges the {peer}'s FIN: ack = {ack}. Its own FIN comes separately, when it has finished sending (a four-way teardown); until then the connection is half-closed.",
  "step.second-fin": "The {who} has nothing more to send and closes too (passive close): FIN at seq {seq}.",
  "step.fin-ack-of-fin":
    "The {who} acknowledges the {peer}'s FIN (ack = {ack}) and closes its own side in the same segment, FIN at seq {seq}: a three-way teardown.",
  "step.last-ack": "The {who} acknowledges the {peer}'s FIN: ack = {ack}, the last segment of the teardown.",
  "step.last-ack-time-wait":
    "The {who} stays in TIME_WAIT for 2MSL ({twoMsl} s here) before it is CLOSED: if this last ACK is lost, the {peer} re-sends its FIN and the {who} can still answer; and stray segments of this connection die out before the same ports can serve a new one.",
  "step.crossing-fin":
    "The {who} sends its own FIN before the {peer}'s FIN reached it (its ack {ack} does not cover that FIN): both sides close at once (simultaneous close), so both go through CLOSING instead of CLOSE_WAIT and LAST_ACK.",
  "step.closing-ack": "The {who} acknowledges the {peer}'s FIN: ack = {ack} (simultaneous close).",
  "segment.data": "The {who} sends {len} bytes, seq {seq}:{end}.",
  "segment.ack": "The {who} acknowledges everything up to {ack}.",
  "segment.reset":
    "The {who} aborts the connection with RST: both ends drop it at once, with no FIN exchange and no TIME_WAIT; data not yet delivered is lost.",
  "segment.refused":
    "The {who} answers the SYN with RST: nothing listens on port {port}, so the connection is refused (connect() fails with ECONNREFUSED).",
  "segment.other": "The {who} sends a [{flags}] segment.",
  "connection.midstream":
    "The capture starts in the middle of this connection: its handshake was not captured, so both ends are assumed ESTABLISHED and relative numbers start at 1 here.",
  "connection.roles-guessed": "No SYN was captured, so the roles are a guess: {address} looks like the server (port {port}).",
  "connection.synack-first": "The capture starts at the SYN+ACK: the client's SYN was not captured, but it must have been sent.",
  "connection.reused-ports":
    "An earlier connection in this capture used the same addresses and ports; this SYN has a new initial sequence number, so a new connection starts (Wireshark: reused ports).",
  "change.line": "{who} {from} → {to}: {cause}.",
  "cause.sent-syn": "it sent a SYN (active open)",
  "cause.received-syn": "it received the SYN (passive open) and will answer SYN+ACK",
  "cause.sent-syn-ack": "it sent a SYN+ACK, so it had received a SYN this capture missed",
  "cause.received-syn-while-opening": "it received the peer's SYN while opening itself",
  "cause.sent-syn-before-peer-syn": "its own SYN does not acknowledge the peer's, so it had not received it: it was opening too, not listening",
  "cause.received-syn-ack": "its SYN is acknowledged, connect() returns",
  "cause.received-ack-of-syn": "its SYN is acknowledged, accept() can return",
  "cause.sent-ack-after-syn-ack": "it sends ACKs, so it received a SYN+ACK this capture missed",
  "cause.sent-fin": "it sent a FIN (active close)",
  "cause.sent-fin-after-peer-fin": "it sent its own FIN after the peer's (passive close) and waits for the last ACK",
  "cause.sent-fin-before-peer-fin": "its FIN does not acknowledge the peer's FIN, so it closed before receiving it",
  "cause.received-fin": "it received the peer's FIN: the peer sends no more, but this side may still send",
  "cause.received-ack-of-fin": "its FIN is acknowledged; it waits for the peer's FIN",
  "cause.received-fin-after-ack": "it received the peer's FIN and will acknowledge it",
  "cause.received-fin-with-ack": "it received the peer's FIN, which also acknowledges its own",
  "cause.received-fin-while-closing": "it received the peer's FIN before its own FIN was acknowledged",
  "cause.received-ack-of-fin-in-closing": "its FIN is acknowledged at last",
  "cause.received-last-ack": "its FIN is acknowledged, the connection is gone on this side",
  "cause.last-ack-lost": "it repeats its FIN, so the last ACK never reached it",
  "cause.sent-rst": "it sent a RST",
  "cause.received-rst": "it received an acceptable RST",
  "cause.refused-syn": "nothing was listening, so it was never really in SYN_RCVD: it answered the SYN with RST",
  "cause.received-refusal": "its SYN was refused",
  "cause.time-wait-expired": "2MSL has passed",
  "note.syn-retransmitted": "Same initial sequence number as before: a retransmission, the earlier one got no answer in time.",
  "note.fin-retransmitted": "A retransmitted FIN (same sequence number as before).",
  "note.fin-retransmitted-in-time-wait":
    "A FIN retransmitted to an endpoint in TIME_WAIT: exactly what TIME_WAIT is for. The last ACK was lost; the endpoint in TIME_WAIT answers it again and restarts its 2MSL timer.",
  "note.rst-not-acceptable": "This RST's sequence number is outside the receiver's window, so the receiver ignores it (RFC 9293 §3.10.7.4, RFC 5961).",
  "note.syn-with-data": "This SYN carries {len} bytes of data (TCP Fast Open, RFC 7413).",
  "note.handshake-ack-with-data":
    "This third segment already carries {len} bytes of data: allowed, since the client is ESTABLISHED. The first two may not carry data: payload on a SYN would let a SYN flood cost the server memory.",
  "note.syn-ack-bad-ack": "Its ack {ack} does not acknowledge the client's SYN (expected j+1 = {expected}): the client should answer with RST.",
  "note.segment-after-close": "The receiving end is already CLOSED: it will answer with RST.",
  "word.client": "client",
  "word.server": "server",
  "word.time-wait-over": "2MSL ({twoMsl} s) after entering TIME_WAIT, the {who} is CLOSED.",
};
