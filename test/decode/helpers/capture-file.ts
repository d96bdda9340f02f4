import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { CaptureReader } from "../../../src/capture/reader.js";
import type { Frame } from "../../../src/capture/frame.js";

/** Every frame of a fixture, read by the project's own reader and copied (the reader reuses its Frame). */
export function readCaptureFile(path: string): Frame[] {
  let bytes = new Uint8Array(readFileSync(path));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = new Uint8Array(gunzipSync(bytes));
  const frames: Frame[] = [];
  const reader = new CaptureReader({
    frame: (frame) => frames.push({ ...frame, data: frame.data.slice() }),
    warning: () => {},
  });
  reader.push(bytes);
  reader.end();
  return frames;
}
