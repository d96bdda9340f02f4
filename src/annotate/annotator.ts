import type { CaptureWarning } from "../capture/errors.js";
import type { Frame } from "../capture/frame.js";
import type { CaptureInfo } from "../capture/info.js";
import type { CaptureSink } from "../capture/sink.js";
import { FrameDecoder } from "../decode/decode.js";
import type { Damaged, Skipped } from "../decode/decoded.js";
import type { Segment } from "../decode/segment.js";
import { type TunnelPorts, udpTunnels } from "../decode/udp.js";
import { Explainer, type Explanation } from "../explain/explainer.js";
import type { Connection } from "../track/connection.js";
import { RetiredStream } from "../track/retired-stream.js";
import { DEFAULT_MSL_SECONDS, Tracker, type TrackerOptions } from "../track/tracker.js";
import type { TrackedSegment } from "../track/tracked-segment.js";
import { FindingsCollector } from "./findings/collector.js";
import type { CaptureFindings } from "./findings/finding.js";
import type { FindingThresholds } from "./findings/thresholds.js";
import {
  AWAITING_EVIDENCE,
  type AnnotatedSegment,
  type AnnotationHandlers,
  type AnnotationTotals,
  type WarningEvent,
} from "./events.js";
import {
  DEFAULT_LOOKAHEAD,
  LookaheadCount,
  OutputQueue,
  type LookaheadLimits,
  type QueuedItem,
} from "./output-queue.js";
import { UnsettledSegments } from "./unsettled.js";
import type { EventBytes } from "./event-bytes.js";
import { closingCounts, DEFAULT_WARNINGS_PER_KIND, limitedWarning } from "./warning-limit.js";
import { secondsOf } from "../capture/timestamp.js";

export interface AnnotatorOptions {
  /**
   * How connections are followed and let go of (TrackerOptions: the MSL, keepConnections, the
   * close delay and its limits). Without keepConnections, handlers.retired is told of each
   * connection let go of, and a segment on its ends within 2*MSL after that is a "late-segment"
   * warning; one later still starts a new stream.
   */
  tracker?: Omit<TrackerOptions, "onRetired" | "handOutSettled" | "settledWanted">;
  lookahead?: LookaheadLimits;
  /**
   * Explain each segment (default true). Without, segment events carry an empty explanation (no
   * step, no messages) and nothing waits in the lookahead: for readers of the tracked segments and
   * the connections alone (a summary), to whom the explanations would be half the work.
   * "settled": no segment events, and nothing held: each segment is handed to
   * handlers.settled as it is settled, when it would be explained, the lookahead's limits settling
   * it as they would (LookaheadCount), for a reader that explains only the few segments it quotes
   * (check) and must quote them as the timeline says them.
   * "steps": each explanation holds its step alone, no messages (Explainer.step), all that the
   * brief timeline shows; segments wait for their evidence and step counts as with true.
   */
  explain?: boolean | "settled" | "steps";
  /**
   * With explain "settled": only the settled segments it accepts reach handlers.settled (default:
   * all), asked as each is settled; the others are settled all the same (their connection's
   * hindsight counts them), but nothing is made for them.
   */
  settledWanted?: (tracked: TrackedSegment) => boolean;
  /**
   * With explain false: emit segment events (default true). Without, none is made: for a reader
   * of the connections alone (a summary). Nothing waits without explanations, so the other
   * events come out as they would.
   */
  segmentEvents?: boolean;
  /**
   * A reader that writes the events out as bytes (a timeline): each event is handed to it as it
   * is pushed, to be written ahead as far as its output is final (EventBytes), and the lookahead
   * holds those bytes instead of the event; only what is not all written goes to handlers.event,
   * at its turn. Not with explain "settled".
   */
  bytes?: EventBytes;
  /** Warnings of one kind emitted before the rest are only counted (default DEFAULT_WARNINGS_PER_KIND; Infinity for all). */
  maxWarningsPerKind?: number;
  /**
   * Follow each connection as Zeek would, for its conn_state and history (default true; see
   * track/zeek). Without, connection.zeek stays undefined and summaries say null: for readers
   * that never show Zeek's verdicts (check), to whom it is a tenth of the work.
   */
  zeek?: boolean;
  /**
   * Run Wireshark's sequence analysis (default true; TrackerOptions.wiresharkAnalysis). Without,
   * no segment has a finding and no connection an iRTT: for readers that show none (check's RST
   * and refusal rules), to whom it is a tenth of the work.
   */
  wiresharkAnalysis?: boolean;
  /** UDP ports that carry VXLAN or Geneve besides the standard 4789 and 6081. */
  tunnelPorts?: TunnelPorts;
  /**
   * Find what the connections say together (syn-flood, port-scan, keepalive-timeout, the
   * half-open queue: docs/findings.md), with these thresholds (each defaults); read them from
   * `findings` after `finish`. Without, none is looked for.
   */
  findings?: Partial<FindingThresholds>;
  /**
   * With findings: keep the half-open queue's series (CaptureFindings.halfOpenQueue.series, for a
   * chart), which holds every SYN_RCVD entry and exit to the end, 16 bytes a handshake. Without
   * (the default), the series is empty and the queue's peak is counted as reading goes.
   */
  halfOpenSeries?: boolean;
}

/** What segments carry when the annotator does not explain them; frozen, as every segment shares it. */
const UNEXPLAINED: Explanation = { step: null, messages: [] };
Object.freeze(UNEXPLAINED.messages);
Object.freeze(UNEXPLAINED);

/**
 * The pipeline from frames to annotated events: decode, track, explain, in one pass. It is a
 * CaptureSink, so a capture reader can push frames straight into it; results leave through the
 * handlers in capture order. Memory holds the open connections and a short lookahead.
 */
export class Annotator implements CaptureSink {
  private readonly tracker: Tracker;
  private readonly explainer: Explainer;
  private readonly queue: OutputQueue;
  /** Only with explain "settled": when the queue, holding nothing, would have settled a waiting segment. */
  private readonly lookahead: LookaheadCount | undefined;
  private readonly explains: boolean | "settled" | "steps";
  /** Segment events are made: false only with explain false and segmentEvents false. */
  private readonly segmentEvents: boolean;
  private readonly decoder: FrameDecoder;
  private readonly findingsCollector: FindingsCollector | undefined;
  private readonly counts: AnnotationTotals = { frames: 0, segments: 0, connections: 0, skipped: {}, warnings: {} };
  private readonly warningsPerKind: number;
  private clock = Number.NEGATIVE_INFINITY;
  /** Each connection's segments waiting to be settled, in order (they settle in order). */
  private readonly unsettled = new UnsettledSegments();
  /** The input whose segments the clock last read, to check that each next file starts after it. */
  private clockFile: string | undefined;
  /** The input of the frame being read, named in warnings about it (see `input`). */
  private file: string | undefined;

  constructor(
    private readonly handlers: AnnotationHandlers,
    options: AnnotatorOptions = {},
  ) {
    this.explains = options.explain ?? true;
    this.segmentEvents = this.explains !== false || options.segmentEvents !== false;
    this.tracker = new Tracker({
      ...options.tracker,
      // No segment leaves the annotator once settled: nothing reads how sure its states are.
      handOutSettled: this.segmentEvents,
      ...(options.settledWanted === undefined ? {} : { settledWanted: options.settledWanted }),
      ...(options.wiresharkAnalysis === false ? { wiresharkAnalysis: false } : {}),
      ...(options.zeek === false ? { zeek: false } : {}),
      onRetired: (connection) => this.retired(connection),
    });
    this.explainer = new Explainer({ timeWaitSeconds: 2 * (options.tracker?.mslSeconds ?? DEFAULT_MSL_SECONDS) });
    this.decoder = new FrameDecoder(udpTunnels(options.tunnelPorts));
    this.warningsPerKind = options.maxWarningsPerKind ?? DEFAULT_WARNINGS_PER_KIND;
    this.findingsCollector =
      options.findings === undefined
        ? undefined
        : new FindingsCollector(options.findings, options.halfOpenSeries === true);
    const lookahead = options.lookahead ?? DEFAULT_LOOKAHEAD;
    this.queue = new OutputQueue(
      (item) => this.emit(item),
      (connection) => this.settle(connection),
      lookahead,
      options.bytes,
    );
    this.lookahead =
      this.explains === "settled" ? new LookaheadCount((connection) => this.settle(connection), lookahead) : undefined;
  }

  frame(frame: Frame): void {
    this.read(frame, undefined);
  }

  /**
   * The sink for one of several inputs read in turn as one capture (tcpdump -C rotations):
   * warnings about its frames name `file`, and its first segment is checked to come after the
   * last one of the input before it.
   */
  input(file: string): CaptureSink {
    return {
      frame: (frame) => this.read(frame, file),
      warning: (warning) => this.warning(warning),
      info: (info) => this.info(info),
    };
  }

  private read(frame: Frame, file: string | undefined): void {
    this.file = file;
    this.counts.frames++;
    const decoded = this.decoder.decode(frame);
    if (decoded.kind === "tcp") {
      this.reportProblems(frame, decoded.segment);
      this.segment(frame, decoded.segment);
    } else this.notTcp(frame, decoded);
  }

  warning(warning: CaptureWarning): void {
    this.warn({
      kind: "warning",
      problem: warning.kind,
      message: warning.message,
      frame: warning.frame,
      offset: warning.offset,
      file: warning.file,
    });
  }

  info(info: CaptureInfo): void {
    this.handlers.capture?.(info);
  }

  /** Input ended: retire every connection, settle every open step count and emit what is held. */
  finish(): AnnotationTotals {
    this.tracker.finish();
    for (const closing of closingCounts(this.counts.warnings, this.warningsPerKind)) this.push(closing, this.clock);
    this.flush();
    return this.totals;
  }

  /** Emit what is held now (a live capture gone quiet). */
  flush(): void {
    this.queue.flush();
    this.lookahead?.flush();
  }

  /** What the connections say together, once `finish` retired them all (undefined unless options.findings asked for it). */
  get findings(): CaptureFindings | undefined {
    return this.findingsCollector?.result();
  }

  get totals(): AnnotationTotals {
    return { ...this.counts, connections: this.tracker.connectionCount };
  }

  /** Every connection so far, in stream order (none when they are not kept: see keepConnections). */
  get connections(): readonly Connection[] {
    return this.tracker.connections;
  }

  private segment(frame: Frame, segment: Segment): void {
    this.counts.segments++;
    if (segment.encapsulation !== undefined) this.countTunnel(segment.encapsulation);
    const time = secondsOf(segment);
    if (this.file !== this.clockFile) this.checkFileOrder(frame, time);
    this.clock = Math.max(this.clock, time);
    const expiries = this.tracker.expireTimers(time, segment.frame);
    // Indexed, as in Tracker.expireTimers.
    for (let i = 0; i < expiries.length; i++) {
      const expiry = expiries[i]!;
      this.push({ kind: "timer", expiry, message: this.explainer.explainExpiry(expiry) }, time);
    }
    this.tracker.letGoOfFinished(time);
    const tracked = this.tracker.track(segment);
    if (tracked instanceof RetiredStream) return this.late(frame, tracked, time);
    this.findingsCollector?.segment(tracked, time);
    this.pushSegment(tracked, time);
    const revisions = this.tracker.takeRevisions();
    for (let i = 0; i < revisions.length; i++) {
      const revision = revisions[i]!;
      this.push(
        {
          kind: "revision",
          connection: tracked.connection,
          revision,
          messages: this.explainer.explainRevision(revision),
        },
        time,
      );
    }
  }

  /** The segment's event, explained once settled; with explain "settled", none: it goes to handlers.settled alone, counted by the lookahead. */
  private pushSegment(tracked: TrackedSegment, time: number): void {
    if (this.lookahead !== undefined) {
      this.explainSettled();
      this.lookahead.push(time, tracked.settled ? undefined : tracked);
      return;
    }
    if (!this.segmentEvents) return this.explainSettled();
    const explained = this.explains !== false;
    const event: AnnotatedSegment = {
      kind: "segment",
      tracked,
      explanation: explained ? AWAITING_EVIDENCE : UNEXPLAINED,
    };
    const waiting = explained ? this.unsettled.add(event) : undefined;
    this.explainSettled();
    const place = this.queue.push(event, time);
    // Held still waiting: once explained, it may be written as bytes in its place (OutputQueue.finished).
    if (place >= 0 && event.explanation === AWAITING_EVIDENCE) waiting?.placeLast(place);
  }

  /** Explain the segments the tracker settled, in order within each connection (its step count follows them). */
  private explainSettled(): void {
    const settled = this.tracker.takeSettled();
    if (this.explains === false) return;
    if (this.lookahead !== undefined) {
      // Indexed, as below: a for-of iterator was allocated here on every segment.
      const read = this.handlers.settled;
      if (read !== undefined) for (let i = 0; i < settled.length; i++) read(settled[i]!);
      return;
    }
    for (let i = 0; i < settled.length; i++) {
      const tracked = settled[i]!;
      const event = this.unsettled.take(tracked);
      if (event === undefined) continue;
      event.explanation = this.explanationOf(tracked);
      const place = this.unsettled.takenPlace;
      if (place >= 0) this.queue.finished(place, event);
    }
  }

  /** Output cannot wait longer for the connection's evidence: settle its segments as they read now, and its step counts. */
  private settle(connection: Connection): void {
    this.tracker.settle(connection);
    this.explainSettled();
    this.explainer.settle(connection);
  }

  /** A connection retired: its last segments were settled; it is told after them. */
  private retired(connection: Connection): void {
    this.findingsCollector?.retired(connection);
    this.explainSettled();
    this.unsettled.forget(connection);
    this.push({ kind: "retired", connection }, this.clock);
  }

  private countTunnel(encapsulation: readonly string[]): void {
    const tunnels = (this.counts.tunnels ??= {});
    const stack = encapsulation.join("/");
    tunnels[stack] = (tunnels[stack] ?? 0) + 1;
  }

  private explanationOf(tracked: TrackedSegment): Explanation {
    return this.explains === "steps" ? this.explainer.step(tracked) : this.explainer.explain(tracked);
  }

  private notTcp(frame: Frame, decoded: Skipped | Damaged): void {
    const reason = decoded.kind === "skipped" ? decoded.reason : `${decoded.problem}-${decoded.layer}`;
    this.counts.skipped[reason] = (this.counts.skipped[reason] ?? 0) + 1;
    if (decoded.kind === "damaged") {
      this.warnAbout(
        frame,
        decoded.problem,
        `${decoded.problem} ${decoded.layer} header (frame byte ${decoded.offset}): ${decoded.message}`,
      );
    } else if (decoded.reason === "nesting-limit") {
      // Stacks this deep are not seen on real networks: say why the frame was left undecoded.
      this.warnAbout(frame, "unsupported", `not decoded (nesting-limit): ${decoded.detail}`);
    }
  }

  /** Damage a segment was decoded past: the annotation stands, but on fields that contradict each other. */
  private reportProblems(frame: Frame, segment: Segment): void {
    if (segment.problems === undefined) return;
    for (const problem of segment.problems) {
      if (problem.id === "ip-length-zero") continue; // segmentation offload, not damage (see ipv4.ts)
      this.warnAbout(frame, "malformed", `${problem.id} (frame byte ${problem.offset}): ${problem.message}`);
    }
  }

  /**
   * Several files are one capture only in time order: a file that starts before the one before
   * it ended was most likely given out of order (the shell sorts tcpdump -C's "x1 x10 x2"), and
   * its connections would be cut and its timers run wrong. Said once, on its first segment.
   */
  private checkFileOrder(frame: Frame, time: number): void {
    const earlier = this.clock - time;
    this.clockFile = this.file;
    if (!(earlier > 0)) return;
    const message = `this file's first segment is ${earlier.toFixed(3)} s earlier than the last one before it: files are read as one capture in the order given, so give them in time order (tcpdump -C names them x, x1, x2 ... x10, which the shell sorts as x1 x10 x2)`;
    this.warnAbout(frame, "files-out-of-order", message);
  }

  /** A segment for a stream already handed over (keepConnections false): said, not counted in it. */
  private late(frame: Frame, retired: RetiredStream, time: number): void {
    const after = (time - retired.lastSeen).toFixed(1);
    this.warnAbout(
      frame,
      "late-segment",
      `a segment of stream ${retired.stream}, ${after} s after its last one: the stream had ended (each side closed or in TIME_WAIT) and was let go of, so this segment is left out of it (its timeline, figures and verdicts)`,
    );
  }

  /** The offset is the record's in the file; the message names the byte within the frame. */
  private warnAbout(frame: Frame, problem: string, message: string): void {
    this.warn({ kind: "warning", problem, message, frame: frame.index, offset: frame.offset, file: this.file });
  }

  /** Every warning is counted; past the limit of its kind, not emitted (warning-limit.ts). */
  private warn(warning: WarningEvent): void {
    const count = (this.counts.warnings[warning.problem] ?? 0) + 1;
    this.counts.warnings[warning.problem] = count;
    const shown = limitedWarning(warning, count, this.warningsPerKind);
    if (shown !== undefined) this.push(shown, this.clock);
  }

  /** Every event but segments goes through here (pushSegment). */
  private push(event: QueuedItem, time: number): void {
    this.queue.push(event, time);
    this.lookahead?.push(time);
  }

  private emit(item: QueuedItem): void {
    if (item.kind !== "retired") return this.handlers.event(item);
    // Told after the connection's last event: its explanations are done.
    this.explainer.forget(item.connection);
    this.handlers.retired?.(item.connection);
  }
}
