import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Two suites (docs/testing.md): `quick`, run by `npm test`, and `slow` (files named
 * *.slow.test.ts: the live tshark oracles, a live tcpdump capture, Chromium, the benchmark, the
 * large fuzz run, inputs of tens of thousands of rows, pseudo-terminals and signals), run by
 * `npm run test:slow`.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    // The hooks do the tests' kind of work (start Chromium, generate captures of 40,000
    // connections): on a loaded machine they outlast vitest's 10 s, and a hook cut short leaves
    // what it started running, writing into a scratch folder already removed.
    hookTimeout: 60_000,
    // A temp folder of the run's own, which must be empty at the end: no test leaves files behind.
    globalSetup: ["test/helpers/temp-folder-guard.ts"],
    // One worker per core, not vitest's cores - 1: most tests wait on the command they started,
    // which runs on the other core.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: "quick",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.slow.test.ts"],
          // The files share a worker's loaded modules instead of loading src/ afresh each (no test
          // keeps state between files: src/ holds no module-level mutable state): half the CPU time.
          isolate: false,
        },
      },
      { extends: true, test: { name: "slow", include: ["test/**/*.slow.test.ts"] } },
    ],
  },
});
