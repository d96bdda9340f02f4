import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Annotator } from "../../src/annotate/annotator.js";
import type { WarningEvent } from "../../src/annotate/events.js";
import { StreamOrder } from "../../src/annotate/stream-order.js";
import { readCapture } from "../../src/capture/index.js";
import { summarize, type ConnectionSummary } from "../../src/track/summary.js";
import { ROOT } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";

/**
 * The annotator letting finished connections go (summary's memory bound) against keeping every
 * one: on a capture of many interleaved connections, the same summaries in the same order.
 */
const generated = join(scratchFolder("letting-go"), "generated.pcap");

async function summaries(
  keepConnections: boolean,
  letGo: { closeDelaySeconds: number; maxClosing?: number } = { closeDelaySeconds: 0.05 },
) {
  const retired: ConnectionSummary[] = [];
  const warnings: WarningEvent[] = [];
  let handedOver = 0;
  const order = new StreamOrder<ConnectionSummary>((summary) => retired.push(summary));
  const annotator = new Annotator(
    {
      event: (event) => event.kind === "warning" && warnings.push(event),
      retired: (connection) => {
        handedOver++;
        order.add(connection.stream, summarize(connection));
      },
    },
    { explain: false, tracker: { keepConnections, ...letGo } },
  );
  await readCapture(generated, annotator);
  const beforeEnd = handedOver;
  const totals = annotator.finish();
  order.flush();
  return { retired, beforeEnd, warnings, totals, kept: annotator.connections.map(summarize) };
}

describe("letting finished connections go", () => {
  beforeAll(() => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, "scripts", "bench", "generate.mjs"), generated, "--connections", "3000", "--seed", "3"],
      { encoding: "utf8" },
    );
    if (run.status !== 0) throw new Error(run.stderr);
  });

  it("summarizes every connection as keeping them all does, in stream order", async () => {
    const kept = await summaries(true);
    const letGo = await summaries(false);
    expect(kept.kept).toHaveLength(3000);
    expect(letGo.kept).toEqual([]);
    // Nearly all were let go of while the capture was read; those kept wait for the end.
    expect(letGo.beforeEnd).toBeGreaterThan(2800);
    expect(kept.beforeEnd).toBe(0);
    expect(letGo.totals).toEqual(kept.totals);
    expect(letGo.warnings).toEqual(kept.warnings);
    expect(letGo.retired).toEqual(kept.kept);
  });

  it("holds at most maxClosing finished connections: past it the one waiting longest goes, with the same summary", async () => {
    const kept = await summaries(true);
    // 3000 connections arrive within 1.5 s: with a 5 s delay, only the limit lets them go early.
    const limited = await summaries(false, { closeDelaySeconds: 5, maxClosing: 64 });
    expect(limited.beforeEnd).toBeGreaterThan(2800);
    expect(limited.retired).toEqual(kept.kept);
    const unlimited = await summaries(false, { closeDelaySeconds: 5 });
    expect(unlimited.beforeEnd).toBe(0);
  });
});
