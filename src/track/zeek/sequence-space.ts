import { TcpFlag } from "../../decode/segment.js";
import { seqAdd, seqDiff } from "../seq.js";
import type { ZeekEndpointState } from "./endpoint-state.js";

/** TOO_LARGE_SEQ_DELTA (TCPSessionAdapter.cc): a SYN or RST this far from the last sequence number is not believed. */
const TOO_LARGE_SEQ_DELTA = 1048576;
const SEQ_SPACE = 2 ** 32;

/**
 * A sequence number relative to an endpoint's start (a plain number, as one is worked out for
 * every segment): negative when it lay before the start, Zeek's underflow. Within the first 32-bit
 * space only such a number can be below zero; in a later one it is at least 1.
 */
export type Relative = number;

/** Did the relative number lie before the endpoint's start (get_relative_seq's underflow)? */
export function isUnderflow(relative: Relative): boolean {
  return relative < 0;
}

/**
 * One endpoint's sequence bookkeeping as Zeek keeps it (TCP_Endpoint start_seq, last_seq, ack_seq
 * and their wrap counts). Zeek numbers an endpoint's bytes from its start (the ISN, or one before
 * the first sequence number seen) in a 64-bit space that counts the 32-bit wrap-arounds.
 */
export class SequenceSpace {
  // The raw 32-bit numbers are kept as int32 (`| 0`): V8 keeps an int32 in the object's field as a
  // small integer, where 2^31 or more would be a heap number of its own for every endpoint. A raw
  // number given may be int32 or unsigned alike: they are compared modulo 2^32, or as unsigned
  // (`>>> 0`) where Zeek compares them raw.
  private start32 = 0;
  /** One past the highest sequence number this endpoint was seen to send. */
  private last32 = 0;
  /** The highest acknowledgment number the peer sent for this endpoint's bytes. */
  private ack32 = 0;
  private lastWraps = 0;
  private ackWraps = 0;

  get start(): number {
    return this.start32 >>> 0;
  }

  /** Whether the numbering starts at this raw sequence number. */
  startsAt(seq: number): boolean {
    return (seq | 0) === this.start32;
  }

  /** InitStartSeq, InitAckSeq and InitLastSeq, which Zeek always calls together. */
  reset(start: number, last: number): void {
    this.start32 = start | 0;
    this.ack32 = start | 0;
    this.last32 = last | 0;
  }

  /** init_endpoint (TCPSessionAdapter.cc): where the numbering starts, before the segment is read. */
  initFor(state: ZeekEndpointState, prevState: ZeekEndpointState, flags: number, seq: number, onePast: number): void {
    const isSyn = (flags & TcpFlag.SYN) !== 0;
    switch (state) {
      case "INACTIVE":
        // Without a SYN, number as though one came just before; last is the segment's start so
        // that the first segment is not taken for a duplicate.
        if (isSyn) this.reset(seq, onePast);
        else this.reset(seqAdd(seq, -1), seq);
        break;
      case "SYN_SENT":
      case "SYN_ACK_SENT":
        if (isSyn && !this.startsAt(seq)) this.reset(seq, onePast);
        break;
      case "ESTABLISHED":
      case "PARTIAL":
        // Guess that the connection was never set up and this SYN is the one that sets it up.
        if (isSyn) this.reset(seq, onePast);
        break;
      case "RESET":
        // Numbering begun by a RST (perhaps injected) gives way to a SYN.
        if (isSyn && prevState === "INACTIVE") this.reset(seq, onePast);
        break;
      default:
        break;
    }
  }

  /** get_relative_seq for this endpoint's sequence numbers. */
  relativeSeq(seq: number): Relative {
    return this.relative(seq, this.last32, this.lastWraps);
  }

  /** get_relative_seq for an acknowledgment of this endpoint's bytes. */
  relativeAck(ack: number): Relative {
    return this.relative(ack, this.ack32, this.ackWraps);
  }

  /** How far the peer acknowledged, relative to the start (ToRelativeSeqSpace of ack_seq). */
  get ackedUpTo(): number {
    return this.ackWraps * SEQ_SPACE + (this.ack32 >>> 0) - this.start;
  }

  /** update_ack_seq: the peer acknowledged up to ack. */
  acknowledge(ack: number): void {
    const delta = seqDiff(ack, this.ack32);
    // An ack of 0 far ahead is more likely broken than a wrap that landed on 0.
    if (ack === 0 && delta > TOO_LARGE_SEQ_DELTA) return;
    if (delta <= 0) return;
    if (wrapped(this.ack32, ack)) this.ackWraps++;
    this.ack32 = ack | 0;
  }

  /**
   * update_last_seq: move last to one past this segment. Returns true when the segment carried
   * payload but did not advance: Zeek's retransmission (TCP_Endpoint::DidRxmit).
   */
  advance(state: ZeekEndpointState, flags: number, onePast: number, len: number): boolean {
    const delta = seqDiff(onePast, this.last32);
    if (flags & (TcpFlag.SYN | TcpFlag.RST) && Math.abs(delta) > TOO_LARGE_SEQ_DELTA) return false;
    if (flags & TcpFlag.FIN && this.last32 === ((this.start32 + 1) | 0)) {
      // Only the SYN and the FIN seen: believe the FIN even behind last (connections over 2 GB).
      this.moveLast(onePast);
      return false;
    }
    // After a RST no sequence number is trusted.
    if (state === "RESET") return false;
    if (delta > 0) {
      this.moveLast(onePast);
      return false;
    }
    return len > 0;
  }

  /** TCP_Endpoint::NoDataAcked: nothing acknowledged beyond the SYN. */
  protected noDataAcked(): boolean {
    const ack = this.ackWraps * SEQ_SPACE + (this.ack32 >>> 0);
    return ack === this.start || ack === this.start + 1;
  }

  /** TCP_Endpoint::Size without its half-open special case (see ZeekEndpoint.size). */
  protected spanned(sentFin: boolean): number {
    const last = this.lastWraps * SEQ_SPACE + (this.last32 >>> 0);
    const ack = this.ackWraps * SEQ_SPACE + (this.ack32 >>> 0);
    let size = Math.max(last, ack) - this.start;
    if (size !== 0) size--; // the SYN octet
    if (sentFin && size !== 0) size--; // the FIN octet
    return size;
  }

  /** UpdateLastSeq. */
  private moveLast(onePast: number): void {
    if (wrapped(this.last32, onePast)) this.lastWraps++;
    this.last32 = onePast | 0;
  }

  private relative(seq: number, last: number, wraps: number): Relative {
    const delta = seqDiff(seq, last);
    let wrapsHere = wraps;
    if (delta < 0 && wrapsHere > 0 && wrapped(seq, last))
      wrapsHere--; // from the previous 32-bit space
    else if (delta > 0 && wrapped(last, seq)) wrapsHere++;
    if (wrapsHere === 0) return seqDiff(seq, this.start32);
    return wrapsHere * SEQ_SPACE + (seq >>> 0) - this.start;
  }
}

/**
 * Whether going from one number to the other crossed 2^32: a step that lands on a smaller raw
 * number. Zeek compares the raw numbers here on purpose (UpdateLastSeq, get_relative_seq), not
 * modulo 2^32, since the question is which 32-bit space a number lies in.
 */
function wrapped(from: number, to: number): boolean {
  return to >>> 0 < from >>> 0;
}
