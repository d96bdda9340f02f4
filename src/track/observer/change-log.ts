import type { Role } from "../states.js";
import type { StateChange, TransitionCause } from "../transition.js";
import { causeOfCode, CHANGE_CODE_BITS, changeOfCode, endpointOfCode } from "./change-code.js";

const CODE_SPAN = 2 ** CHANGE_CODE_BITS;

/**
 * A connection's settled state changes, in order, each kept as one number: its frame, with the
 * change's code (change-code.ts) below it. A connection keeps every change it made until it is
 * let go of, and the summary reads only the first of some causes: as objects, they were a tenth
 * of what the young generation's collections had to copy.
 */
export class ChangeLog {
  private readonly packed: number[] = [];

  get length(): number {
    return this.packed.length;
  }

  /** A change with its code (changeCode) and frame. */
  push(code: number, frame: number): void {
    this.packed.push(frame * CODE_SPAN + code);
  }

  cause(index: number): TransitionCause {
    return causeOfCode(this.code(index));
  }

  endpoint(index: number): Role {
    return endpointOfCode(this.code(index));
  }

  frame(index: number): number {
    return Math.floor(this.packed[index]! / CODE_SPAN);
  }

  /** The change at `index`, as an object made now. */
  at(index: number): StateChange {
    return changeOfCode(this.code(index), this.frame(index));
  }

  /** The change's code (change-code.ts). */
  code(index: number): number {
    return this.packed[index]! % CODE_SPAN;
  }
}
