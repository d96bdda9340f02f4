import { TcpFlag, type Segment } from "../decode/segment.js";
import { AnalysisModel } from "./analysis/analysis-model.js";
import { completenessBits } from "./completeness.js";
import type { Connection } from "./connection.js";
import type { ConnectionModel, Placement } from "./connection-model.js";
import type { Endpoint } from "./endpoint.js";
import type { Revision } from "./observer/hindsight.js";
import { ObserverModel } from "./observer/observer-model.js";
import { recordSenderFacts, rowFacts } from "./observer/read-segment.js";
import { sequenceEndOf } from "./observer/row.js";
import { relativeAck, relativeSeq, setRelativeBases } from "./relative.js";
import { PlacedSegment, type TrackedSegment } from "./tracked-segment.js";
import { CloseDelayQueue } from "./close-delay.js";
import {
  AnswersAwaited,
  DEFAULT_MAX_HALF_OPEN,
  DEFAULT_MAX_ONE_SIDED,
  DEFAULT_MAX_UNANSWERED,
  DEFAULT_UNANSWERED_SYN_SECONDS,
} from "./waiting-connections.js";
import { RetiredStream } from "./retired-stream.js";
import { StreamTable } from "./stream-table.js";
import type { TimeWaitExpiry } from "./time-wait.js";
import { ZeekModel } from "./zeek/zeek-model.js";
import { secondsOf } from "../capture/timestamp.js";

export interface TrackerOptions {
  /** Maximum segment lifetime in seconds; TIME_WAIT lasts twice this (default 30: 60 s as on Linux). */
  mslSeconds?: number;
  /**
   * Capture seconds a finished connection (each end CLOSED or in TIME_WAIT) is held after its
   * last segment, for stragglers, before it is let go of (default 5: Zeek's tcp_close_delay).
   * Only without keepConnections.
   */
  closeDelaySeconds?: number;
  /** At most this many finished connections wait out the close delay at once (default 4096); past it the one waiting longest is let go. */
  maxClosing?: number;
  /** At most this many let-go streams' ends are remembered at once (default 65536); past it the oldest is forgotten early. */
  maxRetired?: number;
  /**
   * Capture seconds a connection whose SYN nothing answered is held before it is let go of
   * (default 130, past Linux's SYN retries); at most 4096 are held at once. Only without keepConnections.
   */
  unansweredSynSeconds?: number;
  /**
   * At most this many half-open handshakes (the server's SYN+ACK not yet acknowledged) are held
   * at once (default 65536); past it the one waiting longest is let go of. Only without keepConnections.
   */
  maxHalfOpen?: number;
  /**
   * At most this many connections picked up midstream whose other end never spoke are held at
   * once (default 65536); past it the one held longest is let go of. Only without keepConnections.
   */
  maxOneSided?: number;
  /**
   * Keep every connection for `connections` and its ends for ever, as Wireshark does (default
   * true). Without, a finished connection is let go of after the close delay, and its ends
   * remembered until 2*MSL after its last segment (RetiredStream): memory follows the open
   * connections.
   */
  keepConnections?: boolean;
  /**
   * Hand out the segments as they are settled, with how sure each state is (takeSettled; default
   * true). Without, takeSettled hands out none and a segment's confidence stays unknown: for a
   * caller that reads segments only as they are tracked (a summary).
   */
  handOutSettled?: boolean;
  /**
   * With handOutSettled: of the settled segments, hand out only those it accepts (default: all),
   * asked as each is settled: for a caller that reads few of them (check's evidence of RSTs).
   */
  settledWanted?: (tracked: TrackedSegment) => boolean;
  /**
   * Run Wireshark's sequence analysis on every segment (default true). Without, no segment has a
   * finding, no connection counts any or knows its iRTT, and a segment's analysis details are its
   * header's alone: for a caller that reads none of them (check's RST and refusal rules), to whom
   * the analysis is a tenth of the work. The observer's states do not depend on it.
   */
  wiresharkAnalysis?: boolean;
  /**
   * Follow each connection as Zeek would, for its conn_state and history (default true; see
   * zeek/). Without, connection.zeek stays undefined: for readers that never show Zeek's verdicts
   * (check), to whom it is a tenth of the work.
   */
  zeek?: boolean;
  /**
   * Called once per connection when nothing will change it any more: let go of, replaced by a
   * new stream on its ports, or at `finish`.
   */
  onRetired?: (connection: Connection) => void;
}

export const DEFAULT_MSL_SECONDS = 30;
export const DEFAULT_CLOSE_DELAY_SECONDS = 5;
export const DEFAULT_MAX_CLOSING = 4096;
export const DEFAULT_MAX_RETIRED = 65536;

/**
 * Follows every connection of a capture, one segment at a time, in capture order: it places each
 * segment in its connection (the stream table), keeps the endpoints' bookkeeping, and hands the
 * placed segment to the models the connection carries (connection-model.ts), in turn. Without
 * keepConnections, a connection whose ends are each CLOSED or in TIME_WAIT is let go of once
 * the close delay passed without a segment on it, and handed to onRetired: memory follows the
 * connections that are open, as a TCP stack's own table does.
 */
export class Tracker {
  private readonly streams: StreamTable;
  private readonly twoMsl: number;
  /** Finished connections waiting to be let go of; undefined when every connection is kept. */
  private readonly closeDelay: CloseDelayQueue | undefined;
  /** Connections waiting for an answer, to be let go of after a while or when too many wait; undefined when every connection is kept. */
  private readonly awaited: AnswersAwaited | undefined;
  private readonly all: Connection[] | undefined;
  /** The RFC 9293 observer, which the tracker also asks for the segments settled and the TIME_WAIT timers run out. */
  private readonly observer: ObserverModel;
  /** Every model a connection carries, in the order each reads a segment: the analysis, the observer, Zeek. */
  private readonly models: readonly ConnectionModel[];
  /** What placing the segment being tracked found: one for every connection, refilled per segment. */
  private readonly placement: Placement = { reusedPorts: false, repeatedSyn: false };

  constructor(private readonly options: TrackerOptions = {}) {
    this.twoMsl = 2 * (options.mslSeconds ?? DEFAULT_MSL_SECONDS);
    this.observer = new ObserverModel(this.twoMsl, options.handOutSettled !== false, options.settledWanted);
    this.models = [
      ...(options.wiresharkAnalysis === false ? [] : [new AnalysisModel()]),
      this.observer,
      ...(options.zeek === false ? [] : [new ZeekModel()]),
    ];
    const keep = options.keepConnections !== false;
    this.all = keep ? [] : undefined;
    this.closeDelay = keep
      ? undefined
      : new CloseDelayQueue(
          options.closeDelaySeconds ?? DEFAULT_CLOSE_DELAY_SECONDS,
          options.maxClosing ?? DEFAULT_MAX_CLOSING,
        );
    this.streams = new StreamTable(options.maxRetired ?? DEFAULT_MAX_RETIRED);
    this.awaited = keep
      ? undefined
      : new AnswersAwaited({
          unansweredSynSeconds: options.unansweredSynSeconds ?? DEFAULT_UNANSWERED_SYN_SECONDS,
          maxUnanswered: DEFAULT_MAX_UNANSWERED,
          maxHalfOpen: options.maxHalfOpen ?? DEFAULT_MAX_HALF_OPEN,
          maxOneSided: options.maxOneSided ?? DEFAULT_MAX_ONE_SIDED,
        });
  }

  /**
   * The first half of letting the capture's clock run to `time`: TIME_WAIT endpoints whose 2*MSL
   * passed become CLOSED. The caller tells of the expiries, then calls letGoOfFinished, so that a
   * connection let go of on the same tick is retired after its expiry, its last event.
   */
  expireTimers(time: number, frame: number): readonly TimeWaitExpiry[] {
    const expiries = this.observer.expireTimeWait(time, frame);
    if (this.closeDelay !== undefined)
      for (let i = 0; i < expiries.length; i++) this.closeDelay.add(expiries[i]!.connection, expiries[i]!.time);
    return expiries;
  }

  /** The second half: connections finished for the close delay by `time` are let go of, and retired streams run out. */
  letGoOfFinished(time: number): void {
    const { closeDelay, awaited } = this;
    if (closeDelay === undefined || awaited === undefined) return;
    for (let due = closeDelay.next(time); due !== undefined; due = closeDelay.next(time)) this.letGo(due);
    for (let due = awaited.next(time); due !== undefined; due = awaited.next(time)) this.letGo(due);
    this.streams.expire(time, this.twoMsl);
  }

  /**
   * Input ended: retire every connection still held, in stream order. The stream table holds
   * them: a connection is retired only when let go of or replaced, either of which takes it out.
   */
  finish(): void {
    for (const connection of this.streams.current()) this.retire(connection);
  }

  /**
   * The segments settled since the last call, in order within each connection: what they did
   * to the endpoints is final (though evidence may still come that revises it; takeRevisions).
   * The list is valid until the next call, which may refill it: read it before calling again.
   */
  takeSettled(): readonly TrackedSegment[] {
    return this.observer.takeSettled();
  }

  /** Settled segments whose states later evidence changed, since the last call. */
  takeRevisions(): readonly Revision[] {
    return this.observer.takeRevisions();
  }

  /** Settle the connection's segments now, as the evidence reads them so far: output cannot wait longer. */
  settle(connection: Connection): void {
    this.observer.settle(connection);
  }

  /**
   * Place the segment in its connection and hand it to the models; a segment for a stream let go
   * of, within 2*MSL of its last segment, is not tracked (its connection was handed over): its
   * RetiredStream is returned.
   */
  track(segment: Segment): TrackedSegment | RetiredStream {
    const lookup = this.streams.lookup(segment);
    if (lookup instanceof RetiredStream) return lookup;
    const { connection, sender, isNew, reusedPorts, replaced } = lookup;
    if (isNew) this.opened(connection);
    // No later segment can reach the stream whose ports a new SYN took.
    if (replaced !== undefined) this.retire(replaced);
    const receiver = connection.peer(sender);
    const placement = this.placement;
    placement.reusedPorts = reusedPorts;
    // The stream table keeps a pure SYN in its stream only when it repeats the ISN.
    placement.repeatedSyn = (segment.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN && sender.baseSet;
    setRelativeBases(segment, sender, receiver);
    const facts = rowFacts(segment, sender, receiver);
    recordSenderFacts(sender, segment);
    const time = secondsOf(segment);
    recordSent(sender, segment);
    this.awaited?.segment(connection, sender, isNew, segment.flags, time);
    connection.completeness |= completenessBits(segment, isNew);
    connection.reached(segment.frame, segment);
    const tracked = new PlacedSegment(
      connection.hindsight.nextIndex,
      segment,
      sender.role,
      facts,
      connection,
      relativeSeq(segment, sender),
      relativeAck(segment, receiver),
    );
    const models = this.models;
    for (let i = 0; i < models.length; i++) models[i]!.read(tracked, placement);
    if (this.closeDelay !== undefined && connection.finished) this.closeDelay.add(connection, time);
    return tracked;
  }

  /** Every connection seen so far, in stream order (empty when they are not kept). */
  get connections(): readonly Connection[] {
    return this.all ?? [];
  }

  /** How many connections were seen so far (streams numbered). */
  get connectionCount(): number {
    return this.streams.count;
  }

  private opened(connection: Connection): void {
    this.all?.push(connection);
    const models = this.models;
    for (let i = 0; i < models.length; i++) models[i]!.opened(connection);
  }

  /**
   * Nothing changes a retired connection: no segment reaches it, and its TIME_WAIT timers stop. A
   * SYN that reopens its ports ends the old incarnation's TIME-WAIT (RFC 9293 §3.10.7.4, RFC 6191).
   */
  private retire(connection: Connection): void {
    if (connection.retired) return;
    connection.retired = true;
    this.awaited?.forget(connection);
    const models = this.models;
    for (let i = 0; i < models.length; i++) models[i]!.retired(connection);
    this.options.onRetired?.(connection);
  }

  /** Retire a connection and free it: the stream table keeps only its ends, until 2*MSL after its last segment. */
  private letGo(connection: Connection): void {
    this.streams.retire(connection);
    this.retire(connection);
  }
}

/** The sender's bookkeeping: what it has now sent, acknowledged and offered. */
function recordSent(sender: Endpoint, segment: Segment): void {
  const flags = segment.flags;
  sender.sent(sequenceEndOf(segment), flags & TcpFlag.ACK ? segment.ack : undefined);
  sender.window = segment.window;
  sender.packets++;
  sender.payloadBytes += segment.payloadLength;
  if (flags & TcpFlag.SYN) recordHandshakeOptions(sender, segment);
  if (flags & TcpFlag.SYN && sender.packets === 1) sender.synDataLength = segment.payloadLength;
}

function recordHandshakeOptions(sender: Endpoint, segment: Segment): void {
  const options = segment.options;
  if (options.mss !== undefined) sender.mss = options.mss;
  if (options.windowScale !== undefined) sender.windowScale = options.windowScale;
  sender.sackPermitted = options.sackPermitted === true;
  sender.timestamps = options.timestamp !== undefined;
}
