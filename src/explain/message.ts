/** Values a message template fills in: numbers, roles, states, addresses, or a nested message. */
export type MessageValue = string | number | Message;
export type MessageValues = Record<string, MessageValue>;

/** A message to be rendered in the reader's language: a catalog key and its values. */
export interface Message {
  key: MessageKey;
  values: MessageValues;
}

/**
 * Every message the explanations use. The catalogs (catalog/en.ts, catalog/zh.ts) must define
 * each one; the type checker and a test hold them to it.
 */
export const MESSAGE_KEYS = [
  // headlines by step
  "step.syn",
  "step.syn-with-data",
  "step.syn-ack",
  "step.syn-ack-with-data",
  "step.handshake-ack",
  "step.handshake-ack-with-data",
  "step.crossing-syn",
  "step.crossing-syn-ack",
  "step.fin",
  "step.ack-of-fin",
  "step.second-fin",
  "step.fin-ack-of-fin",
  "step.last-ack",
  "step.last-ack-time-wait",
  "step.crossing-fin",
  "step.closing-ack",
  // headlines of segments outside the handshake and teardown
  "segment.data",
  "segment.ack",
  "segment.reset",
  "segment.refused",
  "segment.reset-no-connection",
  "segment.reset-in-handshake",
  "segment.reset-bad-ack",
  "segment.reset-after-close",
  "segment.other",
  // first-segment remarks
  "connection.midstream",
  "connection.roles-guessed",
  "connection.synack-first",
  "connection.reused-ports",
  // state changes: "client SYN_SENT -> ESTABLISHED: <cause>"
  "change.line",
  "cause.sent-syn",
  "cause.received-syn",
  "cause.sent-syn-ack",
  "cause.received-syn-while-opening",
  "cause.sent-syn-before-peer-syn",
  "cause.received-syn-ack",
  "cause.received-ack-of-syn",
  "cause.received-syn-ack-while-opening",
  "cause.sent-ack-after-syn-ack",
  "cause.sent-fin",
  "cause.sent-fin-after-peer-fin",
  "cause.sent-fin-before-peer-fin",
  "cause.received-fin",
  "cause.received-ack-of-fin",
  "cause.received-fin-after-ack",
  "cause.received-fin-with-ack",
  "cause.received-fin-while-closing",
  "cause.received-ack-of-fin-in-closing",
  "cause.received-last-ack",
  "cause.sent-rst",
  "cause.received-rst",
  "cause.received-rst-back-to-listen",
  "cause.lost-connection",
  "cause.received-refusal",
  "cause.time-wait-expired",
  // notes
  "note.syn-retransmitted",
  "note.fin-retransmitted",
  "note.fin-retransmitted-in-time-wait",
  "note.rst-not-acceptable",
  "note.syn-ack-after-crossing",
  "note.syn-with-data",
  "note.syn-with-data-cookie",
  "note.syn-data-not-accepted",
  "note.syn-ack-bad-ack",
  "note.segment-after-close",
  "note.nothing-listens",
  "note.no-answer",
  "note.ack-lost",
  "note.copy-lost",
  "note.copy-unacknowledged",
  "note.crossed",
  "note.crossed-ack",
  "note.behind-gap",
  "note.gap-filled",
  "note.rst-no-connection",
  "note.rst-lost",
  "note.not-arrived",
  "note.not-arrived-ack",
  "note.rst-answers-bad-ack",
  "note.old-connection",
  // Wireshark's analysis findings (tcp.analysis.*): why each was flagged
  "analysis.retransmission",
  "analysis.fast-retransmission",
  "analysis.fast-retransmission-after-unseen",
  "analysis.spurious-retransmission",
  "analysis.first-sent",
  "analysis.out-of-order",
  "analysis.lost-segment",
  "analysis.ack-lost-segment",
  "analysis.duplicate-ack",
  "analysis.duplicate-ack-again",
  "analysis.zero-window",
  "analysis.zero-window-again",
  "analysis.zero-window-probe",
  "analysis.zero-window-probe-ack",
  "analysis.window-full",
  "analysis.window-update",
  "analysis.keep-alive",
  "analysis.keep-alive-again",
  "analysis.keep-alive-zero-window",
  "analysis.keep-alive-ack",
  "analysis.reused-ports",
  "analysis.acked-frame",
  "analysis.ack-rtt",
  // the handshake's options and checks, said once per connection
  "handshake.options",
  "handshake.options-unknown",
  "handshake.mss",
  "handshake.window-scale-on",
  "handshake.window-scale-off",
  "handshake.sack-on",
  "handshake.sack-off",
  "handshake.timestamps-on",
  "handshake.timestamps-off",
  "handshake.syn-ack-acks-data",
  "handshake.initial-rtt",
  "handshake.ack-mismatch",
  // revisions: told states that later evidence changed
  "revision.line",
  "revision.answered",
  "revision.nothing-listened",
  "revision.opened-too",
  "revision.crossed",
  "revision.ack-lost",
  "revision.copy-lost",
  "revision.lost-connection",
  "revision.rst-lost",
  "revision.not-arrived",
  "revision.old-connection",
  "revision.behind-gap",
  // words used inside other messages
  "word.not-announced",
  "word.time-wait-over",
] as const;

export type MessageKey = (typeof MESSAGE_KEYS)[number];

const NO_VALUES: MessageValues = Object.freeze({});
/**
 * Messages that quote nothing (causes, most notes, remarks) are the same every time: one frozen
 * message per key is shared, instead of a new one (and a new empty values object) per segment.
 * Made for every key at once, so that nothing here changes after loading.
 */
const CONSTANT_MESSAGES: ReadonlyMap<MessageKey, Message> = new Map(
  MESSAGE_KEYS.map((key) => [key, Object.freeze({ key, values: NO_VALUES })]),
);

/**
 * Whether the message is one the explainer shares between segments (a constant message, a state
 * change's line): frozen with its values, which hold no message but shared ones, so that its text
 * in a language is the same every time and a writer may keep that text (render/shared/shared-messages.ts).
 */
export function isShared(message: Message): boolean {
  return Object.isFrozen(message) && Object.isFrozen(message.values);
}

export function message(key: MessageKey, values?: MessageValues): Message {
  return values === undefined ? CONSTANT_MESSAGES.get(key)! : { key, values };
}
