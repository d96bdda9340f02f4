import { TcpFlag, type Segment } from "../decode/segment.js";
import type { RoleEvidence } from "./connection.js";

/** Ports at or above this are in the ephemeral ranges clients draw from (Linux 32768-60999, IANA 49152-65535). */
const EPHEMERAL_PORT_START = 32768;
/** Well-known ports (RFC 6335 §6): 0-1023. */
const WELL_KNOWN_PORT_END = 1024;

export interface RoleDecision {
  readonly senderIsClient: boolean;
  readonly evidence: RoleEvidence;
}

/** Every decision there is, made once and frozen: one is taken for every connection. */
const SENDER_SENT_SYN: RoleDecision = Object.freeze({ senderIsClient: true, evidence: "syn" });
const SENDER_SENT_SYN_ACK: RoleDecision = Object.freeze({ senderIsClient: false, evidence: "syn-ack" });
const SENDER_ON_SERVER_PORT: RoleDecision = Object.freeze({ senderIsClient: false, evidence: "port" });
const SENDER_ON_CLIENT_PORT: RoleDecision = Object.freeze({ senderIsClient: true, evidence: "port" });

/**
 * docs/tracking-model.md, States and roles: the client sent the first pure SYN; without a SYN, the SYN-ACK's receiver;
 * without either, the endpoint on the likely server port is the server (a guess, said as such).
 */
export function decideRoles(first: Segment): RoleDecision {
  const synAck = first.flags & (TcpFlag.SYN | TcpFlag.ACK);
  if (synAck === TcpFlag.SYN) return SENDER_SENT_SYN;
  if (synAck === (TcpFlag.SYN | TcpFlag.ACK)) return SENDER_SENT_SYN_ACK;
  return isLikelyServerPort(first.srcPort, first.dstPort) ? SENDER_ON_SERVER_PORT : SENDER_ON_CLIENT_PORT;
}

/** Is `port` more likely the server's than `other`? Well-known beats the rest, then non-ephemeral, then lower. */
export function isLikelyServerPort(port: number, other: number): boolean {
  const wellKnown = port < WELL_KNOWN_PORT_END;
  if (wellKnown !== other < WELL_KNOWN_PORT_END) return wellKnown;
  const ephemeral = port >= EPHEMERAL_PORT_START;
  if (ephemeral !== other >= EPHEMERAL_PORT_START) return !ephemeral;
  return port < other;
}
