import { Awaiting, type Connection } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import { TcpFlag } from "../decode/segment.js";
import { TimedFifo } from "./fifo.js";
import type { Role } from "./states.js";
import { secondsOf } from "../capture/timestamp.js";

/**
 * Capture seconds an unanswered SYN is held: longer than Linux's SYN retransmissions last
 * (tcp_syn_retries 6: 1+2+4+8+16+32+64 = 127 s), so that a repeat of the SYN still finds it.
 */
export const DEFAULT_UNANSWERED_SYN_SECONDS = 130;
/** At most this many unanswered SYNs are held at once; past it the oldest is let go of. */
export const DEFAULT_MAX_UNANSWERED = 4096;
/**
 * At most this many half-open handshakes (the server's SYN+ACK not yet acknowledged) are held at
 * once; past it the one waiting longest is let go of, as conntrack drops an entry not yet
 * assured when its table is full (nf_conntrack_core.c early_drop). As many as a SYN flood makes in
 * well over a second at 50,000 SYNs a second, so that the SYN+ACK a server sends again after 1 s
 * still finds its connection.
 */
export const DEFAULT_MAX_HALF_OPEN = 65536;
/**
 * At most this many connections picked up midstream whose other end never spoke (an ACK flood's
 * spoofed sources, or a capture of one direction) are held at once; past it the one held longest
 * is let go of, as for half-open handshakes.
 */
export const DEFAULT_MAX_ONE_SIDED = 65536;
/** Entries left behind by connections no longer waiting, past which the queue is swept once they are most of it. */
const SWEEP_AFTER = 1024;

/**
 * Connections held while they wait for one thing (Awaiting; docs/findings.md, Memory): the
 * server's answer to the SYN, the client's ACK of the server's SYN+ACK, or a word from the end
 * that never spoke. A flood's million of them would otherwise each hold a connection until the
 * capture ends. One is let go of once the timeout passed since its last segment with still
 * nothing come, or when too many wait. Each is held with when it is due (TimedFifo).
 *
 * Only the connections still waiting count toward the limit (Connection.awaits): one is forgotten
 * when what it waits for comes or it is let go of another way. Its entry stays in the queue until it comes
 * due or the queue is swept, which happens once such entries are most of it: a busy capture's
 * answered handshakes would otherwise push an unanswered SYN out within seconds, before its
 * retransmissions, and keep thousands of let-go connections reachable.
 */
export class WaitingConnections {
  private readonly held = new TimedFifo<Connection>();
  /** Entries whose connection still waits. */
  private waiting = 0;
  /** Entries whose connection no longer does. */
  private forgotten = 0;

  /**
   * @param awaited what the connections wait for: the mark each carries while it counts
   * @param seconds how long one waits after its last segment (Infinity: until too many wait)
   * @param limit how many may wait at once
   */
  constructor(
    private readonly awaited: Awaiting,
    private readonly seconds: number,
    private readonly limit: number,
  ) {}

  add(connection: Connection, time: number): void {
    this.held.push(connection, time + this.seconds);
    connection.setAwaits(this.awaited, true);
    this.waiting++;
  }

  /** What it waited for came, or it was let go of: it no longer counts, and its entry is dropped when reached. */
  forget(connection: Connection): void {
    if (!connection.awaits(this.awaited)) return;
    connection.setAwaits(this.awaited, false);
    this.waiting--;
    this.forgotten++;
    if (this.forgotten > SWEEP_AFTER && 2 * this.forgotten > this.held.size) this.sweep();
  }

  /** The next connection that waited for the timeout by `now` (or waited longest, when too many wait). */
  next(now: number): Connection | undefined {
    const held = this.held;
    for (let connection = held.peek(); connection !== undefined; connection = held.peek()) {
      if (held.firstDue > now && this.waiting <= this.limit) return undefined;
      held.drop();
      if (!connection.awaits(this.awaited)) {
        this.forgotten--;
        continue;
      }
      const last = secondsOf(connection.lastTime);
      // A segment came since (the SYN or SYN+ACK repeated, the one end spoke again): held from it on (unless too many wait).
      if (last + this.seconds > now && this.waiting <= this.limit) held.push(connection, last + this.seconds);
      else {
        connection.setAwaits(this.awaited, false);
        this.waiting--;
        return connection;
      }
    }
    return undefined;
  }

  /** Drop the entries of connections no longer waiting. */
  private sweep(): void {
    this.held.retain((connection) => connection.awaits(this.awaited));
    this.forgotten = 0;
  }
}

/** The client's ACK completes the handshake; a RST from either side ends it (RFC 9293 §3.10.7.4): the server leaves SYN_RCVD. */
export function leavesSynRcvd(from: Role, flags: number): boolean {
  if ((flags & TcpFlag.RST) !== 0) return true;
  return from === "client" && (flags & TcpFlag.ACK) !== 0 && (flags & TcpFlag.SYN) === 0;
}

/** How long and how many connections are held waiting (TrackerOptions). */
export interface WaitingLimits {
  unansweredSynSeconds: number;
  maxUnanswered: number;
  maxHalfOpen: number;
  maxOneSided: number;
}

/**
 * Every connection held waiting for an answer, as the tracker's segments show them: a new
 * connection waits for its other end's first word (an unanswered SYN, or one picked up midstream),
 * and a server's SYN+ACK then waits for the client's ACK (half-open). Each kind is let go of by
 * its own limits.
 */
export class AnswersAwaited {
  private readonly unanswered: WaitingConnections;
  private readonly halfOpen: WaitingConnections;
  private readonly oneSided: WaitingConnections;

  constructor(limits: WaitingLimits) {
    this.unanswered = new WaitingConnections(Awaiting.SYN_ANSWER, limits.unansweredSynSeconds, limits.maxUnanswered);
    this.halfOpen = new WaitingConnections(Awaiting.HANDSHAKE_ACK, Number.POSITIVE_INFINITY, limits.maxHalfOpen);
    this.oneSided = new WaitingConnections(Awaiting.PEER_WORD, Number.POSITIVE_INFINITY, limits.maxOneSided);
  }

  /** The connection's segment at `time`, from `sender`, once recorded (the sender's packets count it). */
  segment(connection: Connection, sender: Endpoint, isNew: boolean, flags: number, time: number): void {
    // A connection already seen that waits for nothing is past all this: a segment can start a
    // wait only as the answer its connection waits for (the server's SYN+ACK to the SYN).
    if (!isNew && !connection.awaitsAny) return;
    if (isNew) {
      if (connection.roleEvidence === "syn") this.unanswered.add(connection, time);
      else if (connection.roleEvidence === "port") this.oneSided.add(connection, time);
    } else if (sender.packets === 1) {
      // The other end's first word answers.
      this.unanswered.forget(connection);
      this.oneSided.forget(connection);
    }
    const synAck = (flags & (TcpFlag.SYN | TcpFlag.ACK)) === (TcpFlag.SYN | TcpFlag.ACK);
    if (synAck && sender === connection.server && sender.packets === 1) this.halfOpen.add(connection, time);
    else if (leavesSynRcvd(sender.role, flags)) this.halfOpen.forget(connection);
  }

  /** The next connection to let go of by `now`: unanswered SYNs first, then half-open, then one-sided. */
  next(now: number): Connection | undefined {
    return this.unanswered.next(now) ?? this.halfOpen.next(now) ?? this.oneSided.next(now);
  }

  /** The connection was let go of another way: it waits no more. */
  forget(connection: Connection): void {
    this.unanswered.forget(connection);
    this.halfOpen.forget(connection);
    this.oneSided.forget(connection);
  }
}
