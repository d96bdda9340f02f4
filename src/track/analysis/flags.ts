/**
 * Wireshark's tcp.analysis findings, named as its fields are (without the "tcp.analysis." prefix).
 * Retransmission, fast retransmission, spurious retransmission and out-of-order exclude one
 * another: packet-tcp.c stops at the first that applies.
 */
export type AnalysisFlag =
  | "reused_ports"
  | "retransmission"
  | "fast_retransmission"
  | "spurious_retransmission"
  | "out_of_order"
  | "lost_segment"
  | "ack_lost_segment"
  | "window_update"
  | "window_full"
  | "keep_alive"
  | "keep_alive_ack"
  | "duplicate_ack"
  | "zero_window_probe"
  | "zero_window"
  | "zero_window_probe_ack";

/**
 * One bit per finding, as packet-tcp.c keeps them (its TCP_A_* flags), in the order
 * tcp_print_sequence_number_analysis() adds their fields. The analysis sets and tests these
 * numbers: a name looked up per segment costs more than the test itself.
 */
export const FINDING: Readonly<Record<AnalysisFlag, number>> = {
  reused_ports: 1 << 0,
  retransmission: 1 << 1,
  fast_retransmission: 1 << 2,
  spurious_retransmission: 1 << 3,
  out_of_order: 1 << 4,
  lost_segment: 1 << 5,
  ack_lost_segment: 1 << 6,
  window_update: 1 << 7,
  window_full: 1 << 8,
  keep_alive: 1 << 9,
  keep_alive_ack: 1 << 10,
  duplicate_ack: 1 << 11,
  zero_window_probe: 1 << 12,
  zero_window: 1 << 13,
  zero_window_probe_ack: 1 << 14,
};

/**
 * The fields tshark shows for each finding, in its order (FINDING's): a fast or spurious
 * retransmission also carries tcp.analysis.retransmission.
 */
const SHOWN_AS: ReadonlyArray<readonly [AnalysisFlag, readonly string[]]> = [
  ["reused_ports", ["reused_ports"]],
  ["retransmission", ["retransmission"]],
  ["fast_retransmission", ["fast_retransmission", "retransmission"]],
  ["spurious_retransmission", ["spurious_retransmission", "retransmission"]],
  ["out_of_order", ["out_of_order"]],
  ["lost_segment", ["lost_segment"]],
  ["ack_lost_segment", ["ack_lost_segment"]],
  ["window_update", ["window_update"]],
  ["window_full", ["window_full"]],
  ["keep_alive", ["keep_alive"]],
  ["keep_alive_ack", ["keep_alive_ack"]],
  ["duplicate_ack", ["duplicate_ack"]],
  ["zero_window_probe", ["zero_window_probe"]],
  ["zero_window", ["zero_window"]],
  ["zero_window_probe_ack", ["zero_window_probe_ack"]],
];

/** Whether a set of findings held as bits (AnalysisFlags.bits) holds `flag`. */
export function hasFinding(bits: number, flag: AnalysisFlag): boolean {
  return (bits & FINDING[flag]) !== 0;
}

/** A set of findings held as bits: one number per segment, cheap to keep as the flow's last findings. */
export class AnalysisFlags {
  #bits = 0;

  /** The findings as one number, for a flow to keep (hasFinding reads it). */
  get bits(): number {
    return this.#bits;
  }

  /** Whether it holds any of the findings of `bits` (FINDING's, or'd together). */
  has(bits: number): boolean {
    return (this.#bits & bits) !== 0;
  }

  /** Add the finding of bit `bit` (FINDING). */
  add(bit: number): void {
    this.#bits |= bit;
  }

  get isEmpty(): boolean {
    return this.#bits === 0;
  }

  clear(): void {
    this.#bits = 0;
  }

  /** The tcp.analysis field names tshark shows for these findings, in its order (one frozen list per combination, shared). */
  shownFields(): readonly string[] {
    const bits = this.#bits;
    if (bits === 0) return NONE_SHOWN;
    return SHOWN_FIELDS.get(bits) ?? firstShownFields(bits);
  }
}

/**
 * The field names of a combination of findings met for the first time, kept for the next. Apart
 * from shownFields: a closure there made V8 allocate its context at every call, one object per
 * segment, even for the segments without findings that never reach the closure.
 */
function firstShownFields(bits: number): readonly string[] {
  const shown = Object.freeze(SHOWN_AS.filter(([flag]) => hasFinding(bits, flag)).flatMap(([, fields]) => fields));
  SHOWN_FIELDS.set(bits, shown);
  return shown;
}

const NONE_SHOWN: readonly string[] = Object.freeze([]);

/** The field names of each combination of findings met so far (few occur). */
const SHOWN_FIELDS = new Map<number, readonly string[]>();
