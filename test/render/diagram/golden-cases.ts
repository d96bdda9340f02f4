import { join } from "node:path";
import type { Language } from "../../../src/explain/catalog/index.js";
import type { LadderRequest } from "../../helpers/ladders.js";

/** Where the expected pictures live; UPDATE_GOLDENS=1 rewrites them (read the diff before committing). */
export const GOLDENS = join(import.meta.dirname, "goldens");

export interface GoldenCase extends LadderRequest {
  name: string;
  language?: Language;
  /** Terminal columns (80 unless said). */
  width?: number;
}

/** The fixtures drawn: one of each way to open and close, a folded long connection, a TIME_WAIT expiry. */
export const GOLDEN_CASES: readonly GoldenCase[] = [
  { name: "seed", capture: "seed/seed-9502.pcap" },
  { name: "seed.zh", capture: "seed/seed-9502.pcap", language: "zh" },
  { name: "seed.width-60", capture: "seed/seed-9502.pcap", width: 60 },
  { name: "refused", capture: "loopback/refused.pcap" },
  { name: "rst-abort", capture: "loopback/rst-abort.pcap" },
  { name: "retransmissions", capture: "shared/tcp_retransmissions.pcapng" },
  { name: "server-closes-first", capture: "loopback/server-closes-first.pcap" },
  { name: "half-close", capture: "loopback/half-close.pcap" },
  { name: "simultaneous-close", capture: "crafted/simultaneous-close.pcap" },
  { name: "port-reuse.msl-0.5", capture: "loopback/port-reuse.pcap", mslSeconds: 0.5 },
  { name: "folded", capture: "shared/tcp_ports.pcapng", streams: [2] },
];
