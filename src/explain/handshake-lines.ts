import { shiftOfOption } from "../track/analysis/window-scale.js";
import type { Connection } from "../track/connection.js";
import type { Endpoint } from "../track/endpoint.js";
import { initialRttOf, type TrackedSegment } from "../track/tracked-segment.js";
import { millis } from "./millis.js";
import type { MessageList } from "./lines.js";
import { message, type Message, type MessageValue } from "./message.js";
import type { StepKind } from "./step.js";

/**
 * The handshake's options (said once per connection, on the SYN-ACK) and its checks: the SYN-ACK
 * acknowledges j+1 (or the data of a Fast Open SYN too; any other ack is the observer's note
 * syn-ack-bad-ack), the third segment acknowledges exactly k+1; and the iRTT.
 */
export function addHandshakeLines(
  lines: MessageList,
  tracked: TrackedSegment,
  kind: StepKind | null,
  firstSynAck: boolean,
): void {
  if (kind === "syn-ack") {
    if (firstSynAck) lines.push(optionsLine(tracked.connection));
    addSynAckCheck(lines, tracked);
  } else if (kind === "handshake-ack") {
    addHandshakeAckLines(lines, tracked);
  }
}

/** The iRTT, and whether the third segment acknowledges exactly k+1. */
function addHandshakeAckLines(lines: MessageList, tracked: TrackedSegment): void {
  const rtt = initialRttOf(tracked);
  if (rtt !== undefined) lines.push(message("handshake.initial-rtt", { rtt: millis(rtt) }));
  const serverIsn = tracked.connection.server.isn;
  const expected = serverIsn === undefined ? undefined : (serverIsn + 1) >>> 0;
  if (expected !== undefined && tracked.segment.ack !== expected) {
    lines.push(message("handshake.ack-mismatch", { ack: tracked.segment.ack, expected }));
  }
}

/**
 * How many bytes beyond j+1 a SYN-ACK acknowledges: the data a Fast Open SYN carried (RFC 7413
 * §4.2); 0 when its ack is j+1, the client's ISN is unknown, or the ack is not acceptable (the
 * observer's note syn-ack-bad-ack says so).
 */
export function synDataAcknowledged(tracked: TrackedSegment): number {
  const clientIsn = tracked.connection.client.isn;
  if (clientIsn === undefined || tracked.notes.some((note) => note.id === "syn-ack-bad-ack")) return 0;
  return (tracked.segment.ack - clientIsn - 1) >>> 0;
}

function addSynAckCheck(lines: MessageList, tracked: TrackedSegment): void {
  const len = synDataAcknowledged(tracked);
  const synData = tracked.connection.client.synDataLength;
  if (len === 0 && synData > 0 && !tracked.notes.some((note) => note.id === "syn-ack-bad-ack")) {
    lines.push(
      message("note.syn-data-not-accepted", {
        who: tracked.from,
        peer: "client",
        ack: tracked.segment.ack,
        len: synData,
      }),
    );
  }
  if (len === 0) return;
  const ack = tracked.segment.ack;
  lines.push(message("handshake.syn-ack-acks-data", { ack, expected: (ack - len) >>> 0, len }));
}

/** What both SYNs negotiated: each option is in use only when both offered it. */
function optionsLine(connection: Connection): Message {
  if (connection.roleEvidence !== "syn") return message("handshake.options-unknown");
  const { client, server } = connection;
  return message("handshake.options", {
    mss: message("handshake.mss", { client: mssOf(client), server: mssOf(server) }),
    windowScale: windowScaleOf(client, server),
    sack: message(client.sackPermitted && server.sackPermitted ? "handshake.sack-on" : "handshake.sack-off"),
    timestamps: message(
      client.timestamps && server.timestamps ? "handshake.timestamps-on" : "handshake.timestamps-off",
    ),
  });
}

function mssOf(endpoint: Endpoint): MessageValue {
  return endpoint.mss ?? message("word.not-announced");
}

function windowScaleOf(client: Endpoint, server: Endpoint): Message {
  if (client.windowScale === undefined || server.windowScale === undefined)
    return message("handshake.window-scale-off");
  const clientShift = shiftOfOption(client.windowScale);
  const serverShift = shiftOfOption(server.windowScale);
  return message("handshake.window-scale-on", {
    clientShift,
    clientFactor: 2 ** clientShift,
    serverShift,
    serverFactor: 2 ** serverShift,
  });
}
