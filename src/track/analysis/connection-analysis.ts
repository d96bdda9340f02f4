import { TcpFlag, type Segment } from "../../decode/segment.js";
import type { Timestamp } from "../../capture/timestamp.js";
import type { Role } from "../states.js";
import { analyzeSegment } from "./analyze-segment.js";
import { SegmentRecord, type AnalysisContext, type SegmentFacts } from "./context.js";
import type { SegmentAnalysis } from "./analyzed-segment.js";
import { findingDetails, type DetailsSource } from "./details.js";
import { WiresharkFlow } from "./flow.js";
import { nanosBetween, nanosToSeconds } from "../../capture/timestamp.js";
import { isNoTime, NO_TIME } from "./time.js";
import { scaledWindow, settleAfterSyn, shiftOfOption, type WindowScale } from "./window-scale.js";
import type { AnalysisDetails } from "./details.js";

/** What the tracker knows about a segment that Wireshark's analysis needs besides its header. */
export interface AnalysisInput {
  segment: Segment;
  /** The segment's capture time, as one object the analysis may keep. */
  time: Timestamp;
  from: Role;
  /** The stream table flagged reused ports on this segment. */
  reusedPorts: boolean;
  /** A pure SYN in a direction whose base was already set (so with the same ISN: a repeated SYN). */
  repeatedSyn: boolean;
  /** Relative bases of the sender's and the receiver's sequence numbers. */
  senderBase: number;
  receiverBase: number;
}

/**
 * Wireshark's sequence analysis of one connection (tshark 4.0's packet-tcp.c, one pass): a
 * WiresharkFlow per direction and the handshake RTT. Kept apart from the observer's endpoints.
 */
export class ConnectionAnalysis {
  private readonly client = new WiresharkFlow();
  private readonly server = new WiresharkFlow();
  /** ts_mru_syn: when the most recent pure SYN was seen. */
  private lastSynTime = NO_TIME;
  /** ts_first_rtt in nanoseconds, 0 until measured. */
  private initialRttNanos = 0;

  /** Wireshark's iRTT in seconds: the most recent pure SYN to the first ACK without SYN. */
  get initialRtt(): number | undefined {
    return this.initialRttNanos === 0 ? undefined : nanosToSeconds(this.initialRttNanos);
  }

  /** Analyze the segment described by `scratch.input` (filled by the caller); the result is the scratch's, read it before the next segment. */
  analyze(scratch: AnalysisScratch): SegmentAnalysis {
    const input = scratch.input;
    const facts = scratch.factsOf(input.segment, input.time);
    const fromClient = input.from === "client";
    const fwd = fromClient ? this.client : this.server;
    const rev = fromClient ? this.server : this.client;
    const record = scratch.emptyRecord();
    if (input.reusedPorts) record.add("reused_ports");
    // dissect_tcp: a repeated SYN takes nextseq back to the contiguous edge, as a RST may have
    // pushed it (Wireshark issue 17616); the SYN is then flagged a retransmission.
    if (input.repeatedSyn) fwd.nextSeq = fwd.maxSeqToBeAcked;
    analyzeSegment(scratch.contextOf(fwd, rev, this.initialRttNanos));
    // tcp.window_size uses the scale known before this segment's own options.
    const windowScale = fwd.windowScale;
    const windowScaled = scaledWindow(facts.window, windowScale, (facts.flags & TcpFlag.SYN) !== 0);
    this.measureHandshake(facts, fwd);
    this.learnWindowScale(input.segment, fwd, rev);
    const details = record.flags.isEmpty
      ? undefined
      : findingDetails(scratch.detailsSourceOf(rev, windowScaled, windowScale, this.initialRttNanos));
    return scratch.resultOf(record, details, windowScaled, windowScale, this.initialRttNanos);
  }

  /** The stream can no longer be looked up (a new stream took its ports): drop what only served later segments. */
  release(): void {
    this.client.unacked.clear();
    this.server.unacked.clear();
  }

  /**
   * dissect_tcp, after the analysis: a pure SYN is the start of the iRTT and opens is_first_ack;
   * the first ACK without SYN after it ends the iRTT (a zero time, as in a capture without
   * timestamps, counts as unset).
   */
  private measureHandshake(segment: SegmentFacts, fwd: WiresharkFlow): void {
    const synAck = segment.flags & (TcpFlag.SYN | TcpFlag.ACK);
    if (segment.flags & TcpFlag.SYN) fwd.firstAckPending = true;
    if (synAck === TcpFlag.SYN) this.lastSynTime = segment.time;
    if (synAck !== TcpFlag.ACK) return;
    if (!isNoTime(this.lastSynTime) && this.initialRttNanos === 0)
      this.initialRttNanos = nanosBetween(this.lastSynTime, segment.time);
    fwd.firstAckPending = false;
  }

  /** Window-scale options apply to the segments after the one carrying them; a SYN then settles both directions. */
  private learnWindowScale(segment: Segment, fwd: WiresharkFlow, rev: WiresharkFlow): void {
    if (segment.windowScaleOption !== undefined) fwd.windowScale = shiftOfOption(segment.windowScaleOption);
    if ((segment.flags & TcpFlag.SYN) === 0) return;
    const settled = settleAfterSyn(
      { sender: fwd.windowScale, receiver: rev.windowScale },
      (segment.flags & TcpFlag.ACK) !== 0,
    );
    fwd.windowScale = settled.sender;
    rev.windowScale = settled.receiver;
  }
}

/**
 * The facts, record, context and details' source of the segment being analyzed, and the result
 * handed back: one of each, filled anew for every segment of every connection. The analysis
 * keeps none of them (what it keeps, it copies), its caller reads the result before the next
 * segment, and a tracker analyzes one segment at a time, so it owns one scratch for all its
 * connections and no segment need allocate them.
 */
export class AnalysisScratch {
  readonly input: AnalysisInput = {
    segment: undefined!,
    time: undefined!,
    from: "client",
    reusedPorts: false,
    repeatedSyn: false,
    senderBase: 0,
    receiverBase: 0,
  };
  private readonly facts: SegmentFacts = { frame: 0, time: NO_TIME, seq: 0, ack: 0, len: 0, flags: 0, window: 0 };
  private readonly record = new SegmentRecord();
  private readonly context: AnalysisContext = {
    segment: this.facts,
    fwd: new WiresharkFlow(),
    rev: new WiresharkFlow(),
    record: this.record,
    initialRttNanos: 0,
    found: { frame: 0, seq: 0, nextSeq: 0, time: { seconds: 0, nanos: 0 } },
  };
  private readonly detailsSource: DetailsSource = {
    segment: this.facts,
    record: this.record,
    rev: this.context.rev,
    windowScaled: 0,
    windowScale: 0,
    initialRttNanos: 0,
    senderBase: 0,
    receiverBase: 0,
  };
  private readonly result: SegmentAnalysis = {
    analysis: [],
    findingDetails: undefined,
    windowScaled: 0,
    windowScale: 0,
    ackedFrame: undefined,
    ackRttNanos: undefined,
    initialRttNanos: undefined,
  };

  factsOf(segment: Segment, time: Timestamp): SegmentFacts {
    const facts = this.facts;
    facts.frame = segment.frame;
    facts.time = time;
    facts.seq = segment.seq;
    facts.ack = segment.ack;
    facts.len = segment.payloadLength;
    facts.flags = segment.flags;
    facts.window = segment.window;
    return facts;
  }

  emptyRecord(): SegmentRecord {
    this.record.reset();
    return this.record;
  }

  contextOf(fwd: WiresharkFlow, rev: WiresharkFlow, initialRttNanos: number): AnalysisContext {
    const context = this.context;
    context.fwd = fwd;
    context.rev = rev;
    context.initialRttNanos = initialRttNanos;
    return context;
  }

  detailsSourceOf(
    rev: WiresharkFlow,
    windowScaled: number,
    windowScale: WindowScale,
    initialRttNanos: number,
  ): DetailsSource {
    const source = this.detailsSource;
    source.rev = rev;
    source.windowScaled = windowScaled;
    source.windowScale = windowScale;
    source.initialRttNanos = initialRttNanos;
    source.senderBase = this.input.senderBase;
    source.receiverBase = this.input.receiverBase;
    return source;
  }

  /** What a segment's details are made of: the iRTT is shown only on a segment that has a record (tcp_acked), an RTT of zero never. */
  resultOf(
    record: SegmentRecord,
    findingDetails: AnalysisDetails | undefined,
    windowScaled: number,
    windowScale: WindowScale,
    initialRttNanos: number,
  ): SegmentAnalysis {
    const result = this.result;
    result.analysis = record.flags.shownFields();
    result.findingDetails = findingDetails;
    result.windowScaled = windowScaled;
    result.windowScale = windowScale;
    result.ackedFrame = record.ackedFrame;
    result.ackRttNanos = record.ackRttNanos === 0 ? undefined : record.ackRttNanos;
    result.initialRttNanos = record.exists && initialRttNanos !== 0 ? initialRttNanos : undefined;
    return result;
  }
}
