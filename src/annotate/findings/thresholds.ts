/**
 * When the capture-level findings are raised (docs/findings.md). Each is a count in a window of
 * capture time, so that ordinary busy traffic (hundreds of short, complete connections a second)
 * raises none: completed handshakes are never counted.
 */
export interface FindingThresholds {
  /** syn-flood: at least this many half-open connections toward one server port ... */
  synFloodConnections: number;
  /** ... within this many seconds ... */
  synFloodWindowSeconds: number;
  /** ... from at least this many source addresses. */
  synFloodSources: number;
  /** port-scan: one source tried at least this many ports of one host without sending data. */
  portScanPorts: number;
  /** keepalive-timeout: the prober reset the connection after at least this many unanswered keep-alive probes. */
  keepaliveProbes: number;
}

export const DEFAULT_THRESHOLDS: Readonly<FindingThresholds> = Object.freeze({
  synFloodConnections: 100,
  synFloodWindowSeconds: 10,
  synFloodSources: 1,
  portScanPorts: 10,
  keepaliveProbes: 1,
});
