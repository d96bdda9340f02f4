/** A numbered step of a phase, e.g. "handshake 2/3" or "teardown 1/4". */
export interface Step {
  phase: "handshake" | "teardown";
  n: number;
  of: number;
}

/**
 * What a segment does in its connection's opening or closing. The variant decides both the step
 * number and the headline the explanation starts with.
 */
export type StepKind =
  | "syn" // handshake 1: the active open
  | "syn-ack" // handshake 2/3
  | "handshake-ack" // handshake 3/3
  | "crossing-syn" // simultaneous open 2/4
  | "crossing-syn-ack" // simultaneous open 3/4 and 4/4
  | "fin" // teardown 1: the active close
  | "ack-of-fin" // 4-way teardown 2/4
  | "second-fin" // 4-way teardown 3/4
  | "fin-ack-of-fin" // 3-way teardown 2/3
  | "last-ack" // last step of a 3- or 4-way teardown
  | "crossing-fin" // simultaneous close 2/4
  | "closing-ack"; // simultaneous close 3/4 and 4/4

/** How many steps each way of opening or closing takes, decided by the peer's answer to step 1. */
export const STEP_COUNTS = {
  handshake: 3,
  simultaneousOpen: 4,
  teardown: 4,
  threeWayTeardown: 3,
  simultaneousClose: 4,
} as const;
