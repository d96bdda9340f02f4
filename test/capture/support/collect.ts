import type { CaptureInfo, CaptureSink, CaptureWarning, Frame } from "../../../src/capture/index.js";
import { CaptureReader } from "../../../src/capture/index.js";

/** A sink that keeps everything, copying each frame (the reader reuses the object and its buffers). */
export class Collector implements CaptureSink {
  readonly frames: Frame[] = [];
  readonly warnings: CaptureWarning[] = [];
  readonly infos: CaptureInfo[] = [];

  frame(frame: Frame): void {
    this.frames.push({ ...frame, data: frame.data.slice() });
  }

  warning(warning: CaptureWarning): void {
    this.warnings.push(warning);
  }

  info(info: CaptureInfo): void {
    this.infos.push(info);
  }
}

export interface ReadResult {
  frames: Frame[];
  warnings: CaptureWarning[];
  infos: CaptureInfo[];
  /** What push() or end() threw, if anything. */
  error: unknown;
}

/**
 * Pushes `bytes` into a new reader cut at the given lengths (what is left goes in one last
 * chunk), then ends it; returns everything that came out, including an error thrown.
 */
export function readInChunks(bytes: Uint8Array, chunkLengths: readonly number[] = []): ReadResult {
  const collector = new Collector();
  const reader = new CaptureReader(collector);
  let error: unknown;
  try {
    let at = 0;
    for (const length of chunkLengths) {
      reader.push(bytes.subarray(at, at + length));
      at += length;
    }
    if (at < bytes.length) reader.push(bytes.subarray(at));
    reader.end();
  } catch (thrown) {
    error = thrown;
  }
  return { frames: collector.frames, warnings: collector.warnings, infos: collector.infos, error };
}

/** A Frame as a test writes it: data in hex, noTimestamp false unless given. */
export function frameOf(fields: Omit<Frame, "data" | "noTimestamp"> & { data: string; noTimestamp?: boolean }): Frame {
  return { noTimestamp: false, ...fields, data: Uint8Array.from(Buffer.from(fields.data.replace(/\s+/g, ""), "hex")) };
}
