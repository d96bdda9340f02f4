import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { captures, epochOf, fixturesDir, framesOf, name } from "./support/fixture-captures.js";

/*
 * The reader against tshark itself, run on every real capture under fixtures/ when it is
 * installed: one tshark process per capture, so it is in the slow suite (docs/testing.md).
 */

const tsharkInstalled = spawnSync("tshark", ["--version"], { stdio: "ignore" }).status === 0;

describe.runIf(tsharkInstalled)("tshark agrees on every record of every fixture", () => {
  const run = promisify(execFile);
  const FIELDS = ["frame.number", "frame.time_epoch", "frame.cap_len", "frame.len"];

  it.concurrent.each(captures.map(name))(
    "%s",
    async (file) => {
      const path = join(fixturesDir, file);
      const args = ["-r", path, "-T", "fields", ...FIELDS.flatMap((field) => ["-e", field])];
      const { stdout } = await run("tshark", args, { maxBuffer: 64 * 1024 * 1024 });
      const ours = (await framesOf(path)).map((frame) =>
        [frame.index, epochOf(frame), frame.capLen, frame.origLen].join("\t"),
      );
      expect(ours).toEqual(stdout.trimEnd().split("\n"));
    },
    60_000,
  );
});
