import { closeSync, existsSync, openSync, readdirSync, readSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { readCapture, type Frame } from "../../../src/capture/index.js";
import { Collector } from "./collect.js";

/** The real captures under fixtures/ that the reader is checked against independent readers on. */

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const fixturesDir = join(repoRoot, "fixtures");

/** First four bytes, read big-endian. */
export function magicOf(path: string): number {
  const bytes = Buffer.alloc(4);
  const fd = openSync(path, "r");
  try {
    readSync(fd, bytes, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return bytes.readUInt32BE(0);
}

export const MICROSECOND_PCAP_MAGICS = new Set([0xa1b2c3d4, 0xd4c3b2a1]);
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

/** Every capture file under fixtures/ but the damaged ones in fixtures/malformed, which have their own test. */
export const captures = existsSync(fixturesDir) ? capturesUnder(fixturesDir) : [];
export const name = (path: string) => relative(fixturesDir, path);

/** The frames the reader finds, which must come without a warning. */
export async function framesOf(path: string): Promise<Frame[]> {
  const collector = new Collector();
  await readCapture(path, collector);
  expect(collector.warnings).toEqual([]);
  return collector.frames;
}

/** A frame's time as tshark prints frame.time_epoch (nine decimals; empty without a timestamp). */
export function epochOf(frame: Frame): string {
  return frame.noTimestamp === true ? "" : `${frame.seconds}.${String(frame.nanos).padStart(9, "0")}`;
}
