// What drawing summary's table costs on its own: the capture's connections are summarized
// first, as summary does, then the table is drawn from those rows eleven times, its text
// counted and dropped; prints the best and the median in milliseconds.
//
//   node scripts/bench/summary-table.mjs CAPTURE...

import { Annotator, readCaptures, summarize } from "../../dist/index.js";
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
let characters = 0;
for (let round = 0; round < ROUNDS; round++) {
  characters = 0;
  const start = process.hrtime.bigint();
  const writer = summaryWriter("text", { language: "en", color: false }, (text) => (characters += text.length));
  for (const summary of summaries) writer.add(summary);
  writer.end();
  milliseconds.push(Number(process.hrtime.bigint() - start) / 1e6);
}
milliseconds.sort((a, b) => a - b);
const best = Math.round(milliseconds[0] ?? NaN);
const median = Math.round(milliseconds[(ROUNDS - 1) / 2] ?? NaN);
process.stdout.write(`${JSON.stringify({ rows: summaries.length, characters, bestMs: best, medianMs: median })}\n`);
