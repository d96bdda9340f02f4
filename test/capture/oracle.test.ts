import { execFile, spawnSync } from "node:child_process";
import { existsSync, openSync, readSync, closeSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readCapture, type Frame } from "../../src/capture/index.js";
import { Collector } from "./support/collect.js";

/*
 * The reader against independent readers, on every real capture under fixtures/ (the damaged ones
 * in fixtures/malformed have their own test): pcap-parser for classic microsecond pcap, the tshark
 * goldens committed beside the captures, and tshark itself when it is installed.
 */

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const fixturesDir = join(repoRoot, "fixtures");

/** First four bytes, read big-endian. */
function magicOf(path: string): number {
  const bytes = Buffer.alloc(4);
  const fd = openSync(path, "r");
  try {
    readSync(fd, bytes, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return bytes.readUInt32BE(0);
}

const MICROSECOND_PCAP_MAGICS = new Set([0xa1b2c3d4, 0xd4c3b2a1]);
const CAPTURE_MAGICS = new Set([...MICROSECOND_PCAP_MAGICS, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a]);
const isGzip = (magic: number) => magic >>> 16 === 0x1f8b;

function capturesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(fixturesDir, path).startsWith("malformed"))
    .filter((path) => {
      const magic = magicOf(path);
      return CAPTURE_MAGICS.has(magic) || isGzip(magic);
    })
    .sort();
}

const captures = existsSync(fixturesDir) ? capturesUnder(fixturesDir) : [];
const name = (path: string) => relative(fixturesDir, path);

async function framesOf(path: string): Promise<Frame[]> {
  const collector = new Collector();
  await readCapture(path, collector);
  expect(collector.warnings).toEqual([]);
  return collector.frames;
}

/** A frame's time as tshark prints frame.time_epoch (nine decimals; empty without a timestamp). */
function epochOf(frame: Frame): string {
  return frame.noTimestamp === true ? "" : `${frame.seconds}.${String(frame.nanos).padStart(9, "0")}`;
}

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

const tsharkInstalled = spawnSync("tshark", ["--version"], { stdio: "ignore" }).status === 0;

describe.runIf(tsharkInstalled)("tshark agrees on every record of every fixture", () => {
  const run = promisify(execFile);
  const FIELDS = ["frame.number", "frame.time_epoch", "frame.cap_len", "frame.len"];

  it.concurrent.each(captures.map(name))("%s", async (file) => {
    const path = join(fixturesDir, file);
    const args = ["-r", path, "-T", "fields", ...FIELDS.flatMap((field) => ["-e", field])];
    const { stdout } = await run("tshark", args, { maxBuffer: 64 * 1024 * 1024 });
    const ours = (await framesOf(path)).map((frame) => [frame.index, epochOf(frame), frame.capLen, frame.origLen].join("\t"));
    expect(ours).toEqual(stdout.trimEnd().split("\n"));
  }, 60_000);
});
