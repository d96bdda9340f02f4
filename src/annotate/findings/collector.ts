import { TcpFlag } from "../../decode/segment.js";
import type { Connection } from "../../track/connection.js";
import { connectionVerdict } from "../../track/summary.js";
import type { TrackedSegment } from "../../track/tracked-segment.js";
import type { CaptureFindings, KeepaliveTimeout } from "./finding.js";
import { HalfOpenIntervals } from "./half-open-queue.js";
import { followKeepalive, type Probing } from "./keepalive.js";
import { PortScanDetector } from "./port-scan.js";
import { SynFloodDetector } from "./syn-flood.js";
import { DEFAULT_THRESHOLDS, type FindingThresholds } from "./thresholds.js";
import { secondsOf } from "../../capture/timestamp.js";

/** What is followed of a connection while it is open: a few numbers, dropped when it retires. */
interface Facts {
  previousTime: number;
  /** When the server's first SYN+ACK put it in SYN_RCVD, and when the client's ACK or a RST took it out. */
  synAck?: number;
  leftSynRcvd?: number;
  probing?: Probing | undefined;
}

/**
 * Reads the segments in capture order and the connections as they retire, and finds what they
 * say together (docs/findings.md). Memory: a few numbers per open connection, 16 bytes per
 * handshake for the half-open queue, and the detectors' bounded maps.
 */
export class FindingsCollector {
  private readonly thresholds: FindingThresholds;
  private readonly open = new Map<Connection, Facts>();
  private readonly queue = new HalfOpenIntervals();
  private readonly floods: SynFloodDetector;
  private readonly scans: PortScanDetector;
  private readonly keepalives: KeepaliveTimeout[] = [];

  constructor(thresholds: Partial<FindingThresholds> = {}) {
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
    this.floods = new SynFloodDetector(this.thresholds);
    this.scans = new PortScanDetector(this.thresholds);
  }

  segment(tracked: TrackedSegment): void {
    const { segment, connection, from } = tracked;
    const time = secondsOf(segment);
    let facts = this.open.get(connection);
    if (facts === undefined) this.open.set(connection, (facts = { previousTime: time }));
    const flags = segment.flags;
    if (from === "server" && (flags & TcpFlag.SYN) !== 0 && (flags & TcpFlag.ACK) !== 0) facts.synAck ??= time;
    else if (facts.synAck !== undefined && facts.leftSynRcvd === undefined && leavesSynRcvd(from, flags))
      facts.leftSynRcvd = time;
    const followed = followKeepalive(tracked, facts.probing, facts.previousTime, time, this.thresholds.keepaliveProbes);
    facts.probing = followed.probing;
    if (followed.finding !== undefined) this.keepalives.push(followed.finding);
    facts.previousTime = time;
  }

  /** A connection is done: what it says is added to the findings. */
  retired(connection: Connection): void {
    const facts = this.open.get(connection);
    this.open.delete(connection);
    const server = connection.server.label;
    const end = secondsOf(connection.lastTime);
    if (facts?.synAck !== undefined) {
      // Never acknowledged nor reset: it is counted in the queue until the server's last word on it.
      const left = facts.leftSynRcvd ?? end;
      this.queue.add(facts.synAck, left);
      this.floods.synRcvd(server, facts.synAck, left);
    }
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
      this.floods.attempt({ server, source: connection.client.address, time, end, answered, ...frames });
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

  /** Every connection retired: the findings, in order of their first frame. */
  result(): CaptureFindings {
    const findings = [...this.floods.findings(), ...this.scans.findings(), ...this.keepalives].sort(
      (a, b) => a.firstFrame - b.firstFrame,
    );
    return { findings, halfOpenQueue: this.queue.queue() };
  }
}

/** The client's ACK completes the handshake; a RST from either side ends it (RFC 9293 §3.10.7.4). */
function leavesSynRcvd(from: TrackedSegment["from"], flags: number): boolean {
  if ((flags & TcpFlag.RST) !== 0) return true;
  return from === "client" && (flags & TcpFlag.ACK) !== 0 && (flags & TcpFlag.SYN) === 0;
}
