import { ContentGaps } from "./content-gaps.js";
import type { LetterCounts } from "./history.js";
import type { ZeekEndpointState } from "./endpoint-state.js";

/**
 * One side of a connection as Zeek's TCP_Endpoint keeps it: only what the verdicts need. Its
 * sequence bookkeeping (SequenceSpace) and reassembly positions (ContentGaps) are the classes it
 * extends, so a side is one object however long the connection lives.
 */
export class ZeekEndpoint extends ContentGaps {
  state: ZeekEndpointState = "INACTIVE";
  prevState: ZeekEndpointState = "INACTIVE";
  /** FIN_cnt > 0: this endpoint sent a FIN (the FIN octet is then not counted as data). */
  sentFin = false;
  /** FIN_seq: relative sequence number just past the FIN. */
  finEnd = 0;
  /** hist_last_SYN, hist_last_FIN, hist_last_RST: where the last such flag sat, so a repeat is recorded only at a new place. */
  lastSynSeq = 0;
  lastFinSeq = 0;
  lastRstSeq = 0;
  /** The T, W and G letters' counts, made when the first is counted (most connections have none): one field, not three. */
  counts: LetterCounts | undefined = undefined;

  /** Which side Zeek calls it; FlipRoles turns both endpoints round. */
  constructor(public isOrig: boolean) {
    super();
  }

  /** TCP_Endpoint::SetState: the previous state is remembered, some rules look back one step. */
  setState(to: ZeekEndpointState): void {
    if (to === this.state) return;
    this.prevState = this.state;
    this.state = to;
  }

  /** TCP_Endpoint::Size: payload bytes in sequence space (conn_state's REJ rule asks whether both are 0). */
  size(peer: ZeekEndpoint): number {
    // A half-open connection found and aborted: its sequence numbers say nothing about data sent.
    const abortedHalfOpen = this.prevState === "SYN_SENT" && this.state === "RESET" && peer.state === "INACTIVE";
    if (abortedHalfOpen && !this.noDataAcked()) return 0;
    return this.spanned(this.sentFin);
  }

  /** is_clean (TCP_Reassembler.cc): content gaps count only while both ends are cleanly established or closing. */
  get isClean(): boolean {
    return this.state === "ESTABLISHED" || (this.state === "CLOSED" && this.prevState === "ESTABLISHED");
  }
}
