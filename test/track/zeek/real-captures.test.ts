import { describe, expect, it } from "vitest";
import type { Connection } from "../../../src/track/connection.js";
import { summarize } from "../../../src/track/summary.js";
import { zeekVerdictOf } from "../../../src/track/zeek/zeek-model.js";
import { annotateFile } from "../../helpers/annotate-file.js";
import { records, runCli } from "../../helpers/cli.js";

/** How many connections got each "conn_state history" pair. */
function tally(connections: readonly Connection[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const connection of connections) {
    const verdict = zeekVerdictOf(connection);
    const key = verdict === null ? "none" : `${verdict.connState} ${verdict.history}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function verdictsOf(capture: string): Promise<Record<string, number>> {
  return tally((await annotateFile(`fixtures/${capture}`)).connections);
}

describe("Zeek conn_state and history on the real captures", () => {
  it("seed session: handshake, data both ways, four-way close", async () => {
    expect(await verdictsOf("seed/seed-9502.pcap")).toEqual({ "SF ShADadFf": 1 });
  });

  it("refused: a SYN answered by RST/ACK", async () => {
    expect(await verdictsOf("loopback/refused.pcap")).toEqual({ "REJ Sr": 1 });
  });

  it("rst-abort: the established client aborts with RST/ACK (its ACK before was not new: no second A)", async () => {
    expect(await verdictsOf("loopback/rst-abort.pcap")).toEqual({ "RSTO ShADadR": 1 });
  });

  it("tcp_teardown: midstream from port 80, so Zeek flips (^) and sees both FINs", async () => {
    // First segment FIN/ACK from 80 to 3363: 80 is a likely server port, 3363 is not.
    expect(await verdictsOf("shared/tcp_teardown.pcapng")).toEqual({ "SF ^fAFa": 1 });
  });

  it("synscan: unanswered SYNs, refusals, and open ports whose SYN-ACKs the scanner never answered", async () => {
    // The open ports' SYN-ACK is retransmitted at the same ISN, so one h; both ESTABLISHED.
    expect(await verdictsOf("shared/synscan.pcapng")).toEqual({ "S0 S": 1986, "REJ Sr": 5, "S1 Sh": 3 });
  });

  it("many-connections: closes by either side, aborts by either side, refusals", async () => {
    expect(await verdictsOf("loopback/many-connections.pcap")).toEqual({
      "SF ShADadFf": 20,
      "SF ShADadfF": 5,
      "RSTO ShADadR": 5,
      "RSTR ShADadr": 5,
      "REJ Sr": 5,
    });
  });

  it("zero-window: the server's zero window is w once, its probes (empty) are no retransmission", async () => {
    expect(await verdictsOf("loopback/zero-window.pcap")).toEqual({ "SF ShADawFf": 1 });
  });

  it("tcp_retransmissions: midstream, one segment sent six times: D then T at the first repeat", async () => {
    expect(await verdictsOf("shared/tcp_retransmissions.pcapng")).toEqual({ "OTH DT": 1 });
  });
});

describe("the NDJSON connection record", () => {
  it("carries zeek: {connState, history}", () => {
    const run = runCli(["fixtures/seed/seed-9502.pcap", "--format", "ndjson"]);
    const connection = records(run.stdout).find((record) => record["type"] === "connection");
    expect(connection?.["zeek"]).toEqual({ connState: "SF", history: "ShADadFf" });
  });

  it("is what summarize gives for an observed connection", async () => {
    const { connections } = await annotateFile("fixtures/loopback/refused.pcap");
    expect(summarize(connections[0]!).zeek).toEqual({ connState: "REJ", history: "Sr" });
  });
});
