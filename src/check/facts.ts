import { TcpFlag } from "../decode/segment.js";
import { Explainer, hasPlainHeadline, plainHeadline } from "../explain/explainer.js";
import type { Message } from "../explain/message.js";
import type { Connection } from "../track/connection.js";
import { ConnectionSlot } from "../track/connection-slot.js";
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
 * Which facts the rules read (factsReadBy in evaluate.ts). Each costs work on every segment, and
 * a quoted headline that depends on the connection's progress is said when its segment settles:
 * the facts no rule reads are not gathered, and such headlines are said only for the segments
 * that may be quoted.
 */
export interface FactNeeds {
  /** The RSTs each side sent, and each side's first. */
  resets: boolean;
  first: boolean;
  last: boolean;
  /** Per endpoint, the last segment that changed its state. */
  lastChange: boolean;
  /** The Wireshark findings (tcp.analysis.* name without the prefix) whose frames are counted, or all of them. */
  findings: ReadonlySet<string> | "all";
}

/** The frames of RSTs a side never sent: shared, never written. */
const NO_FRAMES: readonly number[] = Object.freeze([]);

/** Every fact: for a reader that does not say which it reads. */
export const ALL_FACTS: FactNeeds = { resets: true, first: true, last: true, lastChange: true, findings: "all" };

/**
 * Whether a fact may quote a headline said from the connection's progress (a SYN's, a FIN's: the
 * step it takes), which each segment that is not plain moves on. An RST's headline is said from
 * the segment and its connection alone (resetHeadline in explain/explainer.ts), and so is the
 * first segment's, with no progress before it: facts of those alone follow no progress.
 */
function followsSteps(needs: FactNeeds): boolean {
  return needs.last || needs.lastChange || needs.findings === "all" || needs.findings.size > 0;
}

/**
 * Whether the facts read any segment: without, a check's rules read the connections' summaries
 * alone, and no segment need be handed to the facts as it settles.
 */
function readsSegments(needs: FactNeeds): boolean {
  return needs.resets || needs.first || followsSteps(needs);
}

/** Whether the frames of this Wireshark finding are counted. */
function counts(needs: FactNeeds, finding: string): boolean {
  const counted = needs.findings;
  return counted === "all" || counted.has(finding);
}

/**
 * What the rules need to know of one connection beyond its summary, gathered from its segments
 * as each settles: the RSTs each side sent and the analysis findings, by frame, and the segments
 * a verdict may quote (each side's first RST, each finding's first segment, the first, the last,
 * each endpoint's last change); only those the needs name, the others stay empty.
 */
export class ConnectionFacts {
  /** Frames of the RSTs each side sent, in order, and each side's first; made at the first RST (most connections have none). */
  private resets: Record<Role, number[]> | undefined;
  private firstResets: Record<Role, Evidence | undefined> | undefined;
  /** By Wireshark finding (tcp.analysis.* name without the prefix); made at the first one counted. */
  private findings: Map<string, FindingFrames> | undefined;
  /** The first segment seen: where a connection caught mid-way shows that its handshake is missing. */
  first: Evidence | undefined;
  /** The last segment seen, to explain how the connection was left. */
  last: Evidence | undefined;
  /** Per endpoint, the last segment that changed its state; made at the first change. */
  private lastChanges: Record<Role, Evidence | undefined> | undefined;
  /** The connection's progress is moved on by the segments whose headlines are not quoted (followsSteps). */
  private readonly followsSteps: boolean;

  constructor(
    readonly connection: Connection,
    private readonly explainer: Explainer,
    private readonly needs: FactNeeds = ALL_FACTS,
  ) {
    this.followsSteps = followsSteps(needs);
  }

  /**
   * The next segment of the connection, as it settles. Its headline is said now if a fact may
   * quote it and it is not plain; otherwise the connection's progress only moves on past it, when
   * a quoted headline may depend on that progress.
   */
  add(tracked: TrackedSegment): void {
    const plain = hasPlainHeadline(tracked);
    let said: Message | undefined;
    if (!plain) {
      if (this.mayQuote(tracked)) said = this.explainer.headline(tracked);
      else if (this.followsSteps) this.explainer.pass(tracked);
    }
    const needs = this.needs;
    if (needs.resets && tracked.segment.flags & TcpFlag.RST) {
      (this.resets ??= { client: [], server: [] })[tracked.from].push(tracked.segment.frame);
      const firstResets = (this.firstResets ??= { client: undefined, server: undefined });
      firstResets[tracked.from] ??= new Evidence().set(tracked, plain, said);
    }
    if (needs.lastChange) {
      const changes = tracked.changes;
      for (let i = 0; i < changes.length; i++) {
        const lastChanges = (this.lastChanges ??= { client: undefined, server: undefined });
        (lastChanges[changes[i]!.endpoint] ??= new Evidence()).set(tracked, plain, said);
      }
    }
    if (tracked.analysis.length > 0) this.addFindings(tracked, plain, said);
    if (needs.first) this.first ??= new Evidence().set(tracked, plain, said);
    if (needs.last) (this.last ??= new Evidence()).set(tracked, plain, said);
  }

  findingsNamed(name: string): FindingFrames | undefined {
    return this.findings?.get(name);
  }

  /** Frames of the RSTs the side sent, in order. */
  resetsFrom(role: Role): readonly number[] {
    return this.resets?.[role] ?? NO_FRAMES;
  }

  /** The first RST the side sent. */
  firstResetFrom(role: Role): Evidence | undefined {
    return this.firstResets?.[role];
  }

  /** The first RST either side sent. */
  get earliestReset(): Evidence | undefined {
    const client = this.firstResetFrom("client");
    const server = this.firstResetFrom("server");
    if (client === undefined || server === undefined) return client ?? server;
    return client.frame < server.frame ? client : server;
  }

  /** The last segment that changed the endpoint's state: what put it in its final state (none: it stayed as it began, at the first). */
  lastChangeOf(role: Role): Evidence | undefined {
    return this.lastChanges?.[role];
  }

  /** Would a fact the rules read keep this segment as evidence? */
  private mayQuote(tracked: TrackedSegment): boolean {
    const needs = this.needs;
    if (needs.last || (needs.first && this.first === undefined)) return true;
    if (needs.resets && tracked.segment.flags & TcpFlag.RST && this.firstResetFrom(tracked.from) === undefined)
      return true;
    if (needs.lastChange && tracked.changes.length > 0) return true;
    const analysis = tracked.analysis;
    for (let i = 0; i < analysis.length; i++) {
      const name = analysis[i]!;
      if (counts(this.needs, name) && this.findings?.has(name) !== true) return true;
    }
    return false;
  }

  private addFindings(tracked: TrackedSegment, plain: boolean, said: Message | undefined): void {
    const frame = tracked.segment.frame;
    for (const name of tracked.analysis) {
      if (!counts(this.needs, name)) continue;
      const findings = (this.findings ??= new Map());
      const found = findings.get(name);
      if (found === undefined) findings.set(name, { first: new Evidence().set(tracked, plain, said), frames: [frame] });
      else found.frames.push(frame);
    }
  }
}

/**
 * Collects the facts of each connection until it is retired and taken, from its segments as each
 * settles (Annotator explain "settled"), saying the headlines that are not plain as the timeline's
 * explanation would, with the connection's progress so far.
 */
export class FactsCollector {
  private readonly explainer: Explainer;
  /** Each open connection's facts, until taken. */
  private readonly facts = new ConnectionSlot<ConnectionFacts>();
  private readonly followsSteps: boolean;

  /**
   * @param mslSeconds TIME_WAIT lasts twice the maximum segment lifetime, in seconds, as the tracker was told.
   * @param needs the facts gathered (factsReadBy: those the rules read).
   */
  constructor(
    mslSeconds = DEFAULT_MSL_SECONDS,
    private readonly needs: FactNeeds = ALL_FACTS,
  ) {
    this.explainer = new Explainer({ timeWaitSeconds: 2 * mslSeconds });
    this.followsSteps = followsSteps(needs);
  }

  /** Whether the facts read any segment (readsSegments): without, none need be added. */
  get readsSegments(): boolean {
    return readsSegments(this.needs);
  }

  /** The next settled segment; its connection's facts are kept in the connection until taken. */
  add(tracked: TrackedSegment): void {
    if (!this.wants(tracked)) return;
    const connection = tracked.connection;
    let facts = this.facts.get(connection);
    if (facts === undefined)
      this.facts.set(connection, (facts = new ConnectionFacts(connection, this.explainer, this.needs)));
    facts.add(tracked);
  }

  /**
   * Whether ConnectionFacts.add does anything with the segment: with the facts of RSTs alone
   * (--forbid rst), most segments are passed over, and need not be handed out at all
   * (AnnotatorOptions.settledWanted). A plain segment changes no state and moves no progress
   * (hasPlainHeadline).
   */
  wants(tracked: TrackedSegment): boolean {
    const needs = this.needs;
    if (needs.last || (this.followsSteps && !hasPlainHeadline(tracked))) return true;
    if (needs.first && tracked.isFirst) return true;
    if (needs.resets && tracked.segment.flags & TcpFlag.RST) return true;
    if (needs.lastChange && tracked.changes.length > 0) return true;
    return tracked.analysis.length > 0 && this.countsAny(tracked.analysis);
  }

  private countsAny(findings: readonly string[]): boolean {
    for (let i = 0; i < findings.length; i++) if (counts(this.needs, findings[i]!)) return true;
    return false;
  }

  /** The connection's facts, complete once it is retired; forgotten here. */
  take(connection: Connection): ConnectionFacts {
    const facts = this.facts.take(connection) ?? new ConnectionFacts(connection, this.explainer, this.needs);
    this.explainer.forget(connection);
    return facts;
  }
}
