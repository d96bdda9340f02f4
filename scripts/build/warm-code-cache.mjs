// Makes V8's code cache of the bundled command line (dist/cli/program.cache): runs the README's
// first command, the text timeline of the bundled capture, and at exit keeps what V8 compiled for
// it. Spawned by bundle-cli.mjs; its output is not read.
//
//   node scripts/build/warm-code-cache.mjs

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { CODE_CACHE, compileProgram, runProgram } from "../../dist/cli/code-cache.cjs";

const CAPTURE = join(import.meta.dirname, "..", "..", "fixtures", "seed", "seed-9502.pcap");

const program = compileProgram();
process.on("exit", () => {
  // V8 takes a cache only under the flags it was made with. The program sets two (src/cli/main.ts,
  // short-input.ts): back to Node's defaults, those a run starts with when it reads the cache.
  setFlagsFromString("--heap-growing-percent=0");
  setFlagsFromString("--opt");
  writeFileSync(CODE_CACHE, program.createCachedData());
});
process.argv = [process.execPath, join(import.meta.dirname, "..", "..", "dist", "cli", "tcp-annotate.cjs"), CAPTURE];
runProgram(program);
