import type { ConnectionSummary } from "../../src/track/summary.js";

/**
 * A connection's summary with values that test a writer's escaping and number rules: quotes,
 * controls, C1 and bidirectional characters, an emoji, NaN, a key that is a number, and one with
 * no Zeek verdict nor findings and a tiny iRTT.
 */
export function oddSummaries(base: ConnectionSummary): ConnectionSummary[] {
  return [
    {
      ...base,
      client: 'host "a"\\\u0007\u009b:1',
      server: "\u202e\u00e9\ud83d\ude00:2",
      duration: Number.NaN,
      handshake: { outcome: "incomplete", rtt: null },
      close: { kind: "open", by: null },
      halfOpen: true,
      findings: { duplicate_ack: 3, 'lost "segment"': 1, "7": 2 },
      zeek: { connState: "S0", history: "S\u001b" },
    },
    { ...base, zeek: null, findings: {}, handshake: { outcome: "complete", rtt: 1e-7 } },
  ];
}
