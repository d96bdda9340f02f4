import type { Role } from "../states.js";
import type { StateChange, TransitionCause } from "../transition.js";
import { causeOfCode, CHANGE_CODE_BITS, changeOfCode, endpointOfCode } from "./change-code.js";

const CODE_SPAN = 2 ** CHANGE_CODE_BITS;

/**
 * A connection's settled state changes, in order, each kept as one number: its frame, with the
 * change's code (change-code.ts) below it. A connection keeps every change it made until it is
 * let go of, and the summary reads only the first of some causes: as objects, they were a tenth
 * of what the young generation's collections had to copy. The numbers sit in an array with room
 * made ahead, three times as much each time: a first push into an empty array makes room for
 * seventeen, where a connection that a SYN opened and nothing answered makes two changes and one
 * that closes about ten.
 */
export class ChangeLog {
  /** Numbers (past 2^31 once the frame is large: a literal of fractions makes them unboxed doubles); the first `count` are the changes. */
  private packed: number[] = [0.5, 0.5, 0.5, 0.5];
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** A change with its code (changeCode) and frame. */
  push(code: number, frame: number): void {
    if (this.count === this.packed.length) this.packed = this.packed.concat(this.packed, this.packed);
    this.packed[this.count++] = frame * CODE_SPAN + code;
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
