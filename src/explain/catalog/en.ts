import type { Catalog, MessageTemplates } from "./catalog.js";
import { utcText } from "./utc-text.js";
import type { Verdict } from "../../track/summary.js";
import type { Words } from "./words.js";

/** English message templates. Placeholders in braces; a client or server value becomes the text words' client or server. */
const messages: MessageTemplates = {
  "step.syn":
    "The {who} opens the connection (active open, connect()): SYN with its initial sequence number j = {isn}. A SYN carries no data but consumes one sequence number, so the {who}'s first data byte will be j+1 = {next}.",
  "step.syn-with-data":
    "The {who} opens the connection (active open, connect()): SYN with its initial sequence number j = {isn}, carrying {len} bytes of data. The SYN itself consumes one sequence number, so the data occupies j+1 = {next} up to {end}.",
  "step.syn-ack":
    "The {who} accepts (passive open): SYN+ACK with its own initial sequence number k = {isn} and ack = j+1 = {ack}, acknowledging the {peer}'s SYN j = {peerIsn}. This SYN, too, consumes one sequence number.",
  "step.syn-ack-with-data":
    "The {who} accepts (passive open): SYN+ACK with its own initial sequence number k = {isn}, acknowledging the {peer}'s SYN j = {peerIsn} and the data it carried: ack = {ack}. This SYN, too, consumes one sequence number.",
  "step.handshake-ack":
    "The {who} acknowledges the {peer}'s SYN: ack = k+1 = {ack}. A pure ACK consumes no sequence number, so the {who}'s next byte is still {seq}. Three segments, not two (RFC 9293 §3.5): only now has each side seen the other acknowledge its initial sequence number, so both know that both directions work, and an old duplicate SYN still wandering the network cannot open a connection by itself: its SYN+ACK would be answered with RST instead of this ACK.",
  "step.crossing-syn":
    "The {who} sends its own SYN (initial sequence number {isn}) before the {peer}'s SYN reached it: both sides open at once (simultaneous open). Each will acknowledge the other's SYN with a SYN+ACK.",
  "step.crossing-syn-ack": "The {who} repeats its SYN and acknowledges the {peer}'s: ack = {ack} (simultaneous open).",
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
  "connection.roles-guessed":
    "No SYN was captured, so the roles are a guess: {address} looks like the server (port {port}).",
  "connection.synack-first":
    "The capture starts at the SYN+ACK: the client's SYN was not captured, but it must have been sent.",
  "connection.reused-ports":
    "An earlier connection in this capture used the same addresses and ports; this SYN has a new initial sequence number, so a new connection starts (Wireshark: reused ports).",
  "change.line": "{who} {from} → {to}: {cause}.",
  "cause.sent-syn": "it sent a SYN (active open)",
  "cause.received-syn": "it received the SYN (passive open) and answers SYN+ACK",
  "cause.sent-syn-ack": "it sent a SYN+ACK, so it had received a SYN this capture missed",
  "cause.received-syn-while-opening": "it received the peer's SYN while opening itself",
  "cause.sent-syn-before-peer-syn":
    "its own SYN does not acknowledge the peer's, so it had not received it: it was opening too, not listening",
  "cause.received-syn-ack": "its SYN is acknowledged, connect() returns",
  "cause.received-ack-of-syn":
    "its SYN is acknowledged: the connection is established (a listening server's accept() can now return it)",
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
  "cause.sent-rst": "it sent a RST",
  "cause.received-rst": "it received an acceptable RST",
  "cause.received-refusal": "its SYN was refused",
  "cause.time-wait-expired": "2MSL has passed",
  "note.syn-retransmitted":
    "Same initial sequence number as before: a retransmission (no answer to the earlier one reached the sender in time).",
  "note.fin-retransmitted": "A retransmitted FIN (same sequence number as before).",
  "note.fin-retransmitted-in-time-wait":
    "A FIN retransmitted to an endpoint in TIME_WAIT: exactly what TIME_WAIT is for. The last ACK was lost; the endpoint in TIME_WAIT answers it again and restarts its 2MSL timer.",
  "note.rst-not-acceptable":
    "This RST's sequence number is outside the receiver's window, so the receiver ignores it (RFC 9293 §3.10.7.4, RFC 5961).",
  "note.syn-with-data":
    "This SYN carries {len} bytes of data but no Fast Open cookie: a server takes data on a SYN only with a valid cookie (TCP Fast Open, RFC 7413 §4.1), so expect it to acknowledge just the SYN and the data to come again after the handshake.",
  "note.syn-ack-bad-ack":
    "Its ack {ack} does not acknowledge the client's SYN (expected j+1 = {expected}): the client should answer with RST.",
  "note.segment-after-close": "The receiving end is already CLOSED: it will answer with RST.",
  "analysis.retransmission":
    "Suspected retransmission (Wireshark): seq {seq} is below the next expected {nextSeq}, so this data was sent before; no ACK for it came in time, and the sender's retransmission timer made it send again.{original}",
  "analysis.fast-retransmission":
    "Suspected fast retransmission (Wireshark): seq {seq} is below the next expected {nextSeq}: this data was sent before; the {peer}'s {count} duplicate ACKs for {seq} (frames {frames}) triggered it at once, without waiting for the timer (fast retransmit, RFC 5681 §3.2).{original}",
  "analysis.fast-retransmission-after-unseen":
    "Suspected fast retransmission (Wireshark): seq {seq} is below the next expected {nextSeq}, this data was sent before, and it came within 20 ms of the {peer}'s last ACK, which asked for exactly {seq}. Wireshark counts the {peer}'s earlier ACK of data this capture did not see as enough duplicate ACKs; there may have been none.{original}",
  "analysis.spurious-retransmission":
    "Suspected spurious retransmission (Wireshark): bytes {seq} to {end} were already acknowledged by the {peer} (its last ack is {peerAck}), so this copy was not needed: the timer fired too early, or the ACK did not reach the sender in time.",
  "analysis.first-sent": " It was first sent at frame {frame}, {ago} ms earlier, and is not acknowledged yet.",
  "analysis.out-of-order":
    "Suspected out-of-order segment (Wireshark): seq {seq} is below the highest sequence number sent so far ({nextSeq}), but it came only {since} ms after the segment that reached it, within {limit} ms (the handshake's round trip, or 3 ms without one): too soon for a retransmission, so it was probably overtaken on the way.",
  "analysis.lost-segment":
    "Previous segment not captured (Wireshark): seq {seq} is beyond the next expected {nextSeq}, so {missing} bytes sent before it are missing here: lost on the way, or missed by the capture.",
  "analysis.ack-lost-segment":
    "ACKed segment that wasn't captured (Wireshark): ack {ack} acknowledges data the capture never saw the {peer} send (it saw it send, without gaps, up to {seenUpTo}): the capture missed some of the {peer}'s segments, which did arrive.",
  "analysis.duplicate-ack":
    "Duplicate ACK #{num} of frame {frame} (Wireshark): the same ack {ack} and window again, with no data: the {who} is still waiting for byte {ack}. A receiver repeats its ACK for every segment that arrives after a gap; three duplicates make the sender retransmit at once (RFC 5681 §3.2).",
  "analysis.duplicate-ack-again":
    "Duplicate ACK #{num} of frame {frame} (Wireshark): the {who} is still waiting for byte {ack}.",
  "analysis.zero-window":
    "Zero window (Wireshark): the {who} advertises a window of 0: its receive buffer is full because the application is not reading. The {peer} must stop sending data and probe from time to time whether the window has opened.",
  "analysis.zero-window-again":
    "Zero window (Wireshark): the {who}'s receive buffer is still full; the {peer} must wait.",
  "analysis.zero-window-probe":
    "Zero-window probe (Wireshark): one byte at the next sequence number {seq} while the {peer}'s window is 0: the {who} asks whether the window has opened (RFC 9293 §3.8.6.1).",
  "analysis.zero-window-probe-ack":
    "Answer to the zero-window probe (Wireshark): the {who} repeats ack {ack} and its window is still 0, so the byte was not taken.",
  "analysis.window-full":
    "Window full (Wireshark): this segment reaches the right edge of the {peer}'s window (ack {peerAck} + window {peerWindow} = {end}): the {who} may send nothing more until the {peer} acknowledges data or opens its window.",
  "analysis.window-update":
    "Window update (Wireshark): nothing new to acknowledge; the {who} tells the {peer} that its receive window is now {window} bytes (it was {previous}).",
  "analysis.keep-alive":
    "Keep-alive (Wireshark): seq {seq} is one below the next sequence number {nextSeq} (len {len}), so the {peer} must answer with an ACK. The {who} checks that the idle connection is still alive: by default after 2 hours without traffic, then a probe every 75 s, and after 10 unanswered probes the connection is dropped (RFC 1122 §4.2.3.6; Linux tcp_keepalive_time, tcp_keepalive_intvl, tcp_keepalive_probes).",
  "analysis.keep-alive-again":
    "Keep-alive (Wireshark): seq {seq} is one below the next sequence number {nextSeq} (len {len}); the {who} checks again that the {peer} is still there.",
  "analysis.keep-alive-zero-window":
    "Wireshark flags this as a keep-alive (seq {seq} is one below the next sequence number {nextSeq}, len {len}), but the {peer}'s window is 0: more likely this is a zero-window probe as Linux sends them (empty, at the oldest unacknowledged number minus one): the {who} asks whether the window has opened.",
  "analysis.keep-alive-ack":
    "Answer to the keep-alive (Wireshark): the {who} repeats its ACK {ack}, so this end of the connection is still alive.",
  "analysis.reused-ports":
    "This SYN+ACK brings a new initial sequence number on ports an earlier connection of this capture used (Wireshark: reused ports); Wireshark keeps it in the same stream.",
  "analysis.acked-frame": "It acknowledges the segment of frame {frame}.",
  "analysis.ack-rtt":
    "It acknowledges the segment of frame {frame}, {rtt} ms after it was sent (the round-trip time seen from the capture point).",
  "handshake.options": "What the SYNs negotiated: {mss}; {windowScale}; {sack}; {timestamps}.",
  "handshake.options-unknown":
    "The client's SYN was not captured, so the options it offered, and what the two ends agreed on, are unknown.",
  "handshake.mss": "MSS: client {client}, server {server} (the largest segment, in bytes, each is willing to receive)",
  "handshake.window-scale-on":
    "window scaling in use (RFC 7323): the client's windows count in units of {clientFactor} bytes (shift {clientShift}), the server's in units of {serverFactor} (shift {serverShift})",
  "handshake.window-scale-off":
    "no window scaling: both SYNs must offer it (RFC 7323 §2.2), so windows are plain byte counts of at most 65535",
  "handshake.sack-on": "selective acknowledgments (SACK) permitted (RFC 2018)",
  "handshake.sack-off": "no selective acknowledgments (both SYNs must permit SACK)",
  "handshake.timestamps-on":
    "timestamps on (RFC 7323 §3: RTT measurement and protection against wrapped sequence numbers)",
  "handshake.timestamps-off": "no timestamps (both SYNs must carry them)",
  "handshake.syn-ack-acks-data":
    "Check: its ack {ack} is not j+1 = {expected} but {len} more: it also acknowledges the {len} bytes of data the SYN carried (TCP Fast Open, RFC 7413).",
  "handshake.initial-rtt": "Handshake round trip (Wireshark's iRTT): {rtt} ms from the SYN to this ACK.",
  "handshake.ack-mismatch":
    "Check: its ack {ack} is not k+1 = {expected}, so it does not acknowledge exactly the server's SYN.",
  "step.handshake-ack-with-data":
    "The {who} acknowledges the {peer}'s SYN, ack = k+1 = {ack}, and already sends {len} bytes of data from seq {seq}: not a pure ACK. RFC 9293 §3.10.7.4 allows it, since the {who} is ESTABLISHED once the SYN+ACK arrived. Three segments, not two (RFC 9293 §3.5): only now has each side seen the other acknowledge its initial sequence number, and an old duplicate SYN cannot open a connection by itself.",
  "segment.reset-no-connection":
    "The {who} answers with a bare RST (no ACK bit, its seq taken from the ack it received): it has no such connection any more, as a host that rebooted or crashed answers segments of connections it forgot (RFC 9293 §3.10.7.1). The {peer} drops the connection.",
  "segment.reset-after-close":
    "The {who} has already closed this connection: a closed endpoint answers any segment but a RST with a RST (RFC 9293 §3.10.7.1).",
  "segment.reset-in-handshake":
    "The {who} answers the {peer}'s SYN+ACK with RST instead of completing the handshake: it does not want the connection (a SYN scan sends SYNs from a raw socket, so the {who}'s own TCP, which knows no such connection, resets the answer). The {peer} goes back to LISTEN.",
  "segment.reset-bad-ack":
    "The {who} answers an ACK that does not acknowledge its SYN with RST (RFC 9293 §3.10.7.3: sequence number = that ACK's ack): the RST is for whatever sent that ACK, and the {who} stays in SYN_SENT, waiting for the {peer}'s SYN+ACK.",
  "cause.received-syn-ack-while-opening": "its SYN is acknowledged: connect() returns (both sides opened actively)",
  "cause.received-rst-back-to-listen":
    "a RST arrived in SYN_RCVD: a passive open goes back to listening (RFC 9293 §3.10.7.4)",
  "cause.lost-connection":
    "its bare RST later shows it no longer had this connection when this segment arrived (it rebooted or crashed, or aborted it with a RST the capture did not see)",
  "note.syn-ack-after-crossing":
    "Wireshark flags this SYN+ACK as a retransmission, since it repeats the {who}'s initial sequence number; in a simultaneous open it is the {who}'s answer to the {peer}'s SYN, the crossing half of the handshake, not necessarily a repeat of a lost segment.",
  "note.syn-with-data-cookie":
    "This SYN carries {len} bytes of data and a Fast Open cookie (TCP Fast Open, RFC 7413): a server that accepts the cookie hands the data to the application at once, and its SYN+ACK acknowledges it.",
  "note.syn-data-not-accepted":
    "Check: its ack is j+1 = {ack} and does not cover the {len} bytes of data the SYN carried: the {who} took the SYN but not its data, which the {peer} must send again.",
  "note.nothing-listens":
    "Nothing listens on port {port}: the {peer}'s RST answers this SYN, so the {peer} stayed CLOSED throughout (RFC 9293 §3.10.7.1), never in SYN_RCVD.",
  "note.no-answer":
    "Nothing in the capture answers this SYN, so whether anything listens on port {port} is unknown: the {peer}'s state is a guess.",
  "note.ack-lost":
    "This ACK never reached the {peer}: it repeats the SYN or FIN this ACK acknowledges at frame {frame}, so it was still waiting for it.",
  "note.copy-unacknowledged":
    "Most likely this copy never arrived: the {who} sent it again, and the {peer}'s segment of frame {frame}, sent after that, still does not acknowledge it.",
  "note.copy-lost":
    "Most likely this copy never arrived: the {peer} said nothing before the {who} sent it again at frame {frame}.",
  "note.crossed":
    "The {peer} took this in only after sending its own segment of frame {frame}, whose ack does not cover it: the two crossed on the way.",
  "note.not-arrived-ack":
    "Most likely this never arrived: the {peer}'s segment of frame {frame}, sent several round trips after it, long after it would have arrived, shows the {peer} still without it.",
  "note.behind-gap":
    "Data the {who} sent before this FIN had not reached the {peer}, which takes segments in sequence order (RFC 9293 §3.10.7.4): the FIN waited, held out of order or still on the way, until the {who} sent that data again at frame {frame}, and the {peer} took both in then.",
  "note.gap-filled":
    "This brings the {peer} the data it was missing before the {who}'s FIN of frame {frame}, which so waited until now: the {peer} takes that FIN in with it.",
  "note.crossed-ack":
    "The {peer} took this in only after sending its own segment of frame {frame}: the two crossed on the way.",
  "note.rst-no-connection":
    "The {who} had lost the connection before this RST: it answers with no ACK bit, as TCP does for segments of a connection it has no record of (RFC 9293 §3.10.7.1).",
  "note.rst-lost":
    "The {peer} never took this RST in: its segment of frame {frame} shows it still had the connection (the RST was lost on the way, or refused: RFC 9293 §3.10.7.4 answers a RST that is not exactly at the next sequence number with an ACK and drops it).",
  "note.not-arrived":
    "Most likely this never arrived: the {peer}'s segment of frame {frame}, sent several round trips after it, long after it would have arrived, still does not acknowledge it.",
  "note.rst-answers-bad-ack":
    "When its sequence number is exactly the one an older connection on these ports expects next, this RST resets that connection (RFC 5961 §3), and the next copy of the SYN can reach the listener.",
  "note.old-connection":
    "The listening {peer} never took this SYN in: an older connection on the same ports, which the {peer} still had, answered it at frame {frame} with an ACK that does not acknowledge it (a challenge ACK, RFC 9293 §3.10.7.4, RFC 5961 §4). Resetting that connection lets the next copy of the SYN through.",
  "revision.line": "Revised with hindsight: the {who} was {now}, not {was}, at frame {frames}: {reason}.",
  "revision.answered": "the first segment it sent, at frame {frame}, shows that what reached it before took effect",
  "revision.nothing-listened": "its RST at frame {frame} shows that nothing listened: it was CLOSED from the start",
  "revision.opened-too": "its own SYN at frame {frame} shows that it was opening too, not listening",
  "revision.crossed":
    "frame {frame} does not acknowledge a SYN or FIN sent before it, which so had not arrived yet: the two crossed",
  "revision.ack-lost": "the repeat at frame {frame} shows that the ACK of what it repeats never arrived",
  "revision.copy-lost": "the repeat at frame {frame} shows that the earlier copy most likely never arrived",
  "revision.lost-connection":
    "the bare RST at frame {frame} shows that the connection had been lost (a reboot or crash)",
  "revision.rst-lost": "its segment of frame {frame} shows that it never took the peer's RST in",
  "revision.not-arrived":
    "frame {frame} comes several round trips after a segment of the peer's and does not show it taken in, so that segment most likely never arrived",
  "revision.old-connection":
    "frame {frame} answers a SYN with an ACK that does not acknowledge it: an older connection on the same ports answered, and the listener never took that SYN in",
  "revision.behind-gap":
    "frame {frame} sends again data sent before a FIN, which so could not be taken in before that data came",
  "word.not-announced": "not announced",
  "word.time-wait-over": "2MSL ({twoMsl} s) after entering TIME_WAIT, the {who} is CLOSED.",
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

const summaryVerdicts: Record<Verdict, string> = {
  closed: "closed gracefully",
  reset: "reset",
  refused: "refused",
  "half-closed": "half-closed",
  "handshake-incomplete": "never completed the handshake",
  open: "still open",
};

/** The outputs' own words in English. */
const words: Words = {
  text: {
    linkType: "link type",
    stream: "stream",
    client: "client",
    server: "server",
    frame: "frame",
    time: "time",
    flags: "flags",
    length: "len",
    step: "step",
    handshake: "handshake",
    teardown: "teardown",
    clientToServer: "client→server",
    serverToClient: "server→client",
    unconfirmedLegend: "STATE? : not confirmed by that endpoint's own segments (inferred, or unknown)",
    finding: "Finding",
    halfOpenPeak: (peak, time) =>
      `Half-open queue: at most ${peak} connection${peak === 1 ? "" : "s"} in SYN_RCVD at once${time === null ? "" : ` (at ${utcText(time)})`}.`,
    towardServer: "c→s",
    towardClient: "s→c",
    dir: "dir",
    totals: (t) =>
      `${plural(t.frames, "frame")}: ${plural(t.segments, "TCP segment")} in ${plural(t.connections, "connection")}, ${plural(t.skipped, "other frame")} skipped` +
      `${t.skippedWhy === "" ? "" : ` (${t.skippedWhy})`}.${t.tunnels === "" ? "" : `\nSegments through tunnels: ${t.tunnels}.`}`,
  },
  summary: {
    stream: "stream",
    client: "client",
    server: "server",
    packets: "packets c→s / s→c",
    bytes: "bytes c→s / s→c",
    duration: "duration",
    opened: "opened",
    ended: "ended",
    finalStates: "final states c / s",
    retransmissions: "retrans.",
    completeness: "compl.",
    halfOpen: "left half-open",
    outcomes: {
      complete: "complete",
      simultaneous: "simultaneous open",
      refused: "refused",
      incomplete: "incomplete",
      "not-captured": "not captured",
    },
    closeKinds: {
      "four-way": "four-way",
      "three-way": "three-way",
      simultaneous: "simultaneous",
      reset: "reset",
      refused: "refused",
      "half-closed": "half-closed",
      open: "still open",
    },
    closedBy: (role) => `by the ${role}`,
    totals: (count, parts) => `${plural(count, "connection")}${parts.length > 0 ? `: ${parts.join(", ")}` : ""}.`,
    verdictCount: (verdict, count) => `${count} ${summaryVerdicts[verdict]}`,
    latency: (n, min, median, p95, max) =>
      `Handshake latency (iRTT) over ${plural(n, "handshake")}: min ${min}, median ${median}, p95 ${p95}, max ${max}.`,
    noHandshake: "No complete handshake, so no handshake latency.",
    leftOut: (columns) =>
      `Left out to fit the terminal: ${columns.join(", ")} (--columns all shows every column; --columns NAME,... picks them).`,
  },
  diagram: {
    fold: (f) => [
      `... ${f.segments} segments (frames ${f.frames}):`,
      `${f.client} client->server,`,
      `${f.server} server->client,`,
      `in ${f.duration} ...`,
    ],
    timeWaitOver: "2MSL over",
  },
  report: {
    title: "TCP connections",
    captures: "Captures",
    connections: "Connections",
    noConnections: "No TCP connection to show.",
    packets: "packets",
    bytes: "payload bytes",
    duration: "duration",
    handshake: "handshake",
    close: "close",
    finalStates: "final states (client / server)",
    verdict: "verdict",
    window: "window",
    raw: "raw",
    findings: "findings",
    statesAfter: "states after it",
    hint: "Hover over an arrow to read its explanation; click it to show everything about the segment here.",
    verdicts: {
      closed: "closed",
      reset: "reset",
      refused: "refused",
      "half-closed": "half-closed",
      "handshake-incomplete": "handshake incomplete",
      open: "open",
    },
    initialRtt: (rtt) => `iRTT ${rtt}`,
  },
  capture: {
    precision: { us: "microsecond", ns: "nanosecond", ms: "millisecond", s: "second" },
    timestamps: (precision) => `${precision} timestamps`,
    sections: (count) => `${count} sections`,
    byteOrder: { little: "little-endian", big: "big-endian", mixed: "mixed byte order" },
    gzip: "gzip-compressed",
    separator: ", ",
  },
};

export const en: Catalog = { messages, words };
