import { TcpFlag, type Segment } from "../decode/segment.js";
import type { AnalysisDetails } from "./analysis/details.js";
import { completenessBits } from "./completeness.js";
import type { Connection } from "./connection.js";
import type { Endpoint } from "./endpoint.js";
import type { Note } from "./notes.js";
import { observeSegment } from "./observer.js";
import { relativeAck, relativeSeq, setRelativeBases } from "./relative.js";
import { seqAdd, seqGt } from "./seq.js";
import type { Role, TcpState } from "./states.js";
import { StreamTable } from "./stream-table.js";
import { TimeWaitClock, type TimeWaitExpiry } from "./time-wait.js";
import type { StateChange } from "./transition.js";

export interface TrackerOptions {
  /** Maximum segment lifetime in seconds; TIME_WAIT lasts twice this (default 30: 60 s as on Linux). */
  mslSeconds?: number;
}

/** A segment placed in its connection, with everything the observer concluded from it. */
export interface TrackedSegment {
  segment: Segment;
  connection: Connection;
  /** This segment opened the connection (its first segment in the capture). */
  isFirst: boolean;
  from: Role;
  /** Wireshark's relative tcp.seq and tcp.ack (ack null without the ACK flag). */
  seq: number;
  ack: number | null;
  /** Seconds since the connection's first segment. */
  sinceStart: number;
  changes: StateChange[];
  states: { client: TcpState; server: TcpState };
  notes: Note[];
  /** Wireshark tcp.analysis.* names (without the prefix) that apply to this segment, in tshark's order. */
  analysis: string[];
  /** The numbers behind them: scaled window, duplicate-ACK count, acked frame, RTTs, and each finding's evidence. */
  analysisDetails: AnalysisDetails;
}

export const DEFAULT_MSL_SECONDS = 30;

/** Follows every connection of a capture, one segment at a time, in capture order. */
export class Tracker {
  private readonly streams = new StreamTable();
  private readonly timeWait: TimeWaitClock;
  private readonly all: Connection[] = [];

  constructor(options: TrackerOptions = {}) {
    this.timeWait = new TimeWaitClock(2 * (options.mslSeconds ?? DEFAULT_MSL_SECONDS));
  }

  /** Let the capture's clock run to `time`: TIME_WAIT endpoints whose 2*MSL passed become CLOSED. */
  advanceClock(time: number, frame: number): TimeWaitExpiry[] {
    return this.timeWait.expire(time, frame);
  }

  track(segment: Segment): TrackedSegment {
    const { connection, isNew, reusedPorts, replaced } = this.streams.lookup(segment);
    if (isNew) this.all.push(connection);
    replaced?.analysis.release();
    const sender = connection.senderOf(segment.src, segment.srcPort);
    const receiver = connection.peer(sender);
    // The stream table keeps a pure SYN in its stream only when it repeats the ISN.
    const repeatedSyn = (segment.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN && sender.baseSet;
    setRelativeBases(segment, sender, receiver);
    const notes: Note[] = [];
    observeSegment(connection, sender, segment, notes);
    const changes = connection.takeChanges();
    const time = segment.seconds + segment.nanos / 1e9;
    this.startTimeWaitTimers(connection, changes, notes, receiver, time);
    recordSent(sender, segment);
    connection.completeness |= completenessBits(segment, isNew);
    const { analysis, details } = connection.analysis.analyze({
      segment,
      from: sender.role,
      reusedPorts,
      repeatedSyn,
      senderBase: sender.baseSeq,
      receiverBase: receiver.baseSeq,
    });
    connection.countFindings(analysis);
    connection.lastFrame = segment.frame;
    connection.lastTime = { seconds: segment.seconds, nanos: segment.nanos };
    return {
      segment,
      connection,
      isFirst: isNew,
      from: sender.role,
      seq: relativeSeq(segment, sender),
      ack: relativeAck(segment, receiver),
      sinceStart: secondsBetween(connection.firstTime, segment),
      changes,
      states: connection.states,
      notes,
      analysis,
      analysisDetails: details,
    };
  }

  /** Every connection seen so far, in stream order. */
  get connections(): readonly Connection[] {
    return this.all;
  }

  private startTimeWaitTimers(connection: Connection, changes: StateChange[], notes: Note[], receiver: Endpoint, time: number): void {
    for (const change of changes) {
      if (change.to === "TIME_WAIT") this.timeWait.start(connection, connection.endpoint(change.endpoint), time);
    }
    // RFC 9293 §3.10.7.4 TIME-WAIT: a retransmitted FIN is acknowledged and restarts the 2*MSL timer.
    if (notes.some((note) => note.id === "fin-retransmitted-in-time-wait")) this.timeWait.start(connection, receiver, time);
  }
}

/** Bookkeeping after the observer ran: what the sender has now sent, acknowledged and offered. */
function recordSent(sender: Endpoint, segment: Segment): void {
  const flags = segment.flags;
  const end = seqAdd(segment.seq, segment.payloadLength + (flags & TcpFlag.SYN ? 1 : 0) + (flags & TcpFlag.FIN ? 1 : 0));
  if (sender.nextSeq === undefined || seqGt(end, sender.nextSeq)) sender.nextSeq = end;
  if (flags & TcpFlag.ACK && (sender.lastAck === undefined || seqGt(segment.ack, sender.lastAck))) sender.lastAck = segment.ack;
  sender.window = segment.window;
  sender.packets++;
  sender.payloadBytes += segment.payloadLength;
  if (flags & TcpFlag.SYN) recordHandshakeOptions(sender, segment);
}

function recordHandshakeOptions(sender: Endpoint, segment: Segment): void {
  const options = segment.options;
  if (options.mss !== undefined) sender.mss = options.mss;
  if (options.windowScale !== undefined) sender.windowScale = options.windowScale;
  sender.sackPermitted = options.sackPermitted === true;
  sender.timestamps = options.timestamp !== undefined;
}

function secondsBetween(start: { seconds: number; nanos: number }, end: { seconds: number; nanos: number }): number {
  return end.seconds - start.seconds + (end.nanos - start.nanos) / 1e9;
}
