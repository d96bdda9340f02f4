import { TcpFlag, type Segment, type TcpOptions } from "../../src/decode/segment.js";
import type { Role } from "../../src/track/states.js";
import { RetiredStream } from "../../src/track/retired-stream.js";
import { Tracker, type TrackerOptions } from "../../src/track/tracker.js";
import type { TrackedSegment } from "../../src/track/tracked-segment.js";

/**
 * smoltcp-style scenario helpers: a client and a server exchanging segments through one
 * Tracker, each segment built from a template with overrides, so a test reads like the
 * RFC's figures: send("client", "S"), send("server", "SA"), expectStates(...).
 */
export const CLIENT = { address: "10.0.0.1", port: 39870 };
export const SERVER = { address: "10.0.0.2", port: 9502 };
/** The seed session's ISNs (fixtures/seed/seed-9502.pcap): j for the client, k for the server, as the explanations name them. */
export const CLIENT_ISN = 2927179378;
export const SERVER_ISN = 1721825043;
/** When the conversation starts, in seconds since the epoch. */
const START_SECONDS = 1_700_000_000;

const FLAG_LETTERS: Record<string, number> = {
  S: TcpFlag.SYN,
  A: TcpFlag.ACK,
  F: TcpFlag.FIN,
  R: TcpFlag.RST,
  P: TcpFlag.PSH,
};

export interface SendOptions {
  len?: number;
  seq?: number;
  ack?: number;
  window?: number;
  /** Seconds after the previous segment (default 0.001). */
  after?: number;
  /** TCP options (window scale, MSS ...); none by default. */
  options?: TcpOptions;
  /** Another client port than CLIENT's: a segment of another connection through the same tracker. */
  clientPort?: number;
}

export class Conversation {
  readonly tracker: Tracker;
  private frame = 0;
  /** Nanoseconds since the conversation's start, kept whole so that segment times are exact. */
  private elapsedNanos = 0;
  /** Next sequence number each side will send, as a real stack would. */
  readonly next: Record<Role, number> = { client: CLIENT_ISN, server: SERVER_ISN };
  last: TrackedSegment | undefined;

  constructor(mslSeconds = 30, trackerOptions: Omit<TrackerOptions, "mslSeconds"> = {}) {
    this.tracker = new Tracker({ ...trackerOptions, mslSeconds });
  }

  /** Send a segment; flags in letters ("S", "SA", "A", "PA", "FA", "R", "RA"). */
  send(from: Role, flags: string, options: SendOptions = {}): TrackedSegment {
    const result = this.deliver(from, flags, options);
    if (result instanceof RetiredStream) throw new Error(`the segment came late for retired stream ${result.stream}`);
    return result;
  }

  /** Send a segment that may come late for a retired stream (a tracker that lets connections go). */
  deliver(from: Role, flags: string, options: SendOptions = {}): TrackedSegment | RetiredStream {
    const to: Role = from === "client" ? "server" : "client";
    const bits = [...flags].reduce((sum, letter) => sum | (FLAG_LETTERS[letter] ?? 0), 0);
    const len = options.len ?? 0;
    const seq = options.seq ?? this.next[from];
    const ack = options.ack ?? (bits & TcpFlag.ACK ? this.next[to] : 0);
    this.elapse(options.after ?? 0.001);
    this.advanceClock(this.frame + 1);
    const segment = this.segment(from, bits, seq, ack, len, options.window ?? 65535, options.options ?? {});
    if (options.clientPort !== undefined) segment[from === "client" ? "srcPort" : "dstPort"] = options.clientPort;
    const tracked = this.tracker.track(segment);
    const consumed = len + (bits & TcpFlag.SYN ? 1 : 0) + (bits & TcpFlag.FIN ? 1 : 0);
    if (options.seq === undefined || seq === this.next[from]) this.next[from] = (seq + consumed) >>> 0;
    if (!(tracked instanceof RetiredStream)) this.last = tracked;
    return tracked;
  }

  /** Let time pass without traffic on this connection, then deliver `frame` elsewhere. */
  idle(seconds: number): void {
    this.elapse(seconds);
    this.frame++;
    this.advanceClock(this.frame);
  }

  /** As the annotator runs the clock: timers first, then the connections finished for the close delay. */
  private advanceClock(frame: number): void {
    this.tracker.expireTimers(this.time, frame);
    this.tracker.letGoOfFinished(this.time);
  }

  private elapse(seconds: number): void {
    this.elapsedNanos += Math.round(seconds * 1e9);
  }

  /** The capture clock in seconds since the epoch. */
  private get time(): number {
    return START_SECONDS + this.elapsedNanos / 1e9;
  }

  get connection() {
    const last = this.last;
    if (last === undefined) throw new Error("no segment sent yet");
    return last.connection;
  }

  private segment(
    from: Role,
    flags: number,
    seq: number,
    ack: number,
    len: number,
    window: number,
    tcpOptions: TcpOptions,
  ): Segment {
    const [src, dst] = from === "client" ? [CLIENT, SERVER] : [SERVER, CLIENT];
    return {
      frame: ++this.frame,
      seconds: START_SECONDS + Math.floor(this.elapsedNanos / 1e9),
      nanos: this.elapsedNanos % 1e9,
      ipVersion: 4,
      src: src.address,
      dst: dst.address,
      srcPort: src.port,
      dstPort: dst.port,
      seq: seq >>> 0,
      ack: ack >>> 0,
      flags,
      window,
      urgentPointer: 0,
      headerLength: 20,
      payloadLength: len,
      payload: new Uint8Array(0),
      options: tcpOptions,
      windowScaleOption: tcpOptions.windowScale,
      truncated: false,
    };
  }
}

/** A conversation whose three-way handshake has completed (smoltcp's established()). */
export function established(): Conversation {
  const conversation = new Conversation();
  conversation.send("client", "S");
  conversation.send("server", "SA");
  conversation.send("client", "A");
  return conversation;
}

/**
 * A handshake, then a four-way close by the client (RFC 9293 §3.6 figure 12), on the given
 * conversation: client TIME_WAIT, server CLOSED.
 */
export function closedByClient(conversation = new Conversation()): Conversation {
  conversation.send("client", "S");
  conversation.send("server", "SA");
  conversation.send("client", "A");
  conversation.send("client", "FA");
  conversation.send("server", "A");
  conversation.send("server", "FA");
  conversation.send("client", "A");
  return conversation;
}

/** Established, then the client closed first: client FIN_WAIT_1, server CLOSE_WAIT. */
export function clientFinWait1(): Conversation {
  const conversation = established();
  conversation.send("client", "FA");
  return conversation;
}
