import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  captures,
  epochOf,
  fixturesDir,
  framesOf,
  MICROSECOND_PCAP_MAGICS,
  magicOf,
  name,
} from "./support/fixture-captures.js";

/*
 * The reader against independent readers, on every real capture under fixtures/ (the damaged ones
 * in fixtures/malformed have their own test): pcap-parser for classic microsecond pcap, the tshark
 * goldens committed beside the captures. tshark itself, run on every capture, is in
 * oracle-tshark.slow.test.ts.
 */

describe("pcap-parser agrees on every classic microsecond pcap fixture", () => {
  const pcaps = captures.filter((path) => MICROSECOND_PCAP_MAGICS.has(magicOf(path)));
  if (pcaps.length === 0) it.skip("no classic microsecond pcap under fixtures/ yet", () => {});

  interface PcapParserPacket {
    header: { timestampSeconds: number; timestampMicroseconds: number; capturedLength: number; originalLength: number };
    data: Buffer;
  }
  interface PcapParserSession {
    on(event: "packet", listener: (packet: PcapParserPacket) => void): void;
    on(event: "end", listener: () => void): void;
    on(event: "error", listener: (error: Error) => void): void;
  }
  const pcapParser = createRequire(import.meta.url)("pcap-parser") as { parse(path: string): PcapParserSession };

  function pcapParserRecords(path: string): Promise<PcapParserPacket[]> {
    return new Promise((resolve, reject) => {
      const packets: PcapParserPacket[] = [];
      const session = pcapParser.parse(path);
      session.on("packet", (packet) => packets.push(packet));
      session.on("error", reject);
      session.on("end", () => resolve(packets));
    });
  }

  it.each(pcaps.map(name))("%s", async (file) => {
    const path = join(fixturesDir, file);
    const ours = (await framesOf(path)).map((frame) => ({
      seconds: frame.seconds,
      micros: frame.nanos / 1000,
      capLen: frame.capLen,
      origLen: frame.origLen,
      data: Buffer.from(frame.data),
    }));
    const theirs = (await pcapParserRecords(path)).map(({ header, data }) => ({
      seconds: header.timestampSeconds,
      micros: header.timestampMicroseconds,
      capLen: header.capturedLength,
      origLen: header.originalLength,
      data: Buffer.from(data),
    }));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).toEqual(theirs);
  });
});

describe("the committed tshark goldens agree on frame numbers and times", () => {
  const withGoldens = captures.filter((path) => existsSync(`${path}.tshark.tsv`));
  if (withGoldens.length === 0) it.skip("no goldens under fixtures/ yet", () => {});

  it.each(withGoldens.map(name))("%s", async (file) => {
    const path = join(fixturesDir, file);
    const [header = "", ...rows] = readFileSync(`${path}.tshark.tsv`, "utf8").trimEnd().split("\n");
    const columns = header.split("\t");
    const numberAt = columns.indexOf("frame.number");
    const timeAt = columns.indexOf("frame.time_epoch");
    const frames = await framesOf(path);
    const expected = rows.map((row) => {
      const cells = row.split("\t");
      return [Number(cells[numberAt]), cells[timeAt]];
    });
    const actual = expected.map(([index]) => {
      const frame = frames[(index as number) - 1];
      return [frame?.index, frame === undefined ? undefined : epochOf(frame)];
    });
    expect(actual).toEqual(expected);
  });
});
