import { TcpFlag, type Segment } from "../decode/segment.js";
import { AnalysisScratch } from "./analysis/connection-analysis.js";
import type { SegmentAnalysis } from "./analysis/segment-analysis.js";
import { WINDOW_SCALE_UNKNOWN } from "./analysis/window-scale.js";
import { completenessBits } from "./completeness.js";
import type { Connection } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import type { Revision } from "./observer/hindsight.js";
import { recordSenderFacts, rowFacts } from "./observer/read-segment.js";
import { relativeAck, relativeSeq, setRelativeBases } from "./relative.js";
import { seqAdd } from "./seq.js";
import { PlacedSegment, type TrackedSegment } from "./tracked-segment.js";
import { CloseDelayQueue } from "./close-delay.js";
import { UnansweredSyns, DEFAULT_MAX_UNANSWERED, DEFAULT_UNANSWERED_SYN_SECONDS } from "./unanswered-syns.js";
import { RetiredStream } from "./retired-stream.js";
import { StreamTable } from "./stream-table.js";
import { TimeWaitClock, type TimeWaitExpiry } from "./time-wait.js";
import { truncate } from "./truncate.js";
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
   * Run Wireshark's sequence analysis on every segment (default true). Without, no segment has a
   * finding, no connection counts any or knows its iRTT, and a segment's analysis details are its
   * header's alone: for a caller that reads none of them (check's RST and refusal rules), to whom
   * the analysis is a tenth of the work. The observer's states do not depend on it.
   */
  wiresharkAnalysis?: boolean;
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
 * Follows every connection of a capture, one segment at a time, in capture order. Without
 * keepConnections, a connection whose ends are each CLOSED or in TIME_WAIT is let go of once
 * the close delay passed without a segment on it, and handed to onRetired: memory follows the
 * connections that are open, as a TCP stack's own table does.
 */
export class Tracker {
  private readonly streams: StreamTable;
  private readonly timeWait: TimeWaitClock;
  private readonly twoMsl: number;
  /** Finished connections waiting to be let go of; undefined when every connection is kept. */
  private readonly closeDelay: CloseDelayQueue | undefined;
  /** Connections whose SYN is unanswered, to be let go of after a while; undefined when every connection is kept. */
  private readonly unanswered: UnansweredSyns | undefined;
  private readonly all: Connection[] | undefined;
  /** Segments settled since the caller last took them (takeSettled), in order per connection. */
  private settledNow: TrackedSegment[] = NONE_SETTLED;
  /** The list takeSettled handed out before the last one: its reader is done with it, so it takes the next segments settled. */
  private settledSpare: TrackedSegment[] | undefined;
  /** The list takeSettled handed out last, which its reader may still be reading. */
  private settledTaken: TrackedSegment[] | undefined;
  private revisedNow: Revision[] = NONE_REVISED;
  private readonly tell = (tracked: PlacedSegment): void => this.told(tracked);
  /** What the analysis of the segment being tracked fills anew: one for every connection, as segments are tracked one at a time. */
  private readonly analysisScratch = new AnalysisScratch();
  private readonly handsOutSettled: boolean;
  private readonly analyzes: boolean;

  constructor(private readonly options: TrackerOptions = {}) {
    this.twoMsl = 2 * (options.mslSeconds ?? DEFAULT_MSL_SECONDS);
    this.handsOutSettled = options.handOutSettled !== false;
    this.analyzes = options.wiresharkAnalysis !== false;
    this.timeWait = new TimeWaitClock(this.twoMsl);
    const keep = options.keepConnections !== false;
    this.all = keep ? [] : undefined;
    this.closeDelay = keep
      ? undefined
      : new CloseDelayQueue(
          options.closeDelaySeconds ?? DEFAULT_CLOSE_DELAY_SECONDS,
          options.maxClosing ?? DEFAULT_MAX_CLOSING,
        );
    this.streams = new StreamTable(options.maxRetired ?? DEFAULT_MAX_RETIRED);
    this.unanswered = keep
      ? undefined
      : new UnansweredSyns(options.unansweredSynSeconds ?? DEFAULT_UNANSWERED_SYN_SECONDS, DEFAULT_MAX_UNANSWERED);
  }

  /**
   * The first half of letting the capture's clock run to `time`: TIME_WAIT endpoints whose 2*MSL
   * passed become CLOSED. The caller tells of the expiries, then calls letGoOfFinished, so that a
   * connection let go of on the same tick is retired after its expiry, its last event.
   */
  expireTimers(time: number, frame: number): readonly TimeWaitExpiry[] {
    const due = this.timeWait.expire(time);
    if (due.length === 0) return NO_EXPIRIES;
    const expiries: TimeWaitExpiry[] = [];
    for (const { connection, endpoint, deadline } of due) {
      // Its rows are long settled in all but name: make them final before the timer moves it on.
      connection.hindsight.finalize(this.tell);
      const change = connection.hindsight.expireTimeWait(endpoint.role, frame);
      if (change === undefined) continue;
      expiries.push({ connection, change, time: deadline });
      this.closeDelay?.add(connection, deadline);
    }
    return expiries;
  }

  /** The second half: connections finished for the close delay by `time` are let go of, and retired streams run out. */
  letGoOfFinished(time: number): void {
    const { closeDelay, unanswered } = this;
    if (closeDelay === undefined || unanswered === undefined) return;
    for (let due = closeDelay.next(time); due !== undefined; due = closeDelay.next(time)) this.letGo(due);
    for (let due = unanswered.next(time); due !== undefined; due = unanswered.next(time)) this.letGo(due);
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
    if (this.settledNow.length === 0) return NO_SEGMENTS;
    const settled = this.settledNow;
    this.settledNow = NONE_SETTLED;
    // Two lists take turns, so that settling allocates none once both exist.
    this.settledSpare = this.settledTaken;
    this.settledTaken = settled;
    return settled;
  }

  /** Settled segments whose states later evidence changed, since the last call. */
  takeRevisions(): readonly Revision[] {
    if (this.revisedNow.length === 0) return NO_REVISIONS;
    const revised = this.revisedNow;
    this.revisedNow = NONE_REVISED;
    return revised;
  }

  /** Settle the connection's segments now, as the evidence reads them so far: output cannot wait longer. */
  settle(connection: Connection): void {
    connection.hindsight.tellAll(this.tell);
  }

  /**
   * Place the segment in its connection and observe it; a segment for a stream let go of, within
   * 2*MSL of its last segment, is not tracked (its connection was handed over): its RetiredStream
   * is returned.
   */
  track(segment: Segment): TrackedSegment | RetiredStream {
    const lookup = this.streams.lookup(segment);
    if (lookup instanceof RetiredStream) return lookup;
    const { connection, sender, isNew, reusedPorts, replaced } = lookup;
    if (isNew) this.opened(connection);
    // No later segment can reach the stream whose ports a new SYN took.
    if (replaced !== undefined) this.retire(replaced);
    const receiver = connection.peer(sender);
    // The stream table keeps a pure SYN in its stream only when it repeats the ISN.
    const repeatedSyn = (segment.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN && sender.baseSet;
    setRelativeBases(segment, sender, receiver);
    const hindsight = connection.hindsight;
    const facts = rowFacts(segment, sender, receiver);
    recordSenderFacts(sender, segment);
    const time = secondsOf(segment);
    recordSent(sender, segment);
    connection.completeness |= completenessBits(segment, isNew);
    const analysis = this.analyzes
      ? this.analyze(connection, segment, sender, receiver, reusedPorts, repeatedSyn)
      : UNANALYZED;
    connection.reached(segment.frame, segment);
    const tracked = new PlacedSegment(
      hindsight.nextIndex,
      segment,
      sender.role,
      facts,
      connection,
      relativeSeq(segment, sender),
      relativeAck(segment, receiver),
      analysis,
    );
    this.observe(connection, tracked);
    if (this.closeDelay !== undefined && connection.finished) this.closeDelay.add(connection, time);
    if (isNew && connection.roleEvidence === "syn") this.unanswered?.add(connection, time);
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
  }

  /**
   * Nothing changes a retired connection: no segment reaches it, and its TIME_WAIT timers stop. A
   * SYN that reopens its ports ends the old incarnation's TIME-WAIT (RFC 9293 §3.10.7.4, RFC 6191).
   */
  private retire(connection: Connection): void {
    if (connection.retired) return;
    connection.hindsight.finalize(this.tell);
    connection.retired = true;
    this.timeWait.cancel(connection);
    connection.analysis.release(this.analysisScratch);
    connection.hindsight.release();
    this.options.onRetired?.(connection);
  }

  /** Retire a connection and free it: the stream table keeps only its ends, until 2*MSL after its last segment. */
  private letGo(connection: Connection): void {
    this.streams.retire(connection);
    this.retire(connection);
  }

  /** Wireshark's analysis of the segment, its findings counted in its connection. */
  private analyze(
    connection: Connection,
    segment: Segment,
    sender: Endpoint,
    receiver: Endpoint,
    reusedPorts: boolean,
    repeatedSyn: boolean,
  ): SegmentAnalysis {
    this.describeForAnalysis(segment, sender, receiver, reusedPorts, repeatedSyn);
    const analysis = connection.analysis.analyze(this.analysisScratch);
    connection.countFindings(analysis.analysis);
    return analysis;
  }

  /** Tell the analysis what the tracker knows of the segment besides its header. */
  private describeForAnalysis(
    segment: Segment,
    sender: Endpoint,
    receiver: Endpoint,
    reusedPorts: boolean,
    repeatedSyn: boolean,
  ): void {
    const input = this.analysisScratch.input;
    input.segment = segment;
    input.from = sender.role;
    input.reusedPorts = reusedPorts;
    input.repeatedSyn = repeatedSyn;
    input.senderBase = sender.baseSeq;
    input.receiverBase = receiver.baseSeq;
  }

  /** The observer reads the row with hindsight; what it settles or revises waits for the caller, and TIME_WAIT timers follow it. */
  private observe(connection: Connection, tracked: PlacedSegment): void {
    const hindsight = connection.hindsight;
    const revisions = hindsight.observe(tracked);
    if (revisions.length > 0) this.revisedNow = this.revisedNow.concat(revisions);
    hindsight.takeSettled(this.tell);
    this.followTimeWait(connection, connection.client);
    this.followTimeWait(connection, connection.server);
  }

  /** A segment is settled: hand it to the caller with how sure each state is. */
  private told(tracked: PlacedSegment): void {
    // Told from now on: its states, changes, notes and receipt stay as they are (ObservedRow.readAs).
    tracked.markTold();
    if (!this.handsOutSettled) return;
    tracked.tellConfidence(tracked.connection.hindsight.confidencePairOf(tracked));
    if (this.settledNow === NONE_SETTLED) this.settledNow = this.emptySettledList();
    this.settledNow.push(tracked);
  }

  /** The spare list emptied, or a new one while there is none. */
  private emptySettledList(): TrackedSegment[] {
    const spare = this.settledSpare;
    if (spare === undefined) return [];
    this.settledSpare = undefined;
    truncate(spare, 0);
    return spare;
  }

  /**
   * The TIME_WAIT timer runs while the endpoint is in TIME_WAIT as the evidence reads it, from when
   * it entered it (RFC 9293 §3.10.7.4: a retransmitted FIN restarts it).
   */
  private followTimeWait(connection: Connection, endpoint: Endpoint): void {
    const since = connection.hindsight.timeWaitSince(endpoint.role);
    const timer = endpoint.timeWaitTimer;
    if (since === undefined) {
      if (timer !== undefined) this.timeWait.stop(endpoint);
    } else if (timer === undefined || timer.since !== since) {
      this.timeWait.start(connection, endpoint, since);
    }
  }
}

const NO_SEGMENTS: readonly TrackedSegment[] = Object.freeze([]);
const NO_REVISIONS: readonly Revision[] = Object.freeze([]);
/** What settledNow and revisedNow hold when empty: frozen, so that they are replaced, never pushed into. */
const NONE_SETTLED = Object.freeze([]) as unknown as TrackedSegment[];
const NONE_REVISED = Object.freeze([]) as unknown as Revision[];
const NO_EXPIRIES: readonly TimeWaitExpiry[] = Object.freeze([]);
/** Every segment's analysis when it is not run: no finding, nothing acknowledged or timed, no window scale known. */
const UNANALYZED: SegmentAnalysis = Object.freeze({
  analysis: Object.freeze([]),
  findingDetails: undefined,
  windowScale: WINDOW_SCALE_UNKNOWN,
  ackedFrame: undefined,
  ackRttNanos: undefined,
  showsInitialRtt: false,
});

/** Bookkeeping after the observer ran: what the sender has now sent, acknowledged and offered. */
function recordSent(sender: Endpoint, segment: Segment): void {
  const flags = segment.flags;
  const end = seqAdd(
    segment.seq,
    segment.payloadLength + (flags & TcpFlag.SYN ? 1 : 0) + (flags & TcpFlag.FIN ? 1 : 0),
  );
  sender.sent(end, flags & TcpFlag.ACK ? segment.ack : undefined);
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
