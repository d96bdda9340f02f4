import { TcpFlag, type Segment } from "../../decode/segment.js";
import type { Role } from "../states.js";
import { analyzeSegment } from "./analyze-segment.js";
import { SegmentRecord, type AnalysisContext, type SegmentFacts } from "./context.js";
import type { SegmentAnalysis } from "./segment-analysis.js";
import { findingDetails, type DetailsSource } from "./details.js";
import { FINDING } from "./flags.js";
import { FLOW_NUMBERS, initFlow, WiresharkFlow } from "./flow.js";
import { SpareSpills } from "./unacked.js";
import { nanosSince, nanosToSeconds } from "../../capture/timestamp.js";
import { asSmallInteger } from "./small-integer.js";
import { isNoTime } from "./time.js";
import { settleAfterSyn, shiftOfOption, windowScaledOf, type WindowScale } from "./window-scale.js";
import type { AnalysisDetails } from "./details.js";

/** What the tracker knows about a segment that Wireshark's analysis needs besides its header. */
export interface AnalysisInput {
  segment: Segment;
  from: Role;
  /** The stream table flagged reused ports on this segment. */
  reusedPorts: boolean;
  /** A pure SYN in a direction whose base was already set (so with the same ISN: a repeated SYN). */
  repeatedSyn: boolean;
  /** Relative bases of the sender's and the receiver's sequence numbers. */
  senderBase: number;
  receiverBase: number;
}

/** Where the client's flow, the server's, and the time of the last pure SYN sit in a connection's numbers. */
const CLIENT = 0;
const SERVER = FLOW_NUMBERS;
const LAST_SYN_SECONDS = 2 * FLOW_NUMBERS;
const LAST_SYN_NANOS = LAST_SYN_SECONDS + 1;
const NUMBERS = LAST_SYN_NANOS + 1;

/** Where a connection's numbers start before its first segment, and after it was let go of: nowhere. */
const NO_NUMBERS = -1;

/**
 * Runs in one block of numbers: the room grows a block at a time and no run ever moves. Doubling
 * one array copied every run at each growth and touched fresh memory twice over: on a SYN flood
 * whose 200,000 half-open connections all stay open, growing it was a sixth of summary's time.
 */
const BLOCK_RUNS = 1024;
const BLOCK_NUMBERS = BLOCK_RUNS * NUMBERS;

/**
 * Wireshark's sequence analysis of one connection (tshark 4.0's packet-tcp.c, one pass): a
 * WiresharkFlow per direction and the handshake RTT. Kept apart from the observer's endpoints.
 *
 * Both flows' numbers (and their first unacknowledged segments) are a run of the scratch's one
 * array of numbers, read through the two flows the scratch points at them for each segment: a
 * connection lives across several young collections, and an object per flow, a heap box per
 * sequence number or time and an array per connection or unacknowledged list would all be copied
 * into the old generation (a typed array of a connection's size also has its memory outside the
 * heap, slow to make and to free).
 */
export class ConnectionAnalysis {
  /** Where its numbers start among the scratch's: taken at the first segment, given back when let go of (release). */
  private at = NO_NUMBERS;
  /** Each direction's unacknowledged segments beyond those its numbers hold (UnackedSegments.spill). */
  private clientSpill: Float64Array | undefined = undefined;
  private serverSpill: Float64Array | undefined = undefined;
  /** ts_first_rtt in nanoseconds, 0 until measured (a field: it outlives release; a small integer when it is one, see small-integer.ts). */
  private initialRttNanos = 0;

  /** Wireshark's iRTT in seconds: the most recent pure SYN to the first ACK without SYN. */
  get initialRtt(): number | undefined {
    return this.initialRttNanos === 0 ? undefined : nanosToSeconds(this.initialRttNanos);
  }

  /** The iRTT in nanoseconds, 0 while unknown: once known it never changes (a segment that showed it reads it here). */
  get initialRttInNanos(): number {
    return this.initialRttNanos;
  }

  /** Analyze the segment described by `scratch.input` (filled by the caller); the result is the scratch's, read it before the next segment. */
  analyze(scratch: AnalysisScratch): SegmentAnalysis {
    const input = scratch.input;
    if (this.at === NO_NUMBERS) this.at = scratch.freshNumbers();
    const at = this.at;
    const facts = scratch.factsOf(input.segment);
    const fromClient = input.from === "client";
    // The block and the run's place in it, worked out once for the flows and the handshake.
    const numbers = scratch.blockOf(at);
    const start = at % BLOCK_NUMBERS;
    const { fwd, rev } = scratch.flowsOf(numbers, start, fromClient, this.clientSpill, this.serverSpill);
    const record = scratch.emptyRecord();
    if (input.reusedPorts) record.add(FINDING.reused_ports);
    // dissect_tcp: a repeated SYN takes nextseq back to the contiguous edge, as a RST may have
    // pushed it (Wireshark issue 17616); the SYN is then flagged a retransmission.
    if (input.repeatedSyn) fwd.nextSeq = fwd.maxSeqToBeAcked;
    analyzeSegment(scratch.contextOf(this.initialRttNanos));
    this.clientSpill = fromClient ? fwd.unacked.spill : rev.unacked.spill;
    this.serverSpill = fromClient ? rev.unacked.spill : fwd.unacked.spill;
    // tcp.window_size uses the scale known before this segment's own options.
    const windowScale = fwd.windowScale;
    this.measureHandshake(facts, fwd, numbers, start);
    this.learnWindowScale(input.segment, fwd, rev);
    const details = record.flags.isEmpty
      ? undefined
      : findingDetails(scratch.detailsSourceOf(windowScaledOf(facts, windowScale), windowScale, this.initialRttNanos));
    return scratch.resultOf(record, details, windowScale, this.initialRttNanos);
  }

  /**
   * The stream can no longer be looked up (a new stream took its ports, or it was let go of): drop
   * what only served later segments; its numbers (and spills) go back to the scratch for a later connection.
   */
  release(scratch: AnalysisScratch): void {
    if (this.at !== NO_NUMBERS) scratch.spare(this.at);
    this.at = NO_NUMBERS;
    scratch.spills.spare(this.clientSpill);
    scratch.spills.spare(this.serverSpill);
    this.clientSpill = undefined;
    this.serverSpill = undefined;
  }

  /**
   * dissect_tcp, after the analysis: a pure SYN is the start of the iRTT and opens is_first_ack;
   * the first ACK without SYN after it ends the iRTT (a zero time, as in a capture without
   * timestamps, counts as unset).
   */
  private measureHandshake(segment: SegmentFacts, fwd: WiresharkFlow, numbers: Float64Array, at: number): void {
    const synAck = segment.flags & (TcpFlag.SYN | TcpFlag.ACK);
    if (segment.flags & TcpFlag.SYN) fwd.firstAckPending = true;
    if (synAck === TcpFlag.SYN) {
      numbers[at + LAST_SYN_SECONDS] = segment.seconds;
      numbers[at + LAST_SYN_NANOS] = segment.nanos;
    }
    if (synAck !== TcpFlag.ACK) return;
    const synSeconds = numbers[at + LAST_SYN_SECONDS]!;
    const synNanos = numbers[at + LAST_SYN_NANOS]!;
    if (!isNoTime(synSeconds, synNanos) && this.initialRttNanos === 0)
      this.initialRttNanos = asSmallInteger(nanosSince(synSeconds, synNanos, segment));
    fwd.firstAckPending = false;
  }

  /** Window-scale options apply to the segments after the one carrying them; a SYN then settles both directions. */
  private learnWindowScale(segment: Segment, fwd: WiresharkFlow, rev: WiresharkFlow): void {
    if (segment.windowScaleOption !== undefined) fwd.windowScale = shiftOfOption(segment.windowScaleOption);
    if ((segment.flags & TcpFlag.SYN) === 0) return;
    settleAfterSyn(fwd, rev, (segment.flags & TcpFlag.ACK) !== 0);
  }
}

/** A new connection's numbers at `at`: both flows as they start, no SYN seen. */
function startNumbers(numbers: Float64Array, at: number): void {
  // A loop: fill() is a call into the runtime, slower than clearing so few numbers.
  for (let i = at; i < at + NUMBERS; i++) numbers[i] = 0;
  initFlow(numbers, at + CLIENT);
  initFlow(numbers, at + SERVER);
}

/**
 * The facts, record, flows, context and details' source of the segment being analyzed, and the
 * result handed back: one of each, filled anew for every segment of every connection. The
 * analysis keeps none of them (what it keeps, it copies; the flows are views of its numbers), its
 * caller reads the result before the next segment, and a tracker analyzes one segment at a time,
 * so it owns one scratch for all its connections and no segment need allocate them. It also
 * holds every connection's numbers, one run of NUMBERS each in blocks of BLOCK_RUNS, and the runs
 * of connections let go of, for new ones; and the spills let go of (SpareSpills).
 */
export class AnalysisScratch {
  /** Every connection's numbers (ConnectionAnalysis), a run each, BLOCK_RUNS runs a block: a run at `at` is in block at / BLOCK_NUMBERS. */
  private readonly blocks: Float64Array[] = [];
  /** Where the runs of connections let go of start, and one past the last run ever handed out. */
  private readonly spareRuns: number[] = [];
  private handedOut = 0;
  readonly spills = new SpareSpills();
  readonly input: AnalysisInput = {
    segment: undefined!,
    from: "client",
    reusedPorts: false,
    repeatedSyn: false,
    senderBase: 0,
    receiverBase: 0,
  };
  private readonly facts: SegmentFacts = {
    frame: 0,
    seconds: 0,
    nanos: 0,
    seq: 0,
    ack: 0,
    len: 0,
    flags: 0,
    window: 0,
  };
  private readonly record = new SegmentRecord();
  private readonly context: AnalysisContext = {
    segment: this.facts,
    fwd: new WiresharkFlow(this.spills),
    rev: new WiresharkFlow(this.spills),
    record: this.record,
    initialRttNanos: 0,
    found: { frame: 0, seq: 0, nextSeq: 0, seconds: 0, nanos: 0 },
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
    windowScale: 0,
    ackedFrame: undefined,
    ackRttNanos: undefined,
    showsInitialRtt: false,
  };

  /** Where a new connection's numbers start: a spare run if any, else a new one (a new block when the last is full). */
  freshNumbers(): number {
    const at = this.spareRuns.pop() ?? this.newRun();
    startNumbers(this.blockOf(at), at % BLOCK_NUMBERS);
    return at;
  }

  /** The block holding the run at `at` (which starts at at % BLOCK_NUMBERS in it). */
  blockOf(at: number): Float64Array {
    return this.blocks[Math.floor(at / BLOCK_NUMBERS)]!;
  }

  /** A let-go connection's run, for a later one. */
  spare(at: number): void {
    this.spareRuns.push(at);
  }

  private newRun(): number {
    const at = this.handedOut;
    this.handedOut = at + NUMBERS;
    if (at % BLOCK_NUMBERS === 0) this.blocks.push(new Float64Array(BLOCK_NUMBERS));
    return at;
  }

  factsOf(segment: Segment): SegmentFacts {
    const facts = this.facts;
    facts.frame = segment.frame;
    facts.seconds = segment.seconds;
    facts.nanos = segment.nanos;
    facts.seq = segment.seq;
    facts.ack = segment.ack;
    facts.len = segment.payloadLength;
    facts.flags = segment.flags;
    facts.window = segment.window;
    return facts;
  }

  /** The sender's flow (fwd) and the receiver's (rev), pointed at the connection's run at `start` in its block `numbers` (blockOf), and its spills. */
  flowsOf(
    numbers: Float64Array,
    start: number,
    fromClient: boolean,
    clientSpill: Float64Array | undefined,
    serverSpill: Float64Array | undefined,
  ): AnalysisContext {
    const context = this.context;
    context.fwd.attach(numbers, start + (fromClient ? CLIENT : SERVER), fromClient ? clientSpill : serverSpill);
    context.rev.attach(numbers, start + (fromClient ? SERVER : CLIENT), fromClient ? serverSpill : clientSpill);
    return context;
  }

  emptyRecord(): SegmentRecord {
    this.record.reset();
    return this.record;
  }

  contextOf(initialRttNanos: number): AnalysisContext {
    const context = this.context;
    context.initialRttNanos = initialRttNanos;
    return context;
  }

  detailsSourceOf(windowScaled: number, windowScale: WindowScale, initialRttNanos: number): DetailsSource {
    const source = this.detailsSource;
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
    windowScale: WindowScale,
    initialRttNanos: number,
  ): SegmentAnalysis {
    const result = this.result;
    result.analysis = record.flags.shownFields();
    result.findingDetails = findingDetails;
    result.windowScale = windowScale;
    result.ackedFrame = record.ackedFrame;
    result.ackRttNanos = record.ackRttNanos === 0 ? undefined : record.ackRttNanos;
    result.showsInitialRtt = record.exists && initialRttNanos !== 0;
    return result;
  }
}
