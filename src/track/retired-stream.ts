import type { Connection } from "./connection.js";
import type { FlowEnds } from "./flow-map.js";
import { secondsOfParts } from "../capture/timestamp.js";

/**
 * What the stream table keeps of a connection it let go of: its stream number and each
 * direction's base, for 2*MSL, as a TCP stack keeps a small TIME-WAIT entry after freeing the
 * connection (RFC 9293 §3.10.7.4: TIME-WAIT is there for the old connection's late segments).
 * One is kept for every stream let go of while its 2*MSL runs, so it is small. A late segment is
 * so known for the old stream's, instead of being numbered as a new stream, which would shift
 * every later stream number away from Wireshark's.
 */
export class RetiredStream implements FlowEnds {
  readonly stream: number;
  readonly src: string;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  /** The stream table's hash of its ends (Connection.flowHash): it is forgotten by it. */
  readonly flowHash: number;
  /** Each direction's base as a signed 32-bit value (a small integer to V8, where most ISNs would take a boxed double). */
  private readonly clientBase: number | undefined;
  private readonly serverBase: number | undefined;
  /**
   * The last segment's time as its two numbers (small integers), not as lastSeen's float: a
   * float field is a heap number of its own, one more object for every stream remembered.
   */
  private readonly lastSeconds: number;
  private readonly lastNanos: number;

  constructor(connection: Connection) {
    const { client, server } = connection;
    const last = connection.lastTime;
    this.lastSeconds = last.seconds;
    this.lastNanos = last.nanos;
    this.stream = connection.stream;
    this.flowHash = connection.flowHash;
    this.src = client.address;
    this.srcPort = client.port;
    this.dst = server.address;
    this.dstPort = server.port;
    this.clientBase = client.baseSet ? client.baseSeq | 0 : undefined;
    this.serverBase = server.baseSet ? server.baseSeq | 0 : undefined;
  }

  /** Capture time of the connection's last segment (as secondsOf gives it): its ends are forgotten 2*MSL after it. */
  get lastSeen(): number {
    return secondsOfParts(this.lastSeconds, this.lastNanos);
  }

  /** The relative-number base of the direction sent from address:port, if it had one. */
  baseOf(address: string, port: number): number | undefined {
    const base = address === this.src && port === this.srcPort ? this.clientBase : this.serverBase;
    return base === undefined ? undefined : base >>> 0;
  }
}
