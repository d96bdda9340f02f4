import type { Connection } from "./connection.js";
import type { BothConfidences } from "./observer/row.js";
import { peerOf, type Role, type TcpState } from "./states.js";
import type { StateChange, TransitionCause } from "./transition.js";
import { zeekVerdictOf } from "./zeek/observer.js";
import type { ZeekVerdict } from "./zeek/session.js";
import { roundToMicros, secondsBetween } from "../capture/timestamp.js";

export type HandshakeOutcome = "complete" | "simultaneous" | "refused" | "incomplete" | "not-captured";
export type CloseKind = "four-way" | "three-way" | "simultaneous" | "reset" | "refused" | "half-closed" | "open";
export type Verdict = "closed" | "reset" | "refused" | "half-closed" | "handshake-incomplete" | "open";

/** What became of one connection, read from its recorded state changes (the NDJSON connection record). */
export interface ConnectionSummary {
  stream: number;
  client: string;
  server: string;
  /** How the roles were decided: from the SYN, the SYN-ACK, or guessed from the ports. */
  roles: string;
  firstFrame: number;
  lastFrame: number;
  /** Seconds from the first to the last segment. */
  duration: number;
  packets: Record<Role, number>;
  bytes: Record<Role, number>;
  handshake: { outcome: HandshakeOutcome; rtt: number | null };
  close: { kind: CloseKind; by: Role | null };
  finalStates: Record<Role, TcpState>;
  /** How sure each final state is (docs/tracking-model.md, Confidence). */
  finalConfidence: BothConfidences;
  verdict: Verdict;
  /** Left half-open: one end closed or aborted while the other still holds the connection (RFC 9293 §3.5.1). */
  halfOpen: boolean;
  completeness: number;
  /** Segments per Wireshark finding (tcp.analysis.* name without the prefix), e.g. {"retransmission": 2}. */
  findings: Record<string, number>;
  /** Zeek's conn.log conn_state and history for the connection; null when Zeek's view was not kept. */
  zeek: ZeekVerdict | null;
}

/** The connection record; Zeek's verdicts are those the annotator observed. */
export function summarize(connection: Connection): ConnectionSummary {
  const firsts = new FirstChanges(connection);
  const refusedBy = refuser(connection, firsts);
  const close = closeOf(connection, firsts, refusedBy);
  const handshake = handshakeOf(connection, firsts, refusedBy);
  return {
    stream: connection.stream,
    client: connection.client.label,
    server: connection.server.label,
    roles: connection.roleEvidence,
    firstFrame: connection.firstFrame,
    lastFrame: connection.lastFrame,
    duration: roundToMicros(secondsBetween(connection.firstTime, connection.lastTime)),
    packets: { client: connection.client.packets, server: connection.server.packets },
    bytes: { client: connection.client.payloadBytes, server: connection.server.payloadBytes },
    handshake: {
      outcome: handshake,
      rtt: connection.initialRtt === undefined ? null : roundToMicros(connection.initialRtt),
    },
    close,
    finalStates: connection.states,
    finalConfidence: connection.hindsight.confidenceNow,
    verdict: verdictOf(close.kind, handshake),
    halfOpen: isHalfOpen(connection.states),
    completeness: connection.completeness,
    findings: connection.findingCounts === undefined ? {} : Object.fromEntries(connection.findingCounts),
    zeek: zeekVerdictOf(connection),
  };
}

/** The record's verdict alone, for a reader that needs no more of it (the findings collector). */
export function connectionVerdict(connection: Connection): Verdict {
  const firsts = new FirstChanges(connection);
  const refusedBy = refuser(connection, firsts);
  return verdictOf(closeOf(connection, firsts, refusedBy).kind, handshakeOf(connection, firsts, refusedBy));
}

/** Who made a state change, and at which frame: all the record reads of one. */
type ChangeMark = Pick<StateChange, "endpoint" | "frame">;

/**
 * The first state change of each cause the record reads, found in one pass over the history:
 * fields of one shape rather than an object keyed by cause, which every connection paid for.
 */
class FirstChanges {
  refusal: ChangeMark | undefined = undefined;
  synBeforePeerSyn: ChangeMark | undefined = undefined;
  ackOfSyn: ChangeMark | undefined = undefined;
  synAckWhileOpening: ChangeMark | undefined = undefined;
  ackAfterSynAck: ChangeMark | undefined = undefined;
  rst: ChangeMark | undefined = undefined;
  fin: ChangeMark | undefined = undefined;
  finBeforePeerFin: ChangeMark | undefined = undefined;
  finWithAck: ChangeMark | undefined = undefined;
  finAfterAck: ChangeMark | undefined = undefined;

  constructor(connection: Connection) {
    connection.hindsight.eachChange((cause, endpoint, frame) => this.note(cause, endpoint, frame));
  }

  private note(cause: TransitionCause, endpoint: Role, frame: number): void {
    switch (cause) {
      case "received-refusal":
        this.refusal ??= { endpoint, frame };
        break;
      case "sent-syn-before-peer-syn":
        this.synBeforePeerSyn ??= { endpoint, frame };
        break;
      case "received-ack-of-syn":
        this.ackOfSyn ??= { endpoint, frame };
        break;
      case "received-syn-ack-while-opening":
        this.synAckWhileOpening ??= { endpoint, frame };
        break;
      case "sent-ack-after-syn-ack":
        this.ackAfterSynAck ??= { endpoint, frame };
        break;
      case "sent-rst":
        this.rst ??= { endpoint, frame };
        break;
      case "sent-fin":
        this.fin ??= { endpoint, frame };
        break;
      case "sent-fin-before-peer-fin":
        this.finBeforePeerFin ??= { endpoint, frame };
        break;
      case "received-fin-with-ack":
        this.finWithAck ??= { endpoint, frame };
        break;
      case "received-fin-after-ack":
        this.finAfterAck ??= { endpoint, frame };
        break;
      default:
        // The record reads no other cause.
        break;
    }
  }
}

/** The earlier of two causes' first changes. */
function earlier(a: ChangeMark | undefined, b: ChangeMark | undefined): ChangeMark | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return a.frame <= b.frame ? a : b;
}

function handshakeOf(connection: Connection, firsts: FirstChanges, refusedBy: Role | null): HandshakeOutcome {
  if (refusedBy !== null) return "refused";
  if (firsts.synBeforePeerSyn) return "simultaneous";
  if (!connection.client.sentSyn && !connection.server.sentSyn) return "not-captured";
  const completed = firsts.ackOfSyn || firsts.synAckWhileOpening || firsts.ackAfterSynAck;
  return completed ? "complete" : "incomplete";
}

/**
 * The endpoint that refused the connection: its RST answered the peer's SYN where nothing
 * listened (it was CLOSED from the start, RFC 9293 §3.10.7.1), or refused the peer's SYN.
 */
function refuser(connection: Connection, firsts: FirstChanges): Role | null {
  const refusal = firsts.refusal;
  if (refusal) return peerOf(refusal.endpoint);
  const server = connection.server;
  const neverListened = connection.hindsight.initialOf("server") === "CLOSED" && server.sentRst && !server.sentSyn;
  return neverListened ? "server" : null;
}

function closeOf(
  connection: Connection,
  firsts: FirstChanges,
  refusedBy: Role | null,
): { kind: CloseKind; by: Role | null } {
  if (refusedBy !== null) return { kind: "refused", by: refusedBy };
  const reset = firsts.rst;
  const firstFin = earlier(firsts.fin, firsts.finBeforePeerFin);
  if (reset && (!firstFin || !bothFinsSent(connection))) return { kind: "reset", by: reset.endpoint };
  if (!firstFin) return { kind: "open", by: null };
  const by = firstFin.endpoint;
  // Both closed at once: neither closed first.
  if (firsts.finBeforePeerFin) return { kind: "simultaneous", by: null };
  if (firsts.finWithAck) return { kind: "three-way", by };
  if (firsts.finAfterAck) return { kind: "four-way", by };
  return { kind: bothFinsSent(connection) ? "four-way" : "half-closed", by };
}

function bothFinsSent(connection: Connection): boolean {
  return connection.client.sentFin && connection.server.sentFin;
}

function verdictOf(close: CloseKind, handshake: HandshakeOutcome): Verdict {
  switch (close) {
    case "refused":
      return "refused";
    case "reset":
      return "reset";
    case "half-closed":
      return "half-closed";
    case "open":
      return handshake === "incomplete" ? "handshake-incomplete" : "open";
    default:
      return "closed";
  }
}

/** States in which an endpoint still holds a synchronized connection (RFC 9293 §3.5.1). */
const SYNCHRONIZED: ReadonlySet<TcpState> = new Set([
  "SYN_RCVD",
  "ESTABLISHED",
  "FIN_WAIT_1",
  "FIN_WAIT_2",
  "CLOSE_WAIT",
  "CLOSING",
  "LAST_ACK",
]);

function isHalfOpen(states: Record<Role, TcpState>): boolean {
  const closed = (state: TcpState) => state === "CLOSED" || state === "LISTEN";
  return (
    (closed(states.client) && SYNCHRONIZED.has(states.server)) ||
    (closed(states.server) && SYNCHRONIZED.has(states.client))
  );
}
