import type { CloseKind, HandshakeOutcome, Verdict } from "../../track/summary.js";

/** The counts a capture's closing line tells, already added up by the output that writes it. */
export interface CaptureTotals {
  frames: number;
  segments: number;
  connections: number;
  skipped: number;
  /** "3 not-tcp, 1 truncated-tcp": the skipped frames by reason (docs/output.md), most first; empty when none. */
  skippedWhy: string;
  /** "10 ethernet/ipv4/udp/vxlan/ethernet/ipv4": the segments that came through tunnels, by encapsulation; empty when none. */
  tunnels: string;
}

/** What folded segments stand for in a picture, each figure already written out ("1.2 kB", "3.5 s"). */
export interface FoldFigures {
  segments: string;
  /** "12-240" */
  frames: string;
  /** Bytes each way. */
  client: string;
  server: string;
  duration: string;
}

/** The labels every output shares: roles, steps, directions, the timeline's column heads. */
export interface TextWords {
  linkType: string;
  stream: string;
  client: string;
  server: string;
  frame: string;
  time: string;
  flags: string;
  length: string;
  step: string;
  handshake: string;
  teardown: string;
  clientToServer: string;
  serverToClient: string;
  /** The timeline's short direction cells and their column head. */
  towardServer: string;
  towardClient: string;
  dir: string;
  totals: (totals: CaptureTotals) => string;
  /** What the ? after a state means. */
  unconfirmedLegend: string;
  /** Leads each capture-level finding's paragraph (docs/findings.md). */
  finding: string;
  /** The half-open queue's peak: the most connections in SYN_RCVD at once, and when (seconds since the epoch). */
  halfOpenPeak(peak: number, time: number | null): string;
}

/** The summary's column heads, how connections opened and ended, and the totals' words. */
export interface SummaryWords {
  stream: string;
  client: string;
  server: string;
  packets: string;
  bytes: string;
  duration: string;
  opened: string;
  ended: string;
  finalStates: string;
  retransmissions: string;
  completeness: string;
  halfOpen: string;
  /** How a handshake went and how a connection ended: the summary's cells and the report's table alike. */
  outcomes: Record<HandshakeOutcome, string>;
  closeKinds: Record<CloseKind, string>;
  closedBy(role: string): string;
  /** "57 connections: 49 closed gracefully, 7 reset, 1 refused" */
  totals(count: number, parts: string[]): string;
  verdictCount(verdict: Verdict, count: number): string;
  latency(handshakes: number, min: string, median: string, p95: string, max: string): string;
  noHandshake: string;
  /** Says which columns the terminal's width left out, and how to see them. */
  leftOut(columns: readonly string[]): string;
}

/** The pictures' own words (the roles, steps and directions are the text words). */
export interface DiagramWords {
  /** What stands for folded segments, in phrases that a narrow picture may wrap between. */
  fold(figures: FoldFigures): string[];
  /** Beside a lifeline whose TIME_WAIT timer ran out. */
  timeWaitOver: string;
}

/** The HTML report's own words (roles, steps, directions and the timeline's column names are the text words). */
export interface ReportWords {
  title: string;
  captures: string;
  connections: string;
  noConnections: string;
  packets: string;
  bytes: string;
  duration: string;
  handshake: string;
  close: string;
  finalStates: string;
  verdict: string;
  window: string;
  raw: string;
  findings: string;
  statesAfter: string;
  /** Above each ladder: how to read it. */
  hint: string;
  verdicts: Record<Verdict, string>;
  initialRtt(rtt: string): string;
}

/** The words of a capture's description: "pcapng, 2 sections, nanosecond timestamps, mixed byte order". */
export interface CaptureWords {
  precision: Record<string, string>;
  timestamps(precision: string): string;
  sections(count: number): string;
  byteOrder: Record<"little" | "big" | "mixed", string>;
  gzip: string;
  separator: string;
}

/** Every output's own words in one language, by output. */
export interface Words {
  text: TextWords;
  summary: SummaryWords;
  diagram: DiagramWords;
  report: ReportWords;
  capture: CaptureWords;
}
