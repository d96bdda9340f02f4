import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

/**
 * A folder of its own in the temp folder for the files the tests of a file (or of the describe
 * block it is called in) write: made before the first of them and removed, with everything in it,
 * after the last, whether they passed or failed. Only its path is known while the tests are
 * collected, so tests that are skipped or filtered out leave nothing behind either: write in it
 * from beforeAll or from the tests, never while collecting them.
 */
export function scratchFolder(name: string): string {
  const folder = join(tmpdir(), `tcp-annotate-${name}-${randomBytes(4).toString("hex")}`);
  beforeAll(() => {
    mkdirSync(folder, { mode: 0o700 });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
