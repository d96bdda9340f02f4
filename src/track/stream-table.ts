import { TcpFlag, type Segment } from "../decode/segment.js";
import { Connection } from "./connection.js";
import { Endpoint } from "./endpoint.js";
import { Fifo } from "./fifo.js";
import { FlowMap } from "./flow-map.js";
import { RetiredStream } from "./retired-stream.js";
import { decideRoles } from "./roles.js";

export interface StreamLookup {
  connection: Connection;
  /** The endpoint that sent the segment: found here once, for the tracker too. */
  sender: Endpoint;
  /** This segment opened the connection (its first segment). */
  isNew: boolean;
  /** Wireshark's tcp.analysis.reused_ports on this segment. */
  reusedPorts: boolean;
  /** The stream this segment's new one replaced on the same ports: no later segment can reach it. */
  replaced: Connection | undefined;
}

/**
 * Wireshark's tcp.stream numbering (packet-tcp.c dissect_tcp; docs/tracking.md): streams are numbered
 * from 0 in order of first appearance of the address/port pair; a pure SYN whose ISN differs
 * from the base of its direction starts a new stream on the same pair (ports reused).
 * A connection let go of (`retire`) is remembered as a RetiredStream until its time runs out.
 */
export class StreamTable {
  private readonly byEnds = new FlowMap<Connection | RetiredStream>();
  /** Retired streams in the order they were retired, which is the order they run out. */
  private readonly remembered = new Fifo<RetiredStream>();
  private streamCount = 0;
  /** The lookup handed back: one object, refilled for every segment (the tracker reads it at once). */
  private readonly lookedUp: StreamLookup = {
    connection: undefined!,
    sender: undefined!,
    isNew: false,
    reusedPorts: false,
    replaced: undefined,
  };

  /**
   * @param maxRetired how many retired streams are remembered at once; past it the oldest is
   *   forgotten before its 2*MSL ran out, as Linux destroys a TIME-WAIT socket at once when
   *   tcp_max_tw_buckets are in use, so that memory stays bounded however busy the capture.
   */
  constructor(private readonly maxRetired = Number.POSITIVE_INFINITY) {}

  /** The segment's stream, or the retired stream it came late for. */
  lookup(segment: Segment): StreamLookup | RetiredStream {
    const current = this.byEnds.get(segment);
    if (current === undefined) return this.opened(segment, false);
    if (current instanceof RetiredStream) return this.lookupRetired(segment, current);
    const sender = current.senderOf(segment.src, segment.srcPort);
    const synAck = segment.flags & (TcpFlag.SYN | TcpFlag.ACK);
    if (synAck === 0 || synAck === TcpFlag.ACK || !sender.baseSet || segment.seq === sender.baseSeq) {
      return this.found(current, sender, false, false);
    }
    if (synAck === TcpFlag.SYN) return this.opened(segment, true, current);
    // A SYN-ACK with a new ISN stays in the stream, which takes the new ISN as its base.
    sender.baseSeq = segment.seq;
    return this.found(current, sender, false, true);
  }

  /** A new stream, opened by its first segment. */
  private opened(first: Segment, reusedPorts: boolean, replaced?: Connection): StreamLookup {
    const connection = this.open(first, reusedPorts);
    return this.found(connection, connection.senderOf(first.src, first.srcPort), true, reusedPorts, replaced);
  }

  private found(
    connection: Connection,
    sender: Endpoint,
    isNew: boolean,
    reusedPorts: boolean,
    replaced?: Connection,
  ): StreamLookup {
    const lookedUp = this.lookedUp;
    lookedUp.connection = connection;
    lookedUp.sender = sender;
    lookedUp.isNew = isNew;
    lookedUp.reusedPorts = reusedPorts;
    lookedUp.replaced = replaced;
    return lookedUp;
  }

  get count(): number {
    return this.streamCount;
  }

  /** The connections not let go of (nor replaced by a new stream on their ports), in stream order. */
  current(): Connection[] {
    const current: Connection[] = [];
    for (const value of this.byEnds.allValues()) if (value instanceof Connection) current.push(value);
    return current.sort((a, b) => a.stream - b.stream);
  }

  /** Let go of a connection; its ends are remembered for 2*MSL after its last segment. */
  retire(connection: Connection): void {
    // Found by the connection itself along its ends' hash, and the retired stream put in its place.
    const retired = new RetiredStream(connection);
    if (!this.byEnds.replaceValue(connection.flowHash, connection, retired)) return;
    this.remembered.push(retired);
    if (this.remembered.size > this.maxRetired) this.forget(this.remembered.shift()!);
  }

  /** Forget the retired streams whose last segment is 2*MSL old by `now`. */
  expire(now: number, twoMslSeconds: number): void {
    for (
      let retired = this.remembered.peek();
      retired !== undefined && retired.lastSeen + twoMslSeconds <= now;
      retired = this.remembered.peek()
    ) {
      this.forget(this.remembered.shift()!);
    }
  }

  private forget(retired: RetiredStream): void {
    this.byEnds.deleteValue(retired.flowHash, retired);
  }

  /** As for a live stream: only a pure SYN with a new ISN starts a new stream (ports reused). */
  private lookupRetired(segment: Segment, retired: RetiredStream): StreamLookup | RetiredStream {
    const base = retired.baseOf(segment.src, segment.srcPort);
    const pureSyn = (segment.flags & (TcpFlag.SYN | TcpFlag.ACK)) === TcpFlag.SYN;
    if (pureSyn && base !== undefined && segment.seq !== base) return this.opened(segment, true);
    return retired;
  }

  private open(first: Segment, reusedPorts: boolean): Connection {
    const roles = decideRoles(first);
    const source = new Endpoint(first.src, first.srcPort);
    const destination = new Endpoint(first.dst, first.dstPort);
    // Not destructured from a pair: that made an array for every connection.
    const client = roles.senderIsClient ? source : destination;
    const server = roles.senderIsClient ? destination : source;
    const connection = new Connection(this.streamCount++, client, server, first.frame, first);
    connection.roleEvidence = roles.evidence;
    connection.reusedPorts = reusedPorts;
    setInitialStates(connection, first);
    connection.flowHash = this.byEnds.set(first, connection);
    return connection;
  }
}

/**
 * docs/tracking-model.md, States and roles: client CLOSED and server LISTEN when the handshake is seen; a stream first seen
 * at its SYN-ACK has a client that must have sent its SYN; one first seen midstream starts with
 * both ESTABLISHED, marked as assumed.
 */
function setInitialStates(connection: Connection, first: Segment): void {
  const { client, server } = connection;
  const synAck = first.flags & (TcpFlag.SYN | TcpFlag.ACK);
  if (synAck === TcpFlag.SYN) {
    client.state = "CLOSED";
    server.state = "LISTEN";
  } else if (synAck === (TcpFlag.SYN | TcpFlag.ACK)) {
    client.state = "SYN_SENT";
    client.sentSyn = true;
    client.isn = (first.ack - 1) >>> 0;
    server.state = "LISTEN";
  } else {
    client.state = "ESTABLISHED";
    server.state = "ESTABLISHED";
    connection.assumedEstablished = true;
  }
}
