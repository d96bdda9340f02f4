import { TcpFlag } from "../decode/segment.js";
import { Explainer, hasPlainHeadline, plainHeadline } from "../explain/explainer.js";
import type { Message } from "../explain/message.js";
import type { Connection } from "../track/connection.js";
import type { Role } from "../track/states.js";
import { DEFAULT_MSL_SECONDS } from "../track/tracker.js";
import type { TrackedSegment } from "../track/tracked-segment.js";

/**
 * A segment a verdict can point at: its frame, and what its headline (the one line a verdict
 * quotes) is said from. Most headlines are plain (data, an ACK): their fields are kept and the
 * words made only if a verdict quotes them; the others depend on the connection's progress and
 * hindsight when the segment settled, and are said then. Facts last as long as their connection,
 * so nothing of the segment itself (its bytes) is kept.
 */
export class Evidence {
  frame = 0;
  /** The headline said when the segment settled; undefined for a plain one, or when its explanation says nothing. */
  private said: Message | undefined;
  private plain = false;
  private from: Role = "client";
  private flags = 0;
  private length = 0;
  private seq = 0;
  private ack: number | null = null;

  /** Now about this segment (the facts reuse one Evidence for the last segment rather than make one per segment). */
  set(tracked: TrackedSegment, plain: boolean, said: Message | undefined): this {
    this.frame = tracked.segment.frame;
    this.said = said;
    this.plain = plain;
    if (plain) {
      this.from = tracked.from;
      this.flags = tracked.segment.flags;
      this.length = tracked.segment.payloadLength;
      this.seq = tracked.seq;
      this.ack = tracked.ack;
    }
    return this;
  }

  /** What the segment's explanation starts with (undefined when it says nothing). */
  headline(): Message | undefined {
    return this.plain ? plainHeadline(this.from, this.flags, this.length, this.seq, this.ack) : this.said;
  }
}

/** A Wireshark finding on a connection's segments: the frames, and the first one to quote. */
export interface FindingFrames {
  first: Evidence;
  frames: number[];
}

/**
 * What the rules need to know of one connection beyond its summary, gathered from its segments
 * as each settles: the RSTs each side sent and the analysis findings, by frame, and the segments
 * a verdict may quote (each side's first RST, each finding's first segment, the first, the last,
 * each endpoint's last change).
 */
export class ConnectionFacts {
  /** Frames of the RSTs each side sent, in order. */
  readonly resets: Record<Role, number[]> = { client: [], server: [] };
  readonly firstReset: Record<Role, Evidence | undefined> = { client: undefined, server: undefined };
  /** By Wireshark finding (tcp.analysis.* name without the prefix). */
  private readonly findings = new Map<string, FindingFrames>();
  /** The first segment seen: where a connection caught mid-way shows that its handshake is missing. */
  first: Evidence | undefined;
  /** The last segment seen, to explain how the connection was left. */
  last: Evidence | undefined;
  /** Per endpoint, the last segment that changed its state: what put it in its final state (none: it stayed as it began, at the first). */
  readonly lastChange: Record<Role, Evidence | undefined> = { client: undefined, server: undefined };

  constructor(
    readonly connection: Connection,
    private readonly explainer: Explainer,
  ) {}

  /** The next segment of the connection, as it settles: its headline is said now unless it is plain. */
  add(tracked: TrackedSegment): void {
    const plain = hasPlainHeadline(tracked);
    const said = plain ? undefined : this.explainer.headline(tracked);
    const frame = tracked.segment.frame;
    if (tracked.segment.flags & TcpFlag.RST) {
      this.resets[tracked.from].push(frame);
      this.firstReset[tracked.from] ??= new Evidence().set(tracked, plain, said);
    }
    const changes = tracked.changes;
    for (let i = 0; i < changes.length; i++) {
      const endpoint = changes[i]!.endpoint;
      (this.lastChange[endpoint] ??= new Evidence()).set(tracked, plain, said);
    }
    for (const name of tracked.analysis) {
      const found = this.findings.get(name);
      if (found === undefined)
        this.findings.set(name, { first: new Evidence().set(tracked, plain, said), frames: [frame] });
      else found.frames.push(frame);
    }
    this.first ??= new Evidence().set(tracked, plain, said);
    (this.last ??= new Evidence()).set(tracked, plain, said);
  }

  findingsNamed(name: string): FindingFrames | undefined {
    return this.findings.get(name);
  }

  /** The first RST either side sent. */
  get earliestReset(): Evidence | undefined {
    const { client, server } = this.firstReset;
    if (client === undefined || server === undefined) return client ?? server;
    return client.frame < server.frame ? client : server;
  }
}

/**
 * Collects the facts of each connection until it is retired and taken, from its segments as each
 * settles (Annotator explain "settled"), saying the headlines that are not plain as the timeline's
 * explanation would, with the connection's progress so far.
 */
export class FactsCollector {
  private readonly byConnection = new Map<Connection, ConnectionFacts>();
  private readonly explainer: Explainer;

  /** TIME_WAIT lasts twice the maximum segment lifetime, in seconds, as the tracker was told. */
  constructor(mslSeconds = DEFAULT_MSL_SECONDS) {
    this.explainer = new Explainer({ timeWaitSeconds: 2 * mslSeconds });
  }

  add(tracked: TrackedSegment): void {
    const connection = tracked.connection;
    let facts = this.byConnection.get(connection);
    if (facts === undefined) {
      facts = new ConnectionFacts(connection, this.explainer);
      this.byConnection.set(connection, facts);
    }
    facts.add(tracked);
  }

  /** The connection's facts, complete once it is retired; forgotten here. */
  take(connection: Connection): ConnectionFacts {
    const facts = this.byConnection.get(connection) ?? new ConnectionFacts(connection, this.explainer);
    this.byConnection.delete(connection);
    this.explainer.forget(connection);
    return facts;
  }
}
