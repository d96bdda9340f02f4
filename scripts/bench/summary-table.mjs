// What drawing summary's table costs on its own: the capture's connections are summarized
// first, as summary does, then the table is drawn from those rows eleven times, into the bytes
// summary's output would take, counted and dropped; prints the best and the median in milliseconds.
//
//   node scripts/bench/summary-table.mjs CAPTURE...

import { Annotator, readCaptures, summarize } from "../../dist/index.js";
import { ByteWriter } from "../../dist/render/shared/byte-writer.js";
import { summaryWriter } from "../../dist/render/summary/summary-output.js";

const ROUNDS = 11;

const inputs = process.argv.slice(2);
if (inputs.length === 0) throw new Error("usage: summary-table.mjs CAPTURE...");
/** @type {ReturnType<typeof summarize>[]} */
const summaries = [];
const annotator = new Annotator(
  { event() {}, retired: (connection) => summaries.push(summarize(connection)) },
  { explain: false, tracker: { keepConnections: false } },
);
await readCaptures(inputs, annotator);
annotator.finish();
summaries.sort((a, b) => a.stream - b.stream);

/** @type {number[]} */
const milliseconds = [];
let bytes = 0;
for (let round = 0; round < ROUNDS; round++) {
  bytes = 0;
  const start = process.hrtime.bigint();
  const output = {
    bytes: new ByteWriter((chunk, release) => {
      bytes += chunk.length;
      release?.();
    }, 1024 * 1024),
    wrote() {},
  };
  const writer = summaryWriter("text", { language: "en", color: false }, output);
  for (const summary of summaries) writer.release(writer.hold(summary));
  writer.end();
  output.bytes.flush();
  milliseconds.push(Number(process.hrtime.bigint() - start) / 1e6);
}
milliseconds.sort((a, b) => a - b);
const best = Math.round(milliseconds[0] ?? NaN);
const median = Math.round(milliseconds[(ROUNDS - 1) / 2] ?? NaN);
process.stdout.write(`${JSON.stringify({ rows: summaries.length, bytes, bestMs: best, medianMs: median })}\n`);
