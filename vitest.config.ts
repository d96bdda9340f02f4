import { defineConfig } from "vitest/config";

/**
 * Two suites (docs/testing.md): `quick`, run by `npm test`, and `slow` (files named
 * *.slow.test.ts: the live tshark oracles, a live tcpdump capture, Chromium, the benchmark, the
 * large fuzz run and inputs of tens of thousands of rows), run by `npm run test:slow`.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "quick", include: ["test/**/*.test.ts"], exclude: ["test/**/*.slow.test.ts"] } },
      { extends: true, test: { name: "slow", include: ["test/**/*.slow.test.ts"] } },
    ],
  },
});
