import { TcpFlag, type Segment } from "../decode/segment.js";
import { Connection } from "./connection.js";
import { Endpoint } from "./endpoint.js";
import { flowKey } from "./flow-key.js";
import { decideRoles } from "./roles.js";

export interface StreamLookup {
  connection: Connection;
  /** This segment opened the connection (its first segment). */
  isNew: boolean;
  /** Wireshark's tcp.analysis.reused_ports on this segment. */
  reusedPorts: boolean;
  /** The stream this segment's new one replaced on the same ports: no later segment can reach it. */
  replaced?: Connection;
}

/**
 * Wireshark's tcp.stream numbering (spec §1; packet-tcp.c dissect_tcp): streams are numbered
 * from 0 in order of first appearance of the address/port pair; a pure SYN whose ISN differs
 * from the base of its direction starts a new stream on the same pair (ports reused).
 */
export class StreamTable {
  private readonly byKey = new Map<string, Connection>();
  private streamCount = 0;

  lookup(segment: Segment): StreamLookup {
    const key = flowKey(segment);
    const current = this.byKey.get(key);
    if (current === undefined) return { connection: this.open(key, segment, false), isNew: true, reusedPorts: false };
    const sender = current.senderOf(segment.src, segment.srcPort);
    const synAck = segment.flags & (TcpFlag.SYN | TcpFlag.ACK);
    if (synAck === 0 || synAck === TcpFlag.ACK || !sender.baseSet || segment.seq === sender.baseSeq) {
      return { connection: current, isNew: false, reusedPorts: false };
    }
    if (synAck === TcpFlag.SYN) return { connection: this.open(key, segment, true), isNew: true, reusedPorts: true, replaced: current };
    // A SYN-ACK with a new ISN stays in the stream, which takes the new ISN as its base.
    sender.baseSeq = segment.seq;
    return { connection: current, isNew: false, reusedPorts: true };
  }

  get count(): number {
    return this.streamCount;
  }

  private open(key: string, first: Segment, reusedPorts: boolean): Connection {
    const roles = decideRoles(first);
    const source = new Endpoint(first.src, first.srcPort);
    const destination = new Endpoint(first.dst, first.dstPort);
    const [client, server] = roles.senderIsClient ? [source, destination] : [destination, source];
    const time = { seconds: first.seconds, nanos: first.nanos };
    const connection = new Connection(this.streamCount++, key, client, server, first.frame, time);
    connection.roleEvidence = roles.evidence;
    connection.reusedPorts = reusedPorts;
    setInitialStates(connection, first);
    this.byKey.set(key, connection);
    return connection;
  }
}

/**
 * Spec §6, Start: client CLOSED and server LISTEN when the handshake is seen; a stream first seen
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
