import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TcpFlag } from "../../src/decode/segment.js";
import { annotateFile } from "../helpers/annotate-file.js";
import { FIXTURES, capturesWithGoldens, readGolden } from "../helpers/fixtures.js";

/**
 * Wireshark's numbers, checked against tshark 4.0.17 goldens committed beside every fixture
 * (scripts/make-goldens.sh): for each TCP frame, tcp.stream, relative tcp.seq, relative tcp.ack
 * (when the ACK flag is set; tshark prints a meaningless value otherwise) and tcp.len.
 * tshark's "-Y tcp" also matches ICMP errors that quote a TCP header; those rows have no
 * tcp.seq_raw and are not TCP segments, so they are left out.
 */
describe.each(capturesWithGoldens())("%s agrees with tshark", (capture) => {
  it("on stream, relative seq, relative ack and length for every TCP frame", async () => {
    const golden = readGolden(capture).filter((row) => row["tcp.seq_raw"] !== "");
    const { segments } = await annotateFile(join(FIXTURES, capture));
    const ours = segments.map(({ tracked }) => ({
      frame: tracked.segment.frame,
      stream: tracked.connection.stream,
      seq: tracked.seq,
      ack: tracked.ack,
      len: tracked.segment.payloadLength,
    }));
    const theirs = golden.map((row) => ({
      frame: Number(row["frame.number"]),
      stream: Number(row["tcp.stream"]),
      seq: Number(row["tcp.seq"]),
      ack: Number(row["tcp.flags"]) & TcpFlag.ACK ? Number(row["tcp.ack"]) : null,
      len: Number(row["tcp.len"]),
    }));
    expect(ours).toEqual(theirs);
  });

  it("on each stream's completeness over the whole stream (tshark -2)", async () => {
    const golden = readGolden(capture).filter((row) => row["tcp.seq_raw"] !== "");
    const theirs = new Map(golden.map((row) => [Number(row["tcp.stream"]), Number(row["tcp.completeness.final"])]));
    const { connections } = await annotateFile(join(FIXTURES, capture));
    const ours = new Map(connections.map((connection) => [connection.stream, connection.completeness]));
    expect(ours).toEqual(theirs);
  });
});
