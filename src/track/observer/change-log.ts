import { TCP_STATES, type Role, type TcpState } from "../states.js";
import { TRANSITION_CAUSES, type StateChange, type TransitionCause } from "../transition.js";

const CAUSES = Object.keys(TRANSITION_CAUSES) as TransitionCause[];
const CAUSE_CODES: ReadonlyMap<TransitionCause, number> = new Map(CAUSES.map((cause, code) => [cause, code]));
const STATE_CODES: ReadonlyMap<TcpState, number> = new Map(TCP_STATES.map((state, code) => [state, code]));

/** Below the frame, a change's code: the endpoint (1 bit), the states it left and entered (4 bits each), its cause (5 bits). */
const CAUSE_BITS = 5;
const STATE_BITS = 4;
const CODE_SPAN = 2 ** (1 + 2 * STATE_BITS + CAUSE_BITS);
const CAUSE_MASK = (1 << CAUSE_BITS) - 1;
const STATE_MASK = (1 << STATE_BITS) - 1;

/**
 * A connection's settled state changes, in order, each kept as one number: its frame, with the
 * endpoint, the states and the cause packed below it. A connection keeps every change it made
 * until it is let go of, and the summary reads only the first of some causes: as objects, they
 * were a tenth of what the young generation's collections had to copy.
 */
export class ChangeLog {
  private readonly packed: number[] = [];

  get length(): number {
    return this.packed.length;
  }

  push(change: StateChange): void {
    const endpoint = change.endpoint === "server" ? 1 : 0;
    const states = (STATE_CODES.get(change.from)! << STATE_BITS) | STATE_CODES.get(change.to)!;
    const code = (((endpoint << (2 * STATE_BITS)) | states) << CAUSE_BITS) | CAUSE_CODES.get(change.cause)!;
    this.packed.push(change.frame * CODE_SPAN + code);
  }

  cause(index: number): TransitionCause {
    return CAUSES[this.code(index) & CAUSE_MASK]!;
  }

  endpoint(index: number): Role {
    return this.code(index) >>> (CAUSE_BITS + 2 * STATE_BITS) === 1 ? "server" : "client";
  }

  frame(index: number): number {
    return Math.floor(this.packed[index]! / CODE_SPAN);
  }

  /** The change at `index`, as an object made now. */
  at(index: number): StateChange {
    const states = this.code(index) >>> CAUSE_BITS;
    return {
      frame: this.frame(index),
      endpoint: this.endpoint(index),
      from: TCP_STATES[(states >>> STATE_BITS) & STATE_MASK]!,
      to: TCP_STATES[states & STATE_MASK]!,
      cause: this.cause(index),
    };
  }

  private code(index: number): number {
    return this.packed[index]! % CODE_SPAN;
  }
}
