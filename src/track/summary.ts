import type { Connection } from "./connection.js";
import type { BothConfidences } from "./observer/row.js";
import { peerOf, type Role, type TcpState } from "./states.js";
import { causeNumber, causeNumberOfCode, madeByServer } from "./observer/change-code.js";
import type { ChangeVisitor } from "./observer/hindsight.js";
import { zeekVerdictOf } from "./zeek/zeek-model.js";
import type { ZeekVerdict } from "./zeek/session.js";
import { roundToMicros } from "../capture/timestamp.js";

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
  /** Shared by every record that closed so, and frozen, as finalStates and finalConfidence are. */
  close: { kind: CloseKind; by: Role | null };
  finalStates: Record<Role, TcpState>;
  /** How sure each final state is (docs/tracking-model.md, Confidence). */
  finalConfidence: BothConfidences;
  verdict: Verdict;
  /** Left half-open: one end closed or aborted while the other still holds the connection (RFC 9293 §3.5.1). */
  halfOpen: boolean;
  completeness: number;
  /** Segments per Wireshark finding (tcp.analysis.* name without the prefix), e.g. {"retransmission": 2}; one frozen empty object for every record without. */
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
    duration: roundToMicros(connection.secondsSinceFirst(connection.lastTime)),
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
    findings: connection.findingRecord() ?? NO_FINDINGS,
    zeek: zeekVerdictOf(connection),
  };
}

const NO_FINDINGS: Record<string, number> = Object.freeze({});

/** The record's verdict alone, for a reader that needs no more of it (the findings collector). */
export function connectionVerdict(connection: Connection): Verdict {
  const firsts = new FirstChanges(connection);
  const refusedBy = refuser(connection, firsts);
  return verdictOf(closeOf(connection, firsts, refusedBy).kind, handshakeOf(connection, firsts, refusedBy));
}

/**
 * Who made a state change, and at which frame, all the record reads of one, as one number:
 * twice the frame, plus one for the server (NO_CHANGE: none). A number, not an object: every
 * connection let go of is summarized, or its verdict read, and made one per cause.
 */
type ChangeMark = number;
const NO_CHANGE: ChangeMark = -1;

/** The mark of a change made at `frame`, by its code. */
function markOf(code: number, frame: number): ChangeMark {
  return 2 * frame + (madeByServer(code) ? 1 : 0);
}

function markedEndpoint(mark: ChangeMark): Role {
  return mark % 2 === 1 ? "server" : "client";
}

function markedFrame(mark: ChangeMark): number {
  return Math.floor(mark / 2);
}

/** The causes the record reads, by their numbers in change codes (causeNumber): compared as small integers, not as texts. */
const REFUSAL = causeNumber("received-refusal");
const SYN_BEFORE_PEER_SYN = causeNumber("sent-syn-before-peer-syn");
const ACK_OF_SYN = causeNumber("received-ack-of-syn");
const SYN_ACK_WHILE_OPENING = causeNumber("received-syn-ack-while-opening");
const ACK_AFTER_SYN_ACK = causeNumber("sent-ack-after-syn-ack");
const RST = causeNumber("sent-rst");
const FIN = causeNumber("sent-fin");
const FIN_BEFORE_PEER_FIN = causeNumber("sent-fin-before-peer-fin");
const FIN_WITH_ACK = causeNumber("received-fin-with-ack");
const FIN_AFTER_ACK = causeNumber("received-fin-after-ack");

/**
 * The first state change of each cause the record reads, found in one pass over the history's
 * change codes: fields of one shape rather than an object keyed by cause, which every connection
 * paid for, and the visitor itself rather than a closure made for each.
 */
class FirstChanges implements ChangeVisitor {
  refusal = NO_CHANGE;
  synBeforePeerSyn = NO_CHANGE;
  ackOfSyn = NO_CHANGE;
  synAckWhileOpening = NO_CHANGE;
  ackAfterSynAck = NO_CHANGE;
  rst = NO_CHANGE;
  fin = NO_CHANGE;
  finBeforePeerFin = NO_CHANGE;
  finWithAck = NO_CHANGE;
  finAfterAck = NO_CHANGE;

  constructor(connection: Connection) {
    connection.hindsight.eachChangeCode(this);
  }

  visit(code: number, frame: number): void {
    switch (causeNumberOfCode(code)) {
      case REFUSAL:
        if (this.refusal === NO_CHANGE) this.refusal = markOf(code, frame);
        break;
      case SYN_BEFORE_PEER_SYN:
        if (this.synBeforePeerSyn === NO_CHANGE) this.synBeforePeerSyn = markOf(code, frame);
        break;
      case ACK_OF_SYN:
        if (this.ackOfSyn === NO_CHANGE) this.ackOfSyn = markOf(code, frame);
        break;
      case SYN_ACK_WHILE_OPENING:
        if (this.synAckWhileOpening === NO_CHANGE) this.synAckWhileOpening = markOf(code, frame);
        break;
      case ACK_AFTER_SYN_ACK:
        if (this.ackAfterSynAck === NO_CHANGE) this.ackAfterSynAck = markOf(code, frame);
        break;
      case RST:
        if (this.rst === NO_CHANGE) this.rst = markOf(code, frame);
        break;
      case FIN:
        if (this.fin === NO_CHANGE) this.fin = markOf(code, frame);
        break;
      case FIN_BEFORE_PEER_FIN:
        if (this.finBeforePeerFin === NO_CHANGE) this.finBeforePeerFin = markOf(code, frame);
        break;
      case FIN_WITH_ACK:
        if (this.finWithAck === NO_CHANGE) this.finWithAck = markOf(code, frame);
        break;
      case FIN_AFTER_ACK:
        if (this.finAfterAck === NO_CHANGE) this.finAfterAck = markOf(code, frame);
        break;
      default:
        // The record reads no other cause.
        break;
    }
  }
}

/** The earlier of two causes' first changes. */
function earlier(a: ChangeMark, b: ChangeMark): ChangeMark {
  if (a === NO_CHANGE || b === NO_CHANGE) return a === NO_CHANGE ? b : a;
  return markedFrame(a) <= markedFrame(b) ? a : b;
}

function handshakeOf(connection: Connection, firsts: FirstChanges, refusedBy: Role | null): HandshakeOutcome {
  if (refusedBy !== null) return "refused";
  if (firsts.synBeforePeerSyn !== NO_CHANGE) return "simultaneous";
  if (!connection.client.sentSyn && !connection.server.sentSyn) return "not-captured";
  const completed =
    firsts.ackOfSyn !== NO_CHANGE || firsts.synAckWhileOpening !== NO_CHANGE || firsts.ackAfterSynAck !== NO_CHANGE;
  return completed ? "complete" : "incomplete";
}

/**
 * The endpoint that refused the connection: its RST answered the peer's SYN where nothing
 * listened (it was CLOSED from the start, RFC 9293 §3.10.7.1), or refused the peer's SYN.
 */
function refuser(connection: Connection, firsts: FirstChanges): Role | null {
  const refusal = firsts.refusal;
  if (refusal !== NO_CHANGE) return peerOf(markedEndpoint(refusal));
  const server = connection.server;
  const neverListened = connection.hindsight.initialOf("server") === "CLOSED" && server.sentRst && !server.sentSyn;
  return neverListened ? "server" : null;
}

function closeOf(connection: Connection, firsts: FirstChanges, refusedBy: Role | null): Close {
  if (refusedBy !== null) return closeRecord("refused", refusedBy);
  const reset = firsts.rst;
  const firstFin = earlier(firsts.fin, firsts.finBeforePeerFin);
  if (reset !== NO_CHANGE && (firstFin === NO_CHANGE || !bothFinsSent(connection)))
    return closeRecord("reset", markedEndpoint(reset));
  if (firstFin === NO_CHANGE) return closeRecord("open", null);
  const by = markedEndpoint(firstFin);
  // Both closed at once: neither closed first.
  if (firsts.finBeforePeerFin !== NO_CHANGE) return closeRecord("simultaneous", null);
  if (firsts.finWithAck !== NO_CHANGE) return closeRecord("three-way", by);
  if (firsts.finAfterAck !== NO_CHANGE) return closeRecord("four-way", by);
  return closeRecord(bothFinsSent(connection) ? "four-way" : "half-closed", by);
}

type Close = ConnectionSummary["close"];

/**
 * The record's close, one frozen object for each kind and closer, shared by every record that
 * ends so (as its final states are): one object fewer for each connection summarized.
 */
const CLOSES: Readonly<Record<CloseKind, readonly [Close, Close, Close]>> = {
  "four-way": closesOf("four-way"),
  "three-way": closesOf("three-way"),
  simultaneous: closesOf("simultaneous"),
  reset: closesOf("reset"),
  refused: closesOf("refused"),
  "half-closed": closesOf("half-closed"),
  open: closesOf("open"),
};

/** By no one, the client, the server. */
function closesOf(kind: CloseKind): readonly [Close, Close, Close] {
  return [
    Object.freeze({ kind, by: null }),
    Object.freeze({ kind, by: "client" }),
    Object.freeze({ kind, by: "server" }),
  ];
}

function closeRecord(kind: CloseKind, by: Role | null): Close {
  return CLOSES[kind][by === null ? 0 : by === "client" ? 1 : 2];
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
