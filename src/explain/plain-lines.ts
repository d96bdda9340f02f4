import { tcpdumpFlags } from "../decode/flag-names.js";
import { TcpFlag } from "../decode/segment.js";
import { ackedFrameOf, ackRttOf, type TrackedSegment } from "../track/tracked-segment.js";
import type { Role } from "../track/states.js";
import { millis } from "./millis.js";
import { message, type Message } from "./message.js";

/**
 * The lines read from a segment's own fields alone: a plain headline (data, an ACK, a bare flag)
 * and which segment an ACK acknowledges, after how long. They are said to a PlainSayer, by kind:
 * made into messages (PLAIN_MESSAGES), or written as they are said (line-writer.ts), which the
 * timelines do for half the segments of a busy capture without a message made for any of them.
 */
export interface PlainSayer<T> {
  data(who: Role, len: number, seq: number, end: number): T;
  ack(who: Role, ack: number): T;
  other(who: Role, flags: string): T;
  ackedFrame(frame: number): T;
  /** `rtt` in seconds (the message says it in milliseconds: millis). */
  ackRtt(frame: number, rtt: number): T;
}

/** Each plain line's message key. */
export const PLAIN_KEYS = {
  data: "segment.data",
  ack: "segment.ack",
  other: "segment.other",
  ackedFrame: "analysis.acked-frame",
  ackRtt: "analysis.ack-rtt",
} as const satisfies Record<keyof PlainSayer<unknown>, string>;

/** The names of each plain line's values, in the order its PlainSayer method takes them (line-writer.ts passes them so). */
export const PLAIN_PARAMETERS: Readonly<Record<keyof PlainSayer<unknown>, readonly string[]>> = {
  data: ["who", "len", "seq", "end"],
  ack: ["who", "ack"],
  other: ["who", "flags"],
  ackedFrame: ["frame"],
  ackRtt: ["frame", "rtt"],
};

/** The plain lines as messages. */
export const PLAIN_MESSAGES: PlainSayer<Message> = {
  data: (who, len, seq, end) => message(PLAIN_KEYS.data, { who, len, seq, end }),
  ack: (who, ack) => message(PLAIN_KEYS.ack, { who, ack }),
  other: (who, flags) => message(PLAIN_KEYS.other, { who, flags }),
  ackedFrame: (frame) => message(PLAIN_KEYS.ackedFrame, { frame }),
  ackRtt: (frame, rtt) => message(PLAIN_KEYS.ackRtt, { frame, rtt: millis(rtt) }),
};

/** The headline of a segment that hasPlainHeadline, from its fields: relative seq and ack (null without the ACK flag). */
export function sayPlainHeadline<T>(
  say: PlainSayer<T>,
  who: Role,
  flags: number,
  len: number,
  seq: number,
  ack: number | null,
): T {
  if (len > 0) return say.data(who, len, seq, seq + len);
  if (ack !== null && (flags & (TcpFlag.SYN | TcpFlag.FIN)) === 0) return say.ack(who, ack);
  return say.other(who, tcpdumpFlags(flags));
}

/** Which segment this one acknowledges, and after how long (tcp.analysis.acks_frame, ack_rtt); null when not known. */
export function sayAckRtt<T>(say: PlainSayer<T>, tracked: TrackedSegment): T | null {
  const ackedFrame = ackedFrameOf(tracked);
  if (ackedFrame === undefined) return null;
  const ackRtt = ackRttOf(tracked);
  // Without timestamps (or at the same instant) tshark shows the frame but no RTT.
  if (ackRtt === undefined) return say.ackedFrame(ackedFrame);
  return say.ackRtt(ackedFrame, ackRtt);
}
