import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHORT_INPUT_BYTES, UnoptimizedRun, isShortInput } from "../../src/cli/short-input.js";
import { pathToFileURL } from "node:url";
import { ROOT } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";

/** Which runs V8's optimizing compiler is left out of: plain capture files of under 1 MiB in all. */
describe("isShortInput", () => {
  const folder = scratchFolder("short-input");
  const file = (name: string, size: number) => {
    const path = join(folder, name);
    writeFileSync(path, Buffer.alloc(size));
    return path;
  };

  it("takes small plain files, several of them, as short", () => {
    expect(isShortInput(["fixtures/seed/seed-9502.pcap"])).toBe(true);
    expect(isShortInput(["fixtures/seed/seed-9502.pcap", "fixtures/shared/synscan.pcapng"])).toBe(true);
  });

  it("counts the files' bytes together", () => {
    const half = file("half.pcap", SHORT_INPUT_BYTES / 2);
    expect(isShortInput([half])).toBe(true);
    expect(isShortInput([half, half])).toBe(false);
    expect(isShortInput([file("whole.pcap", SHORT_INPUT_BYTES)])).toBe(false);
  });

  it("never takes standard input, gzip, a folder or a missing file as short", () => {
    expect(isShortInput(["-"])).toBe(false);
    expect(isShortInput(["fixtures/seed/seed-9502.pcap.gz"])).toBe(false);
    expect(isShortInput(["fixtures/seed"])).toBe(false);
    expect(isShortInput(["fixtures/seed/no-such.pcap"])).toBe(false);
    expect(isShortInput(["fixtures/seed/seed-9502.pcap", "-"])).toBe(false);
  });

  it("looks at a named pipe without opening it, which would wait for a writer", () => {
    const pipe = join(folder, "pipe.pcap");
    expect(spawnSync("mkfifo", [pipe]).status).toBe(0);
    expect(isShortInput([pipe])).toBe(false);
  });
});

describe("UnoptimizedRun", () => {
  it("turns the optimizing compiler back on once reading took longer than a short input takes", () => {
    let now = 1000;
    let optimized = 0;
    const run = new UnoptimizedRun(
      () => now,
      () => optimized++,
    );
    const read = (frames: number) => {
      for (let i = 0; i < frames; i++) run.frame();
    };
    read(1024);
    now += 499;
    read(256);
    expect(optimized).toBe(0);
    // The clock is looked at every 256 frames, not at each.
    now += 2;
    read(255);
    expect(optimized).toBe(0);
    read(1);
    expect(optimized).toBe(1);
    now += 10_000;
    read(10_000);
    expect(optimized).toBe(1);
  });

  it("turns V8's optimizing compiler back on in the process that runs it", () => {
    // A function run hot with the compiler off is compiled only once the run gives the compiler
    // back (compiled on the main thread, so that the trace says so at once).
    const script = `
      import { setFlagsFromString } from "node:v8";
      import { UnoptimizedRun } from ${JSON.stringify(pathToFileURL(join(ROOT, "dist", "cli", "short-input.js")).href)};
      setFlagsFromString("--no-opt");
      function hot(n) { let sum = 0; for (let i = 0; i < n; i++) sum += i % 7; return sum; }
      let now = 0;
      const run = new UnoptimizedRun(() => now);
      for (let i = 0; i < 3000; i++) hot(1000);
      console.log("-- past the budget");
      now = 1000;
      for (let i = 0; i < 256; i++) run.frame();
      for (let i = 0; i < 3000; i++) hot(1000);
    `;
    const run = spawnSync(
      process.execPath,
      ["--trace-opt", "--no-concurrent-recompilation", "--input-type=module", "-e", script],
      { encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    const [before, after] = run.stdout.split("-- past the budget");
    const compiledHot = /completed \w+ \S+ <JSFunction hot /;
    expect(before).not.toMatch(compiledHot);
    expect(after).toMatch(compiledHot);
  });
});
