import { TcpFlag } from "../../../src/decode/segment.js";
import { seqAdd, seqGt } from "../../../src/track/seq.js";
import { peerOf, type Role } from "../../../src/track/states.js";
import { ZeekSession, type ZeekSegment, type ZeekVerdict } from "../../../src/track/zeek/session.js";

/**
 * smoltcp-style scenarios for Zeek's view of a connection: a client and a server exchange
 * segments through one ZeekSession, each built from a template with overrides, so a test reads
 * send("client", "S"), send("server", "SA"), expectHistory("Sh").
 */
export const CLIENT_ISN = 1000;
export const SERVER_ISN = 5000;

const FLAG_LETTERS: Record<string, number> = {
  S: TcpFlag.SYN,
  A: TcpFlag.ACK,
  F: TcpFlag.FIN,
  R: TcpFlag.RST,
  P: TcpFlag.PSH,
};

export interface ZeekSendOptions {
  len?: number;
  seq?: number;
  ack?: number;
  window?: number;
  /** Payload bytes captured (default: all of them). */
  captured?: number;
}

export interface Ports {
  client: number;
  server: number;
}

/** Neither port is one of Zeek's likely server ports: Zeek keeps the first sender as originator. */
const PLAIN_PORTS: Ports = { client: 40000, server: 9502 };

export class ZeekConversation {
  private session: ZeekSession | undefined;
  /** Next sequence number each side will send, as a real stack would. */
  readonly next: Record<Role, number> = { client: CLIENT_ISN, server: SERVER_ISN };

  constructor(private readonly ports: Ports = PLAIN_PORTS) {}

  /** Send a segment; flags in letters ("S", "SA", "A", "PA", "FA", "R", "RA", "FR"). */
  send(from: Role, flags: string, options: ZeekSendOptions = {}): this {
    const bits = [...flags].reduce((sum, letter) => sum | (FLAG_LETTERS[letter] ?? 0), 0);
    const len = options.len ?? 0;
    const seq = options.seq ?? this.next[from];
    const segment: ZeekSegment = {
      from,
      srcPort: this.ports[from],
      dstPort: this.ports[peerOf(from)],
      flags: bits,
      seq: seq >>> 0,
      ack: (options.ack ?? (bits & TcpFlag.ACK ? this.next[peerOf(from)] : 0)) >>> 0,
      window: options.window ?? 65535,
      len,
      captured: options.captured ?? len,
    };
    this.session ??= new ZeekSession(segment);
    this.session.process(segment);
    const consumed = len + (bits & TcpFlag.SYN ? 1 : 0) + (bits & TcpFlag.FIN ? 1 : 0);
    // A stack's next sequence number only moves forward: a retransmission leaves it where it was.
    const end = seqAdd(seq, consumed);
    if (seqGt(end, this.next[from])) this.next[from] = end;
    return this;
  }

  /** Send the same segment n times. */
  repeat(times: number, from: Role, flags: string, options: ZeekSendOptions): this {
    for (let i = 0; i < times; i++) this.send(from, flags, options);
    return this;
  }

  get verdict(): ZeekVerdict {
    if (this.session === undefined) throw new Error("no segment sent yet");
    return this.session.verdict;
  }

  get history(): string {
    return this.verdict.history;
  }
}

/** A conversation whose three-way handshake has completed (smoltcp's established()): history "ShA". */
export function established(ports?: Ports): ZeekConversation {
  return new ZeekConversation(ports).send("client", "S").send("server", "SA").send("client", "A");
}
