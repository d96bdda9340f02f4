import { TcpFlag } from "../../decode/segment.js";
import type { Connection } from "../../track/connection.js";
import { ConnectionSlot } from "../../track/connection-slot.js";
import { connectionVerdict } from "../../track/summary.js";
import { leavesSynRcvd } from "../../track/waiting-connections.js";
import type { TrackedSegment } from "../../track/tracked-segment.js";
import type { CaptureFindings, KeepaliveTimeout } from "./finding.js";
import { HalfOpenQueueCount } from "./half-open-queue.js";
import { followKeepalive, type Probing } from "./keepalive.js";
import { PortScanDetector } from "./port-scan.js";
import { type FloodTarget, SynFloodDetector } from "./syn-flood.js";
import { DEFAULT_THRESHOLDS, type FindingThresholds } from "./thresholds.js";
import { secondsOf } from "../../capture/timestamp.js";

/** How many SYN_RCVD entries and exits are told between sweeps of the half-open queues. */
const SWEEP_EVERY = 1024;

/**
 * How far back in time a later segment may still come and be counted exactly in the half-open
 * queues: a capture's clock steps back by microseconds between CPUs (tcpdump -i any), rarely by
 * more. Memory holds the entries and exits of this much capture time.
 */
const CLOCK_STEP_BACK_SECONDS = 10;

/**
 * What is followed of a connection while it is open (in its slot of the connection): a few numbers, dropped when it retires. A
 * class, so that every connection's facts share one shape from the start (NaN for a time not
 * seen yet) rather than change it as their fields come.
 */
class Facts {
  /** When the server's first SYN+ACK put it in SYN_RCVD, and when the client's ACK or a RST took it out. */
  synAck = Number.NaN;
  leftSynRcvd = Number.NaN;
  probing: Probing | undefined = undefined;
  /** The server port's syn-flood target, found once as it enters SYN_RCVD and told its exit and attempt. */
  target: FloodTarget | undefined = undefined;
  /** Its place among the connections in SYN_RCVD (SynRcvdList), -1 when not among them. */
  synRcvdIndex = -1;

  constructor(public previousTime: number) {}

  /** Entered SYN_RCVD and not left it yet. */
  get inSynRcvd(): boolean {
    return !Number.isNaN(this.synAck) && Number.isNaN(this.leftSynRcvd);
  }
}

/**
 * The open connections whose server is in SYN_RCVD, each at the place its facts keep: one enters
 * and leaves without a hash worked out or looked up (a Set of them cost that at both).
 */
class SynRcvdList {
  private readonly list: Facts[] = [];

  add(facts: Facts): void {
    facts.synRcvdIndex = this.list.length;
    this.list.push(facts);
  }

  /** Takes it out if it is in; the last one moves to its place. */
  delete(facts: Facts): void {
    const index = facts.synRcvdIndex;
    if (index < 0) return;
    const last = this.list.pop()!;
    if (last !== facts) {
      this.list[index] = last;
      last.synRcvdIndex = index;
    }
    facts.synRcvdIndex = -1;
  }

  get size(): number {
    return this.list.length;
  }

  /** The earliest of their last segments' times, or `bound` if earlier. */
  earliestLastSegment(bound: number): number {
    let earliest = bound;
    for (const facts of this.list) earliest = Math.min(earliest, facts.previousTime);
    return earliest;
  }
}

/**
 * Reads the segments in capture order and the connections as they retire, and finds what they
 * say together (docs/findings.md). Memory: a few numbers per open connection, the half-open
 * queues' entries and exits not yet swept (all of them when the series is kept), and the
 * detectors' bounded maps.
 */
export class FindingsCollector {
  private readonly thresholds: FindingThresholds;
  /** Each open connection's facts. */
  private readonly facts = new ConnectionSlot<Facts>();
  /** The open connections whose server is in SYN_RCVD: what holds the sweeps' watermark back (few, unlike the open ones). */
  private readonly inSynRcvd = new SynRcvdList();
  private readonly queue: HalfOpenQueueCount;
  /** SYN_RCVD entries and exits told since the queues were last swept. */
  private unswept = 0;
  private readonly floods: SynFloodDetector;
  private readonly scans: PortScanDetector;
  private readonly keepalives: KeepaliveTimeout[] = [];

  /** `series`: keep the half-open queue's series for a chart (every entry and exit to the end, 16 bytes a handshake). */
  constructor(thresholds: Partial<FindingThresholds> = {}, series = false) {
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
    this.queue = new HalfOpenQueueCount(series);
    this.floods = new SynFloodDetector(this.thresholds);
    this.scans = new PortScanDetector(this.thresholds);
  }

  /** The next segment, at `time`: its time in seconds (secondsOf), which the reader has worked out already. */
  segment(tracked: TrackedSegment, time: number): void {
    const { segment, connection, from } = tracked;
    let facts = this.facts.get(connection);
    if (facts === undefined) this.facts.set(connection, (facts = new Facts(time)));
    const flags = segment.flags;
    if (from === "server" && (flags & TcpFlag.SYN) !== 0 && (flags & TcpFlag.ACK) !== 0) {
      if (Number.isNaN(facts.synAck)) {
        facts.target = this.floods.target(connection.server);
        this.enteredSynRcvd(facts.target, (facts.synAck = time));
        this.inSynRcvd.add(facts);
      }
    } else if (facts.inSynRcvd && leavesSynRcvd(from, flags)) {
      this.leftSynRcvd(facts.target!, facts.synAck, (facts.leftSynRcvd = time));
      this.inSynRcvd.delete(facts);
    }
    // Nearly every segment neither is nor answers a keep-alive probe: no finding, nothing probing.
    if (facts.probing !== undefined || tracked.analysis.length > 0) this.followKeepalive(tracked, facts, time);
    facts.previousTime = time;
    // A sweep reads every connection in SYN_RCVD: at most once per as many entries and exits, or
    // a flood's hundreds of thousands left half-open made each sweep read them all.
    if (this.unswept >= Math.max(SWEEP_EVERY, this.inSynRcvd.size)) this.sweep(time);
  }

  /** A connection is done: what it says is added to the findings. */
  retired(connection: Connection): void {
    const facts = this.facts.take(connection);
    if (facts !== undefined) this.inSynRcvd.delete(facts);
    const end = secondsOf(connection.lastTime);
    // Never acknowledged nor reset: it is counted in the queue until the server's last word on it.
    if (facts?.inSynRcvd === true) this.leftSynRcvd(facts.target!, facts.synAck, end);
    if (connection.roleEvidence !== "syn") return;
    const answered = connection.server.sentSyn;
    // Only an attempt left unanswered or in SYN_RCVD, or one that sent no data, can be a finding:
    // the verdict is read for those alone.
    const attempt = !answered || connection.states.server === "SYN_RCVD";
    const probe = connection.client.payloadBytes === 0;
    if (!attempt && !probe) return;
    const verdict = connectionVerdict(connection);
    const time = secondsOf(connection.firstTime);
    const frames = { firstFrame: connection.firstFrame, lastFrame: connection.lastFrame };
    if (attempt && verdict === "handshake-incomplete") {
      const remembered = facts?.target;
      const target = remembered?.followed === true ? remembered : this.floods.target(connection.server);
      target.attempt({ source: connection.client.address, time, end, answered, ...frames });
    }
    if (probe) {
      const { address, port } = connection.server;
      this.scans.probe({
        source: connection.client.address,
        target: address,
        port,
        refused: verdict === "refused",
        open: answered,
        time,
        end,
        ...frames,
      });
    }
  }

  private followKeepalive(tracked: TrackedSegment, facts: Facts, time: number): void {
    const followed = followKeepalive(tracked, facts.probing, facts.previousTime, time, this.thresholds.keepaliveProbes);
    facts.probing = followed.probing;
    if (followed.finding !== undefined) this.keepalives.push(followed.finding);
  }

  private enteredSynRcvd(target: FloodTarget, time: number): void {
    this.queue.entered(time);
    target.entered(time);
    this.unswept++;
  }

  private leftSynRcvd(target: FloodTarget, enter: number, time: number): void {
    this.queue.left(enter, time);
    target.left(enter, time);
    this.unswept++;
  }

  /**
   * Sweeps the half-open queues up to what no later entry or exit can come before: the segment
   * at `time` (later segments come after it, or not much before: CLOCK_STEP_BACK_SECONDS), and
   * the last segment of each connection still in SYN_RCVD (it leaves at its last segment, if
   * nothing takes it out first).
   */
  private sweep(time: number): void {
    const watermark = this.inSynRcvd.earliestLastSegment(time - CLOCK_STEP_BACK_SECONDS);
    this.queue.sweepBefore(watermark);
    this.floods.sweepBefore(watermark);
    this.unswept = 0;
  }

  /** Every connection retired: the findings, in order of their first frame. */
  result(): CaptureFindings {
    const findings = [...this.floods.findings(), ...this.scans.findings(), ...this.keepalives].sort(
      (a, b) => a.firstFrame - b.firstFrame,
    );
    return { findings, halfOpenQueue: this.queue.queue() };
  }
}
