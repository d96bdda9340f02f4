import { ConnectionAnalysis } from "./analysis/connection-analysis.js";
import { Endpoint } from "./endpoint.js";
import type { Role, TcpState } from "./states.js";
import type { StateChange, TransitionCause } from "./transition.js";
import type { ZeekSession } from "./zeek/session.js";

/** How the client and server roles were decided (spec §6, Roles). */
export type RoleEvidence = "syn" | "syn-ack" | "port";

/** Seconds since the epoch as a float, good to the microsecond for display and differences. */
export interface Timestamp {
  seconds: number;
  nanos: number;
}

/**
 * One TCP connection as Wireshark numbers it (a tcp.stream): both endpoints and what the
 * observer has learned. State changes go through setState() only, so every change is recorded.
 */
export class Connection {
  readonly client: Endpoint;
  readonly server: Endpoint;
  roleEvidence: RoleEvidence = "port";
  /** First seen midstream: both endpoints were assumed ESTABLISHED (spec §6). */
  assumedEstablished = false;
  /** Started by a SYN on an address/port pair an earlier stream used (Wireshark's reused_ports). */
  reusedPorts = false;
  readonly firstTime: Timestamp;
  lastTime: Timestamp;
  firstFrame: number;
  lastFrame: number;
  /** Wireshark's tcp.completeness bits (spec §4), over the whole stream. */
  completeness = 0;
  /** Wireshark's sequence analysis (tcp.analysis.*), kept apart from the observer's endpoints. */
  readonly analysis = new ConnectionAnalysis();
  /** How many segments carried each Wireshark finding (tcp.analysis.* name), for the summaries; made at the first. */
  findingCounts: Map<string, number> | undefined;
  /** Zeek's view of the connection (conn_state, history), once it saw a segment. */
  zeek: ZeekSession | undefined;
  /** Every state change so far, in order (the history the explanations and checks read). */
  readonly stateChanges: StateChange[] = [];
  /** Finished with and forgotten by the stream table: no segment or timer changes it any more. */
  retired = false;
  private pendingChanges: StateChange[] = NO_CHANGES;
  /** Both states as last handed out: a new object only when a state changes, as every segment carries one. */
  private statesNow: { client: TcpState; server: TcpState } | undefined;

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

  /** The single place an endpoint's state changes (smoltcp's set_state habit). */
  setState(endpoint: Endpoint, to: TcpState, cause: TransitionCause, frame: number): void {
    if (endpoint.state === to) return;
    const change: StateChange = { frame, endpoint: endpoint.role, from: endpoint.state, to, cause };
    endpoint.state = to;
    this.statesNow = undefined;
    this.stateChanges.push(change);
    if (this.pendingChanges === NO_CHANGES) this.pendingChanges = [change];
    else this.pendingChanges.push(change);
  }

  /** The changes recorded since the last call (those caused by the segment being processed). */
  takeChanges(): readonly StateChange[] {
    const changes = this.pendingChanges;
    this.pendingChanges = NO_CHANGES;
    return changes;
  }

  /** Both endpoints' states; the object is never changed afterwards, so it can be kept. */
  get states(): { readonly client: TcpState; readonly server: TcpState } {
    this.statesNow ??= { client: this.client.state, server: this.server.state };
    return this.statesNow;
  }

  /**
   * Neither endpoint holds the connection open any more (RFC 9293 §3.3.2): each is CLOSED, a
   * LISTEN that never synchronized, or in TIME_WAIT, where only a retransmitted FIN can still come.
   */
  get finished(): boolean {
    return isDone(this.client.state) && isDone(this.server.state);
  }
}

/** What most segments change: nothing. Shared and frozen, so that no segment allocates a list for it. */
const NO_CHANGES: StateChange[] = [];
Object.freeze(NO_CHANGES);

function isDone(state: TcpState): boolean {
  return state === "CLOSED" || state === "LISTEN" || state === "TIME_WAIT";
}
