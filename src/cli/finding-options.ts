import { InvalidArgumentError, type Command } from "commander";
import { DEFAULT_THRESHOLDS, type FindingThresholds } from "../annotate/findings/thresholds.js";
import { parseNonNegativeInteger, parseSeconds } from "./options.js";

/** The thresholds of the capture-level findings, as options (docs/findings.md). */
export interface FindingOptions {
  synFloodConnections: number;
  synFloodWindow: number;
  synFloodSources: number;
  portScanPorts: number;
  keepaliveProbes: number;
}

/** --syn-flood-connections, --syn-flood-window, --syn-flood-sources, --port-scan-ports, --keepalive-probes. */
export function addFindingOptions(command: Command): Command {
  const d = DEFAULT_THRESHOLDS;
  return command
    .option(
      "--syn-flood-connections <n>",
      "syn-flood: at least this many half-open connections toward one server port ...",
      parsePositive,
      d.synFloodConnections,
    )
    .option(
      "--syn-flood-window <seconds>",
      "... begun within this many seconds ...",
      parseSeconds,
      d.synFloodWindowSeconds,
    )
    .option("--syn-flood-sources <n>", "... from at least this many source addresses", parsePositive, d.synFloodSources)
    .option(
      "--port-scan-ports <n>",
      "port-scan: one source tried at least this many ports of a host without sending data",
      parsePositive,
      d.portScanPorts,
    )
    .option(
      "--keepalive-probes <n>",
      "keepalive-timeout: a RST after at least this many unanswered keep-alive probes",
      parsePositive,
      d.keepaliveProbes,
    );
}

export function findingThresholdsOf(options: FindingOptions): FindingThresholds {
  return {
    synFloodConnections: options.synFloodConnections,
    synFloodWindowSeconds: options.synFloodWindow,
    synFloodSources: options.synFloodSources,
    portScanPorts: options.portScanPorts,
    keepaliveProbes: options.keepaliveProbes,
  };
}

function parsePositive(value: string): number {
  const number = parseNonNegativeInteger(value);
  if (number === 0) throw new InvalidArgumentError("expected a whole number, 1 or more.");
  return number;
}
