import { closeSync, openSync, readSync, statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { startsAsGzip } from "../capture/index.js";
import { pathOf } from "./arguments.js";

/** Captures of fewer bytes than this in all are short (docs/performance.md, Start-up). */
export const SHORT_INPUT_BYTES = 1024 * 1024;
/** Enough of a file's start to tell gzip (startsAsGzip). */
const HEAD_BYTES = 2;

/**
 * V8 compiles a function that runs hot with its optimizing compiler, on a second thread. Reading a
 * capture of a few thousand frames ends before that pays back: the public port scan in
 * fixtures/shared (2,011 frames) takes about two thirds of the CPU time without it, where a
 * capture of 100,000 frames takes twice as long. So when every input is a plain capture file
 * (not standard input, of unknown length, nor gzip, several times longer than its bytes) and they
 * are under SHORT_INPUT_BYTES in all, the run is left to V8's interpreter and baseline compiler.
 * Called before the first frame is read: no function has been optimized yet.
 */
export function leaveShortInputUnoptimized(inputs: readonly string[]): void {
  if (isShortInput(inputs)) setFlagsFromString("--no-opt");
}

/** Every input is a plain capture file, and they are under SHORT_INPUT_BYTES in all. */
export function isShortInput(inputs: readonly string[]): boolean {
  let total = 0;
  for (const input of inputs) {
    const size = input === "-" ? undefined : plainFileSize(input);
    if (size === undefined) return false;
    total += size;
  }
  return total < SHORT_INPUT_BYTES;
}

/**
 * The size of a regular file that is not gzip; undefined for anything else, or a file that cannot be
 * read (reading it says why). Looked at before it is opened: opening a named pipe waits for a writer.
 */
function plainFileSize(input: string): number | undefined {
  const path = pathOf(input);
  let fd: number | undefined;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) return undefined;
    fd = openSync(path, "r");
    const head = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, head, 0, head.length, 0);
    return startsAsGzip([head.subarray(0, read)]) ? undefined : stats.size;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
