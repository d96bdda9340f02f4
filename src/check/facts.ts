import type { AnnotatedSegment } from "../annotate/events.js";
import { TcpFlag } from "../decode/segment.js";
import type { Explanation } from "../explain/explainer.js";
import type { Message } from "../explain/message.js";
import type { Connection } from "../track/connection.js";
import type { Role } from "../track/states.js";

/**
 * A segment a verdict can point at: its frame, and the one message a verdict quotes, the
 * explanation's headline. Only that is kept, not the whole explanation: facts last as long as
 * the run, for every connection.
 */
export interface Evidence {
  frame: number;
  /** Undefined when the explanation says nothing. */
  headline: Message | undefined;
}

/** What the explanation says the segment did: its headline, not the remarks before it. */
export function headlineOf(explanation: Explanation): Message | undefined {
  const messages = explanation.messages;
  return messages.find((m) => m.key.startsWith("step.") || m.key.startsWith("segment.")) ?? messages[0];
}

/**
 * What the rules need to know of one connection beyond its summary, gathered from its
 * annotated segments as they stream by: the RSTs each side sent and the analysis findings.
 */
export class ConnectionFacts {
  readonly resets: Record<Role, Evidence[]> = { client: [], server: [] };
  /** Frames carrying each Wireshark finding (tcp.analysis.* name without the prefix). */
  readonly findings = new Map<string, Evidence[]>();
  /** The first segment seen: where a connection caught mid-way shows that its handshake is missing. */
  first: Evidence | undefined;
  /** The last segment seen, to explain how the connection was left. */
  last: Evidence | undefined;
  /** Per endpoint, the last segment that changed its state: what put it in its final state (none: it stayed as it began, at the first). */
  readonly lastChange: Record<Role, Evidence | undefined> = { client: undefined, server: undefined };

  constructor(readonly connection: Connection) {}

  add(segment: AnnotatedSegment): void {
    const { tracked, explanation } = segment;
    const evidence = { frame: tracked.segment.frame, headline: headlineOf(explanation) };
    if (tracked.segment.flags & TcpFlag.RST) this.resets[tracked.from].push(evidence);
    for (const change of tracked.changes) this.lastChange[change.endpoint] = evidence;
    for (const name of tracked.analysis) {
      const list = this.findings.get(name) ?? [];
      list.push(evidence);
      this.findings.set(name, list);
    }
    this.first ??= evidence;
    this.last = evidence;
  }

  findingsNamed(name: string): Evidence[] {
    return this.findings.get(name) ?? [];
  }
}

/** Collects the facts of each connection until it is retired and taken. */
export class FactsCollector {
  private readonly byConnection = new Map<Connection, ConnectionFacts>();

  add(segment: AnnotatedSegment): void {
    const connection = segment.tracked.connection;
    let facts = this.byConnection.get(connection);
    if (facts === undefined) {
      facts = new ConnectionFacts(connection);
      this.byConnection.set(connection, facts);
    }
    facts.add(segment);
  }

  /** The connection's facts, complete once it is retired; forgotten here. */
  take(connection: Connection): ConnectionFacts {
    const facts = this.byConnection.get(connection) ?? new ConnectionFacts(connection);
    this.byConnection.delete(connection);
    return facts;
  }
}
