import { CaptureTime, secondsSince, type Timestamp } from "../capture/timestamp.js";
import type { ConnectionAnalysis } from "./analysis/connection-analysis.js";
import type { HoldsReaderStates } from "./connection-slot.js";
import type { Endpoint } from "./endpoint.js";
import type { Hindsight } from "./observer/hindsight.js";
import type { BothStates } from "./observer/row.js";
import type { Role, TcpState } from "./states.js";
import type { PlacedSegment } from "./tracked-segment.js";
import type { StateChange } from "./transition.js";
import type { ZeekSession } from "./zeek/session.js";

/** How the client and server roles were decided (docs/tracking-model.md, Roles). */
export type RoleEvidence = "syn" | "syn-ack" | "port";

/** Connection's yes-or-no facts, one bit each (Awaiting's too). */
const Mark = { ASSUMED_ESTABLISHED: 1, REUSED_PORTS: 2, RETIRED: 4 } as const;

/**
 * What a connection may be held waiting for (waiting-connections.ts), each a Mark bit of its own:
 * the server's answer to the SYN, the client's ACK of the SYN+ACK, or, for a connection picked up
 * midstream, any word from the end that has not spoken.
 */
export const Awaiting = { SYN_ANSWER: 8, HANDSHAKE_ACK: 16, PEER_WORD: 32 } as const;
export type Awaiting = (typeof Awaiting)[keyof typeof Awaiting];
const AWAITING_ANY = Awaiting.SYN_ANSWER | Awaiting.HANDSHAKE_ACK | Awaiting.PEER_WORD;

/**
 * One TCP connection as Wireshark numbers it (a tcp.stream): both endpoints, and the state each
 * model it carries keeps of it (connection-model.ts), made and filled by that model: the
 * observer's hindsight, Wireshark's analysis, Zeek's session. Its endpoints' states are read with
 * hindsight (observer/hindsight.ts).
 */
export class Connection implements HoldsReaderStates {
  readonly client: Endpoint;
  readonly server: Endpoint;
  roleEvidence: RoleEvidence = "port";
  /**
   * The yes-or-no facts below (Mark bits), in one small integer: a field each took 16 bytes more
   * of every connection, which lives long enough to be copied by the young generation's collections.
   */
  private marks = 0;
  firstFrame: number;
  lastFrame: number;
  /** The first segment's time as its two numbers (firstTime), not an object of its own. */
  private readonly firstSeconds: number;
  private readonly firstNanos: number;
  /** The last segment's time as its two numbers, set in place for every segment rather than kept as an object (lastTime). */
  private lastSeconds: number;
  private lastNanos: number;
  /** The stream table's hash of its ends (FlowMap.set): its entry is found by it when it is let go of, with no address looked up. */
  flowHash = 0;
  /** Wireshark's tcp.completeness bits (completeness.ts), over the whole stream. */
  completeness = 0;
  /** Wireshark's sequence analysis (tcp.analysis.*), kept apart from the observer's endpoints; undefined when it is not run. */
  analysis: ConnectionAnalysis | undefined = undefined;
  /**
   * Each Wireshark finding's name (tcp.analysis.*) and how many segments carried it, in turn, in
   * the order first seen; made at the second count, to its size. A Map each took a few hundred
   * bytes of most connections of a busy capture, where every reused port is counted. Until then
   * a finding counted once is its name alone: most connections count one finding once (their
   * reused ports), and an array for it was 64 bytes of each.
   */
  private findingTally: (string | number)[] | string | undefined = undefined;
  /** Zeek's view of the connection (conn_state, history), once it saw a segment. */
  zeek: ZeekSession | undefined;
  /** What readers above the tracker keep of the connection while it is open, each by its own slot (connection-slot.ts). */
  readerStates: unknown[] | undefined = undefined;
  /**
   * The observer model with hindsight: the endpoints' states as the evidence so far reads them.
   * Made by the observer (observer/observer-model.ts) as the stream opens, once the stream table
   * has set the endpoints' starting states.
   */
  hindsight: Hindsight<PlacedSegment> = undefined!;

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
    this.firstSeconds = time.seconds;
    this.firstNanos = time.nanos;
    this.lastSeconds = time.seconds;
    this.lastNanos = time.nanos;
  }

  /** First seen midstream: both endpoints were assumed ESTABLISHED (docs/tracking-model.md). */
  get assumedEstablished(): boolean {
    return (this.marks & Mark.ASSUMED_ESTABLISHED) !== 0;
  }

  set assumedEstablished(value: boolean) {
    this.mark(Mark.ASSUMED_ESTABLISHED, value);
  }

  /** Started by a SYN on an address/port pair an earlier stream used (Wireshark's reused_ports). */
  get reusedPorts(): boolean {
    return (this.marks & Mark.REUSED_PORTS) !== 0;
  }

  set reusedPorts(value: boolean) {
    this.mark(Mark.REUSED_PORTS, value);
  }

  /** Finished with and forgotten by the stream table: no segment or timer changes it any more. */
  get retired(): boolean {
    return (this.marks & Mark.RETIRED) !== 0;
  }

  set retired(value: boolean) {
    this.mark(Mark.RETIRED, value);
  }

  /** Held until this comes (waiting-connections.ts): it counts toward those held for it. */
  awaits(what: Awaiting): boolean {
    return (this.marks & what) !== 0;
  }

  /** Held waiting for anything (Awaiting): most connections' segments, once answered, are not. */
  get awaitsAny(): boolean {
    return (this.marks & AWAITING_ANY) !== 0;
  }

  setAwaits(what: Awaiting, value: boolean): void {
    this.mark(what, value);
  }

  private mark(bit: number, value: boolean): void {
    this.marks = value ? this.marks | bit : this.marks & ~bit;
  }

  /** The time of the first segment (a new object at each call, as lastTime). */
  get firstTime(): Timestamp {
    return new CaptureTime(this.firstSeconds, this.firstNanos);
  }

  /** Seconds from the first segment to `time` (secondsBetween from firstTime, without making it). */
  secondsSinceFirst(time: Timestamp): number {
    return secondsSince(this.firstSeconds, this.firstNanos, time);
  }

  /** The time of the last segment (a new object at each call: read it once a connection is retired, not per segment). */
  get lastTime(): Timestamp {
    return new CaptureTime(this.lastSeconds, this.lastNanos);
  }

  /** A segment reached the connection: it is now its last one. */
  reached(frame: number, time: Timestamp): void {
    this.lastFrame = frame;
    this.lastSeconds = time.seconds;
    this.lastNanos = time.nanos;
  }

  /** Wireshark's iRTT: from the most recent pure SYN to the first ACK without SYN (seconds). */
  get initialRtt(): number | undefined {
    return this.analysis?.initialRtt;
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
    for (let i = 0; i < names.length; i++) this.countFinding(names[i]!);
  }

  /** How many segments carried each Wireshark finding (tcp.analysis.* name), in the order first seen; undefined before the first (a Map made at each call). */
  get findingCounts(): Map<string, number> | undefined {
    const tally = this.findingPairs;
    if (tally === undefined) return undefined;
    const counts = new Map<string, number>();
    for (let i = 0; i < tally.length; i += 2) counts.set(tally[i] as string, tally[i + 1] as number);
    return counts;
  }

  /** findingCounts as a record of its own, keys in the order first seen; undefined before the first finding. */
  findingRecord(): Record<string, number> | undefined {
    const tally = this.findingPairs;
    if (tally === undefined) return undefined;
    const record: Record<string, number> = {};
    for (let i = 0; i < tally.length; i += 2) record[tally[i] as string] = tally[i + 1] as number;
    return record;
  }

  /** The tally as names and counts in turn (a finding counted once is made a pair of when read). */
  private get findingPairs(): readonly (string | number)[] | undefined {
    const tally = this.findingTally;
    return typeof tally === "string" ? [tally, 1] : tally;
  }

  private countFinding(name: string): void {
    const tally = this.findingTally;
    if (tally === undefined) {
      this.findingTally = name;
      return;
    }
    if (typeof tally === "string") {
      this.findingTally = tally === name ? [name, 2] : [tally, 1, name, 1];
      return;
    }
    for (let i = 0; i < tally.length; i += 2) {
      if (tally[i] !== name) continue;
      tally[i + 1] = (tally[i + 1] as number) + 1;
      return;
    }
    tally.push(name, 1);
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
