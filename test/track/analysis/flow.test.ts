import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DUPLICATE_ACKS_AFTER_UNSEEN,
  FLOW_NUMBERS,
  initFlow,
  WiresharkFlow,
} from "../../../src/track/analysis/flow.js";
import { WINDOW_SCALE_UNKNOWN } from "../../../src/track/analysis/window-scale.js";

/** A flow as plain fields, as packet-tcp.c's tcp_flow_t holds them: what a view of numbers must read back the same as. */
class PlainFlow {
  windowScale = WINDOW_SCALE_UNKNOWN;
  window = 0xffffffff;
  firstAckPending = false;
  nextSeq = 0;
  nextSeqSeconds = 0;
  nextSeqNanos = 0;
  maxSeqToBeAcked = 0;
  lastAck = 0;
  lastAckSeconds = 0;
  lastAckNanos = 0;
  lastNonDuplicateAckFrame = 0;
  duplicateAcks = 0;
  frames: number[] = [];
  lastSegmentFindings = 0;
  bytesInFlightValid = true;
}

type Change =
  | { kind: "scale"; value: number }
  | { kind: "window"; value: number }
  | { kind: "firstAck"; value: boolean }
  | { kind: "valid"; value: boolean }
  | { kind: "findings"; value: number }
  | { kind: "edge"; value: number }
  | { kind: "next"; value: number; seconds: number; nanos: number }
  | { kind: "ack"; value: number; seconds: number; nanos: number }
  | { kind: "duplicate"; value: number }
  | { kind: "unseen" }
  | { kind: "run"; value: number };

const seq = fc.nat({ max: 0xffffffff });
const time = { seconds: fc.integer({ min: 0, max: 2_000_000_000 }), nanos: fc.nat({ max: 999_999_999 }) };
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant("scale" as const), value: fc.integer({ min: -2, max: 14 }) }),
  fc.record({ kind: fc.constant("window" as const), value: fc.nat({ max: 0xffff }) }),
  fc.record({ kind: fc.constant("firstAck" as const), value: fc.boolean() }),
  fc.record({ kind: fc.constant("valid" as const), value: fc.boolean() }),
  fc.record({ kind: fc.constant("findings" as const), value: fc.nat({ max: 0x7fff }) }),
  fc.record({ kind: fc.constant("edge" as const), value: seq }),
  fc.record({ kind: fc.constant("next" as const), value: seq, ...time }),
  fc.record({ kind: fc.constant("ack" as const), value: seq, ...time }),
  // Runs of duplicate ACKs longer than the frames kept.
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("duplicate" as const), value: fc.nat({ max: 1_000_000 }) }) },
  fc.record({ kind: fc.constant("unseen" as const) }),
  fc.record({ kind: fc.constant("run" as const), value: fc.nat({ max: 1_000_000 }) }),
);

/** The fields set as they are, alike on the view and the plain record. */
type SetFields = Pick<
  PlainFlow,
  "windowScale" | "window" | "firstAckPending" | "bytesInFlightValid" | "lastSegmentFindings" | "maxSeqToBeAcked"
>;

type FieldChange = Extract<Change, { kind: "scale" | "window" | "firstAck" | "valid" | "findings" | "edge" }>;

/** Sets the field a change names; false for a change that is not a plain field's. */
function setField(flow: SetFields, next: Change): next is FieldChange {
  if (next.kind === "scale") flow.windowScale = next.value;
  else if (next.kind === "window") flow.window = next.value;
  else if (next.kind === "firstAck") flow.firstAckPending = next.value;
  else if (next.kind === "valid") flow.bytesInFlightValid = next.value;
  else if (next.kind === "findings") flow.lastSegmentFindings = next.value;
  else if (next.kind === "edge") flow.maxSeqToBeAcked = next.value;
  else return false;
  return true;
}

function applyToView(flow: WiresharkFlow, next: Change): void {
  if (setField(flow, next)) return;
  if (next.kind === "next") flow.advanceNextSeq(next.value, next.seconds, next.nanos);
  else if (next.kind === "ack") flow.sentAck(next.value, next.seconds, next.nanos);
  else if (next.kind === "duplicate") flow.countDuplicateAck(next.value);
  else if (next.kind === "unseen") flow.markUnseenDataAcked();
  else flow.startAckRun(next.value);
}

function applyToPlain(flow: PlainFlow, next: Change): void {
  if (setField(flow, next)) return;
  if (next.kind === "next") {
    flow.nextSeq = next.value;
    flow.nextSeqSeconds = next.seconds;
    flow.nextSeqNanos = next.nanos;
  } else if (next.kind === "ack") {
    flow.lastAck = next.value;
    flow.lastAckSeconds = next.seconds;
    flow.lastAckNanos = next.nanos;
  } else if (next.kind === "duplicate") {
    flow.duplicateAcks = flow.duplicateAcks === DUPLICATE_ACKS_AFTER_UNSEEN ? 1 : flow.duplicateAcks + 1;
    flow.frames = [...flow.frames, next.value].slice(-3);
  } else if (next.kind === "unseen") {
    flow.duplicateAcks = DUPLICATE_ACKS_AFTER_UNSEEN;
    flow.frames = [];
  } else {
    flow.lastNonDuplicateAckFrame = next.value;
    flow.duplicateAcks = 0;
    flow.frames = [];
  }
}

function read(flow: WiresharkFlow): PlainFlow {
  const plain = new PlainFlow();
  plain.windowScale = flow.windowScale;
  plain.window = flow.window;
  plain.firstAckPending = flow.firstAckPending;
  plain.nextSeq = flow.nextSeq;
  plain.nextSeqSeconds = flow.nextSeqSeconds;
  plain.nextSeqNanos = flow.nextSeqNanos;
  plain.maxSeqToBeAcked = flow.maxSeqToBeAcked;
  plain.lastAck = flow.lastAck;
  plain.lastAckSeconds = flow.lastAckSeconds;
  plain.lastAckNanos = flow.lastAckNanos;
  plain.lastNonDuplicateAckFrame = flow.lastNonDuplicateAckFrame;
  plain.duplicateAcks = flow.duplicateAcks;
  plain.frames = flow.duplicateAckFrames();
  plain.lastSegmentFindings = flow.lastSegmentFindings;
  plain.bytesInFlightValid = flow.bytesInFlightValid;
  return plain;
}

/** packet-tcp.c's per-direction analysis state, kept as numbers in its connection's array. */
describe("a flow as numbers", () => {
  it("reads back what plain fields would hold, both directions side by side in one array, through any view", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), change), { maxLength: 60 }), (changes) => {
        const numbers = new Float64Array(2 * FLOW_NUMBERS);
        initFlow(numbers, 0);
        initFlow(numbers, FLOW_NUMBERS);
        const plain = [new PlainFlow(), new PlainFlow()];
        const views = [new WiresharkFlow(), new WiresharkFlow()];
        changes.forEach(([second, next], turn) => {
          // Views are taken in turn whatever the direction: a view keeps nothing of its own.
          const view = views[turn % 2]!;
          view.attach(numbers, second ? FLOW_NUMBERS : 0, undefined);
          applyToView(view, next);
          applyToPlain(plain[second ? 1 : 0]!, next);
          for (const [index, expected] of plain.entries()) {
            view.attach(numbers, index * FLOW_NUMBERS, undefined);
            expect(read(view)).toEqual(expected);
          }
        });
      }),
      { numRuns: 500, seed: 0xf10 },
    );
  });

  it("starts as packet-tcp.c's flow does", () => {
    expect(read(new WiresharkFlow())).toEqual(new PlainFlow());
  });
});
