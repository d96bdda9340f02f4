import type { Timestamp } from "../capture/timestamp.js";
import { ConnectionAnalysis } from "./analysis/connection-analysis.js";
import type { Endpoint } from "./endpoint.js";
import { Hindsight } from "./observer/hindsight.js";
import type { BothStates } from "./observer/row.js";
import type { Role, TcpState } from "./states.js";
import type { StateChange } from "./transition.js";
import type { ZeekSession } from "./zeek/session.js";

/** How the client and server roles were decided (docs/tracking-model.md, Roles). */
export type RoleEvidence = "syn" | "syn-ack" | "port";

/**
 * One TCP connection as Wireshark numbers it (a tcp.stream): both endpoints and what the
 * observer has learned. Its endpoints' states are read with hindsight (observer/hindsight.ts).
 */
export class Connection {
  readonly client: Endpoint;
  readonly server: Endpoint;
  roleEvidence: RoleEvidence = "port";
  /** First seen midstream: both endpoints were assumed ESTABLISHED (docs/tracking-model.md). */
  assumedEstablished = false;
  /** Started by a SYN on an address/port pair an earlier stream used (Wireshark's reused_ports). */
  reusedPorts = false;
  readonly firstTime: Timestamp;
  lastTime: Timestamp;
  firstFrame: number;
  lastFrame: number;
  /** Wireshark's tcp.completeness bits (completeness.ts), over the whole stream. */
  completeness = 0;
  /** Wireshark's sequence analysis (tcp.analysis.*), kept apart from the observer's endpoints. */
  readonly analysis = new ConnectionAnalysis();
  /** How many segments carried each Wireshark finding (tcp.analysis.* name), for the summaries; made at the first. */
  findingCounts: Map<string, number> | undefined;
  /** Zeek's view of the connection (conn_state, history), once it saw a segment. */
  zeek: ZeekSession | undefined;
  /**
   * What two readers above the tracker keep of the connection while it is open, each in its own
   * slot: the annotator's findings collector (annotate/findings) and check's facts (check/facts).
   * Kept here rather than in a map from connection: a map lookup for every segment was more than
   * a third of the collector's work. The tracker never reads them; each reader clears its slot
   * when the connection retires.
   */
  findingsSlot: unknown = undefined;
  factsSlot: unknown = undefined;
  /** Finished with and forgotten by the stream table: no segment or timer changes it any more. */
  retired = false;
  /** Made at the first segment, once the stream table has set the endpoints' starting states. */
  private observer: Hindsight | undefined;

  constructor(
    readonly stream: number,
    client: Endpoint,
    server: Endpoint,
    frame: number,
    time: Timestamp,
  ) {
    this.client = client;
    this.server = server;
    client.role = "client";
    server.role = "server";
    this.firstFrame = frame;
    this.lastFrame = frame;
    this.firstTime = time;
    this.lastTime = time;
  }

  /** Wireshark's iRTT: from the most recent pure SYN to the first ACK without SYN (seconds). */
  get initialRtt(): number | undefined {
    return this.analysis.initialRtt;
  }

  endpoint(role: Role): Endpoint {
    return role === "client" ? this.client : this.server;
  }

  /** The endpoint that sent a segment from address:port. */
  senderOf(address: string, port: number): Endpoint {
    return this.client.port === port && this.client.address === address ? this.client : this.server;
  }

  peer(endpoint: Endpoint): Endpoint {
    return endpoint === this.client ? this.server : this.client;
  }

  countFindings(names: readonly string[]): void {
    if (names.length === 0) return;
    const counts = (this.findingCounts ??= new Map());
    for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  }

  /** The observer model with hindsight: the endpoints' states as the evidence so far reads them. */
  get hindsight(): Hindsight {
    this.observer ??= new Hindsight(this.client, this.server);
    return this.observer;
  }

  /** Both endpoints' states after the last segment; the object is never changed afterwards, so it can be kept. */
  get states(): BothStates {
    return this.hindsight.states;
  }

  /** Every state change so far, in order (objects made at each call; the summaries read them through hindsight.eachChange). */
  get stateChanges(): readonly StateChange[] {
    return this.hindsight.changes;
  }

  /**
   * Neither endpoint holds the connection open any more (RFC 9293 §3.3.2): each is CLOSED, a
   * LISTEN that never synchronized, or in TIME_WAIT, where only a retransmitted FIN can still come.
   */
  get finished(): boolean {
    return isDone(this.client.state) && isDone(this.server.state);
  }
}

function isDone(state: TcpState): boolean {
  return state === "CLOSED" || state === "LISTEN" || state === "TIME_WAIT";
}
