// The whole pipeline (read, decode, track, explain) in process, with a handler that drops every
// event: what a summary costs before any output.
//
//   node scripts/bench/annotate-noop.mjs CAPTURE...

import { Annotator, readCaptures } from "../../dist/index.js";

const inputs = process.argv.slice(2);
if (inputs.length === 0) throw new Error("usage: annotate-noop.mjs CAPTURE...");
const annotator = new Annotator({ event: () => {} });
await readCaptures(inputs, annotator);
process.stdout.write(`${JSON.stringify(annotator.finish())}\n`);
