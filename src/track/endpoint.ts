import type { Role, TcpState } from "./states.js";
import type { TimeWaitTimer } from "./time-wait.js";

/**
 * One end of a connection: what it has sent (for relative numbers and for the observer model)
 * and the RFC 9293 state it is inferred to be in.
 */
export class Endpoint {
  role: Role = "client";
  state: TcpState = "CLOSED";

  /** Wireshark's base for relative numbers (relative.ts); meaningful once baseSet. */
  baseSeq = 0;
  baseSet = false;
  /** Initial sequence number, when this endpoint's SYN was seen. */
  isn: number | undefined;
  /** Sequence number the FIN occupies, when this endpoint's FIN was seen. */
  finSeq: number | undefined;
  /** Highest sequence number sent so far plus one (SYN and FIN count, RFC 9293 §3.4). */
  nextSeq: number | undefined;
  /** Highest acknowledgment number this endpoint has sent (its RCV.NXT as far as we know). */
  lastAck: number | undefined;
  /** Raw window field of this endpoint's last segment, and its window scale (RFC 7323 §2). */
  window = 0;
  windowScale: number | undefined;
  mss: number | undefined;
  /** Bytes of data its first SYN carried (TCP Fast Open, RFC 7413). */
  synDataLength = 0;
  sackPermitted = false;
  timestamps = false;

  packets = 0;
  payloadBytes = 0;
  sentSyn = false;
  /** It sent a SYN+ACK: a later one repeats it (a pure SYN before it does not make it a repeat). */
  sentSynAck = false;
  sentFin = false;
  sentRst = false;
  /** Its TIME_WAIT timer, while one runs (kept here rather than in a WeakMap: cheaper to look up and to collect). */
  timeWaitTimer: TimeWaitTimer | undefined;

  constructor(
    readonly address: string,
    readonly port: number,
  ) {}

  /** "1.2.3.4:80" or "[::1]:80". */
  get label(): string {
    return this.address.includes(":") ? `[${this.address}]:${this.port}` : `${this.address}:${this.port}`;
  }
}
