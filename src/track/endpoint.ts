import { seqGt } from "./seq.js";
import type { Role, TcpState } from "./states.js";
import type { TimeWaitTimer } from "./time-wait.js";

/** Which of an endpoint's sequence numbers are known, one bit each. */
const Known = { ISN: 1, FIN_SEQ: 2, NEXT_SEQ: 4, LAST_ACK: 8 } as const;

/** What an endpoint has shown so far, one bit each (above the Known bits, in the same number). */
const Shown = {
  BASE_SET: 16,
  SACK_PERMITTED: 32,
  TIMESTAMPS: 64,
  SENT_SYN: 128,
  SENT_SYN_ACK: 256,
  SENT_FIN: 512,
  SENT_RST: 1024,
} as const;

/**
 * One end of a connection: what it has sent (for relative numbers and for the observer model)
 * and the RFC 9293 state it is inferred to be in.
 */
export class Endpoint {
  role: Role = "client";
  state: TcpState = "CLOSED";

  /** Wireshark's base for relative numbers (relative.ts); meaningful once baseSet. */
  get baseSeq(): number {
    return this.baseBits >>> 0;
  }

  set baseSeq(value: number) {
    this.baseBits = value | 0;
  }

  /** Its base is set (the first segment it sent, or an ACK of the peer, set it). */
  get baseSet(): boolean {
    return (this.known & Shown.BASE_SET) !== 0;
  }

  set baseSet(value: boolean) {
    this.show(Shown.BASE_SET, value);
  }

  /** Initial sequence number, when this endpoint's SYN was seen. */
  get isn(): number | undefined {
    return this.known & Known.ISN ? this.isnBits >>> 0 : undefined;
  }

  set isn(value: number | undefined) {
    this.isnBits = this.learn(Known.ISN, value);
  }

  /** Sequence number the FIN occupies, when this endpoint's FIN was seen. */
  get finSeq(): number | undefined {
    return this.known & Known.FIN_SEQ ? this.finBits >>> 0 : undefined;
  }

  set finSeq(value: number | undefined) {
    this.finBits = this.learn(Known.FIN_SEQ, value);
  }

  /** Highest sequence number sent so far plus one (SYN and FIN count, RFC 9293 §3.4). */
  get nextSeq(): number | undefined {
    return this.known & Known.NEXT_SEQ ? this.nextBits >>> 0 : undefined;
  }

  set nextSeq(value: number | undefined) {
    this.nextBits = this.learn(Known.NEXT_SEQ, value);
  }

  /** Highest acknowledgment number this endpoint has sent (its RCV.NXT as far as we know). */
  get lastAck(): number | undefined {
    return this.known & Known.LAST_ACK ? this.ackBits >>> 0 : undefined;
  }

  set lastAck(value: number | undefined) {
    this.ackBits = this.learn(Known.LAST_ACK, value);
  }

  /** Raw window field of this endpoint's last segment, and its window scale (RFC 7323 §2). */
  window = 0;
  windowScale: number | undefined;
  mss: number | undefined;
  /** Bytes of data its first SYN carried (TCP Fast Open, RFC 7413). */
  synDataLength = 0;
  get sackPermitted(): boolean {
    return (this.known & Shown.SACK_PERMITTED) !== 0;
  }

  set sackPermitted(value: boolean) {
    this.show(Shown.SACK_PERMITTED, value);
  }

  get timestamps(): boolean {
    return (this.known & Shown.TIMESTAMPS) !== 0;
  }

  set timestamps(value: boolean) {
    this.show(Shown.TIMESTAMPS, value);
  }

  packets = 0;
  payloadBytes = 0;

  get sentSyn(): boolean {
    return (this.known & Shown.SENT_SYN) !== 0;
  }

  set sentSyn(value: boolean) {
    this.show(Shown.SENT_SYN, value);
  }

  /** It sent a SYN+ACK: a later one repeats it (a pure SYN before it does not make it a repeat). */
  get sentSynAck(): boolean {
    return (this.known & Shown.SENT_SYN_ACK) !== 0;
  }

  set sentSynAck(value: boolean) {
    this.show(Shown.SENT_SYN_ACK, value);
  }

  get sentFin(): boolean {
    return (this.known & Shown.SENT_FIN) !== 0;
  }

  set sentFin(value: boolean) {
    this.show(Shown.SENT_FIN, value);
  }

  get sentRst(): boolean {
    return (this.known & Shown.SENT_RST) !== 0;
  }

  set sentRst(value: boolean) {
    this.show(Shown.SENT_RST, value);
  }
  /** Its TIME_WAIT timer, while one runs (kept here rather than in a WeakMap: cheaper to look up and to collect). */
  timeWaitTimer: TimeWaitTimer | undefined;

  /**
   * The sequence numbers above, kept as signed 32-bit values (`| 0`), and which of them are known
   * (Known bits): small integers stay in their fields, where an unsigned number past 2^30 in a
   * field that may also hold undefined is a new heap object at every store, and an endpoint lives
   * long enough for each to be copied by the young generation's collections. The Shown bits, the
   * yes-or-no facts above, share the number: a field each was 56 bytes of every endpoint so copied.
   */
  private known = 0;
  private baseBits = 0;
  private isnBits = 0;
  private finBits = 0;
  private nextBits = 0;
  private ackBits = 0;

  constructor(
    readonly address: string,
    readonly port: number,
  ) {}

  /**
   * This endpoint sent up to `end` (one past its segment) and acknowledged up to `ack` (undefined
   * without the ACK flag): each is kept if past the one known. Compared here on the kept bits: the
   * nextSeq and lastAck getters, being number or undefined, make a heap number of every value past
   * 2^31 they hand out, half of all sequence numbers.
   */
  sent(end: number, ack: number | undefined): void {
    if (!(this.known & Known.NEXT_SEQ) || seqGt(end, this.nextBits >>> 0)) this.nextSeq = end;
    if (ack !== undefined && (!(this.known & Known.LAST_ACK) || seqGt(ack, this.ackBits >>> 0))) this.lastAck = ack;
  }

  private show(bit: number, value: boolean): void {
    this.known = value ? this.known | bit : this.known & ~bit;
  }

  /** Mark a sequence number known (or not) and give its bits to keep. */
  private learn(bit: number, value: number | undefined): number {
    if (value === undefined) {
      this.known &= ~bit;
      return 0;
    }
    this.known |= bit;
    return value | 0;
  }

  /** "1.2.3.4:80" or "[::1]:80". */
  get label(): string {
    return this.address.includes(":") ? `[${this.address}]:${this.port}` : `${this.address}:${this.port}`;
  }
}
