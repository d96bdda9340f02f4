import type { Role, TcpState } from "../states.js";

/**
 * One endpoint as a replay of the observer model sees it, row by row: its RFC 9293 state and what
 * it has sent and taken in so far. Copied to replay from a point when later evidence changes an
 * earlier reading (docs/tracking-model.md, Hindsight).
 */
export class Side {
  /** It entered SYN_RCVD from LISTEN (a passive open): a RST sends it back to LISTEN (RFC 9293 §3.10.7.4). */
  passive = false;
  sentSyn = false;
  sentFin = false;
  receivedSyn = false;
  receivedFin = false;
  /** The index of the row whose arrival put it in its state; -1 when its own sending (or the start) did. */
  basis = -1;
  /** The index of the row whose ACK of its SYN or FIN moved it, until one of its own later segments confirms it; -1 if none. */
  unconfirmedAck = -1;
  /** Capture time it entered TIME_WAIT, or a retransmitted FIN restarted the 2*MSL timer (RFC 9293 §3.10.7.4). */
  timeWaitSince: number | undefined;

  constructor(
    readonly role: Role,
    public state: TcpState,
  ) {}

  copy(): Side {
    return new Side(this.role, this.state).copyFrom(this);
  }

  /** Take every field of `other`, the same endpoint at another point of the replay. */
  copyFrom(other: Side): Side {
    this.state = other.state;
    this.passive = other.passive;
    this.sentSyn = other.sentSyn;
    this.sentFin = other.sentFin;
    this.receivedSyn = other.receivedSyn;
    this.receivedFin = other.receivedFin;
    this.basis = other.basis;
    this.unconfirmedAck = other.unconfirmedAck;
    this.timeWaitSince = other.timeWaitSince;
    return this;
  }
}

/** Both endpoints' sides, by role. */
export interface Sides {
  client: Side;
  server: Side;
}

export function copySides(sides: Sides): Sides {
  return { client: sides.client.copy(), server: sides.server.copy() };
}
