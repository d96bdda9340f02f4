import type { Role } from "../track/states.js";
import { STEP_COUNTS, type Step, type StepKind } from "./step.js";

/** What is explained at length the first time it comes up in a connection, and briefly after. */
export type Topic = "handshake-options" | "duplicate-ack" | "zero-window" | "keep-alive";

/** Each topic's bit in ConnectionProgress's topics said. */
const TOPIC_BITS: Readonly<Record<Topic, number>> = {
  "handshake-options": 1,
  "duplicate-ack": 2,
  "zero-window": 4,
  "keep-alive": 8,
};

/** A phase's steps so far; the count ("of") is 0 until the peer's answer to step 1 decides it. */
class PhaseProgress {
  private readonly steps: Step[] = [];
  private count = 0;
  private lastN = 0;

  constructor(private readonly phase: Step["phase"]) {}

  /**
   * A step; the first ones stay unresolved (of = 0) until decide() is called. A repeat never counts
   * past the last step. A step once the count is decided never changes: one of the shared ones
   * (every handshake and teardown step of a busy capture was an object of its own).
   */
  step(n: number): Step {
    this.lastN = Math.max(this.lastN, n);
    if (this.count !== 0) return decidedStep(this.phase, Math.min(n, this.count), this.count);
    const step: Step = { phase: this.phase, n, of: 0 };
    this.steps.push(step);
    return step;
  }

  /** The next number after the last step given (for the two ACKs of a simultaneous close). */
  get next(): number {
    return this.lastN + 1;
  }

  decide(count: number): void {
    if (this.count !== 0) return;
    this.count = count;
    for (const step of this.steps) {
      step.of = count;
      step.n = Math.min(step.n, count);
    }
    this.steps.length = 0;
  }

  get decided(): boolean {
    return this.count !== 0;
  }
}

/** Every decided step of up to DECIDED_STEP_LIMIT - 1 steps, frozen, by decidedStepIndex. */
const DECIDED_STEP_LIMIT = 10;
const DECIDED_STEPS: readonly Step[] = Array.from({ length: 2 * DECIDED_STEP_LIMIT ** 2 }, (_, index) =>
  Object.freeze({
    phase: index < DECIDED_STEP_LIMIT ** 2 ? "handshake" : "teardown",
    n: Math.floor(index / DECIDED_STEP_LIMIT) % DECIDED_STEP_LIMIT,
    of: index % DECIDED_STEP_LIMIT,
  }),
);

function decidedStep(phase: Step["phase"], n: number, of: number): Step {
  if (n >= DECIDED_STEP_LIMIT || of >= DECIDED_STEP_LIMIT) return { phase, n, of };
  return DECIDED_STEPS[((phase === "handshake" ? 0 : DECIDED_STEP_LIMIT) + n) * DECIDED_STEP_LIMIT + of]!;
}

/**
 * One connection's progress through its handshake and teardown: which step each segment is, and
 * how many steps the phase takes (3 or 4), decided by the peer's answer to step 1. Kept for every
 * connection a timeline follows, which lives across several young collections: the topics said
 * are bits and the FIN steps two fields, where a set and a map were most of its size.
 */
export class ConnectionProgress {
  readonly opening = new PhaseProgress("handshake");
  readonly closing = new PhaseProgress("teardown");
  simultaneousOpen = false;
  /** The step each endpoint's FIN was given, repeated for its retransmissions. */
  private clientFinStep: Step | undefined = undefined;
  private serverFinStep: Step | undefined = undefined;
  /** TOPIC_BITS of the topics said. */
  private said = 0;

  /** True the first time only: some things (the handshake's options, why keep-alives exist) are explained once per connection. */
  firstTime(topic: Topic): boolean {
    const bit = TOPIC_BITS[topic];
    if (this.said & bit) return false;
    this.said |= bit;
    return true;
  }

  /** The step the endpoint's last FIN was given. */
  finStep(role: Role): Step | undefined {
    return role === "client" ? this.clientFinStep : this.serverFinStep;
  }

  setFinStep(role: Role, step: Step): void {
    if (role === "client") this.clientFinStep = step;
    else this.serverFinStep = step;
  }

  stepFor(kind: StepKind): Step {
    switch (kind) {
      case "syn":
        return this.opening.step(1);
      case "syn-ack":
        this.opening.decide(STEP_COUNTS.handshake);
        return this.opening.step(2);
      case "handshake-ack":
        this.opening.decide(STEP_COUNTS.handshake);
        return this.opening.step(this.simultaneousOpen ? this.opening.next : 3);
      case "crossing-syn":
        this.simultaneousOpen = true;
        this.opening.decide(STEP_COUNTS.simultaneousOpen);
        return this.opening.step(2);
      case "crossing-syn-ack":
        return this.opening.step(this.opening.next);
      case "fin":
        return this.closing.step(1);
      case "ack-of-fin":
        this.closing.decide(STEP_COUNTS.teardown);
        return this.closing.step(2);
      case "second-fin":
        this.closing.decide(STEP_COUNTS.teardown);
        return this.closing.step(3);
      case "fin-ack-of-fin":
        this.closing.decide(STEP_COUNTS.threeWayTeardown);
        return this.closing.step(2);
      case "last-ack":
        this.closing.decide(STEP_COUNTS.teardown);
        return this.closing.step(this.closing.next);
      case "crossing-fin":
        this.closing.decide(STEP_COUNTS.simultaneousClose);
        return this.closing.step(2);
      case "closing-ack":
        return this.closing.step(this.closing.next);
    }
  }

  /** No answer came in time (or the capture ended): take the usual counts, 3 and 4. */
  settle(): void {
    this.opening.decide(STEP_COUNTS.handshake);
    this.closing.decide(STEP_COUNTS.teardown);
  }
}
