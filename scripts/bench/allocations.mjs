// Bytes allocated per function while the track stage (the annotator without explanations,
// connections let go of, as summary runs it) reads a capture, garbage included: V8's sampling
// heap profiler, through the inspector. Shows what the hot path allocates per segment.
//
//   node scripts/bench/allocations.mjs CAPTURE [--top N]

import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { Annotator, readCaptures } from "../../dist/index.js";

const { values, positionals } = parseArgs({
  options: { top: { type: "string", default: "25" } },
  allowPositionals: true,
});
if (positionals.length !== 1) throw new Error("usage: allocations.mjs CAPTURE [--top N]");

const session = new Session();
session.connect();
await session.post("HeapProfiler.enable");
await session.post("HeapProfiler.startSampling", {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
const annotator = new Annotator({ event: () => {} }, { explain: false, tracker: { keepConnections: false } });
await readCaptures(positionals, annotator);
const totals = annotator.finish();
const { profile } = await session.post("HeapProfiler.stopSampling");

/** Self bytes per function, over the whole tree of allocation stacks. */
const bytes = new Map();
/** @param {import("node:inspector").HeapProfiler.SamplingHeapProfileNode} node */
const walk = (node) => {
  const frame = node.callFrame;
  const name = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/.*\/dist\//, "")}:${frame.lineNumber + 1}`;
  bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child);
};
walk(profile.head);
const total = [...bytes.values()].reduce((sum, size) => sum + size, 0);
process.stdout.write(
  `${(total / 1e6).toFixed(0)} MB allocated over ${totals.segments} segments (${Math.round(total / totals.segments)} bytes each)\n`,
);
for (const [name, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  process.stdout.write(`${(size / 1e6).toFixed(1).padStart(8)} MB  ${name}\n`);
}
