/** A capture-level finding: what many segments or connections say together (docs/findings.md). */
export type FindingKind = "syn-flood" | "port-scan" | "keepalive-timeout";

export const FINDING_KINDS: readonly FindingKind[] = ["syn-flood", "port-scan", "keepalive-timeout"];

/** The evidence every finding carries: where in the capture it was seen. */
interface Span {
  firstFrame: number;
  lastFrame: number;
  /** Capture times (seconds since the epoch) of the first and last frame. */
  start: number;
  end: number;
}

export interface SynFlood extends Span {
  kind: "syn-flood";
  /** The server address and port the SYNs went to. */
  server: string;
  /** Connections left in SYN_RCVD: the server's SYN+ACK was never acknowledged. */
  synRcvd: number;
  /** SYNs the server never answered. */
  unanswered: number;
  /** Distinct source addresses (counted up to MAX_COUNTED_SOURCES). */
  sources: number;
  /** The most half-open connections begun within the window, and the window. */
  busiestWindow: { connections: number; start: number; seconds: number };
  /** The most connections in SYN_RCVD at once toward this port, and when. */
  peakSynRcvd: number;
  peakTime: number | null;
}

export interface PortScan extends Span {
  kind: "port-scan";
  source: string;
  target: string;
  /** Ports tried, refused, and those that answered with SYN+ACK (open), ascending. */
  ports: number;
  refused: number;
  open: number[];
}

export interface KeepaliveTimeout extends Span {
  kind: "keepalive-timeout";
  stream: number;
  /** The endpoint that probed and then reset, and its silent peer. */
  prober: string;
  peer: string;
  probes: number;
  /** Seconds from the connection's last segment before the first probe to it. */
  idleSeconds: number;
  /** Mean seconds between probes (null with one probe), and from the last probe to the RST. */
  intervalSeconds: number | null;
  resetAfterSeconds: number;
}

export type Finding = SynFlood | PortScan | KeepaliveTimeout;

/** The number of connections in SYN_RCVD over time (the server's half-open queue, as seen). */
export interface HalfOpenQueue {
  peak: number;
  /** Capture time the peak was first reached (null when no SYN+ACK was seen). */
  peakTime: number | null;
  /** At most SERIES_POINTS [time, count] points: the highest count in each slice of the capture; empty unless the annotator's halfOpenSeries asked for it. */
  series: [number, number][];
}

export interface CaptureFindings {
  findings: Finding[];
  halfOpenQueue: HalfOpenQueue;
}
