import type { FindingKind } from "../annotate/findings/finding.js";
import type { ConnectionSelector } from "../annotate/select.js";
import type { Role, TcpState } from "../track/states.js";

/** Wireshark analysis findings a rule can bound, by the name the rule uses. */
export const COUNTED_FINDINGS = {
  retransmissions: "retransmission",
  "duplicate-acks": "duplicate_ack",
  "zero-windows": "zero_window",
} as const;

export type CountedFinding = keyof typeof COUNTED_FINDINGS;

/** One assertion about the selected connections. */
export type RuleSpec =
  /** Every connection completes its handshake. */
  | { kind: "handshake" }
  /** Every connection closes gracefully: FIN both ways, no RST. */
  | { kind: "graceful-close" }
  /** No RST at all, or none sent by one side. */
  | { kind: "no-rst"; from?: Role }
  /** No connection refused (a SYN answered by RST). */
  | { kind: "no-refused" }
  /**
   * No connection where one side is gone while the other still holds it (RFC 9293 §3.5.1 calls
   * these half-open; the rule is not named so, as half-open connections also means handshakes
   * left in SYN_RCVD, which max-syn-rcvd and syn-flood are about).
   */
  | { kind: "no-one-side-gone" }
  /** No capture-level finding of this kind (docs/findings.md); about the whole capture. */
  | { kind: "no-finding"; finding: FindingKind }
  /** At most `max` connections in SYN_RCVD at once (the half-open queue's peak); about the whole capture. */
  | { kind: "max-syn-rcvd"; max: number }
  /** At most `max` segments per connection carry a finding (Wireshark's tcp.analysis.*). */
  | { kind: "max-count"; finding: CountedFinding; max: number }
  /** Every handshake's iRTT is at most `maxSeconds`. */
  | { kind: "max-handshake-rtt"; maxSeconds: number }
  /** The number of selected connections is exactly / at least `count`. */
  | { kind: "connection-count"; count: number; atLeast: boolean }
  /** Every connection ends with this endpoint in this state. */
  | { kind: "final-state"; endpoint: Role; state: TcpState };

export interface Rule {
  spec: RuleSpec;
  /** Restricts the rule to some connections (on top of the command's own selector). */
  selector: ConnectionSelector;
  /** Where the rule came from: "--forbid rst" or "rules.yaml rule 3". */
  origin: string;
}

/**
 * Bounds on what rules may ask of a run: each rule keeps up to --max-offenders offenders and is
 * judged on every connection, and a rules file is read whole before the capture. Real rule sets
 * are tens of lines.
 */
export const MAX_RULES = 1000;
export const MAX_RULES_FILE_BYTES = 1024 * 1024;
