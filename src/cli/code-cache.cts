import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";

/**
 * The command line bundled into one CommonJS file (scripts/build/bundle-cli.mjs), beside this module.
 * This module and the bin are CommonJS too: Node starts a CommonJS entry without setting up its ES
 * module loader, a hundredth of a second of every run.
 */
export const PROGRAM = join(__dirname, "program.cjs");
/** V8's code cache of the program, made at build time by a run on a bundled capture. */
export const CODE_CACHE = join(__dirname, "program.cache");

/**
 * The program compiled with the code cache when there is one: V8 takes the functions the build's
 * run compiled from it rather than parse and compile them again (docs/performance.md, Start-up).
 * A cache that another V8, or other V8 flags, made is rejected (`cachedDataRejected`), and the
 * program compiles as it would without one. The bundle is ASCII (the build checks): read as
 * latin1, it is a one-byte string with no UTF-8 to decode.
 */
export function compileProgram(): Script {
  const source = readFileSync(PROGRAM, "latin1");
  return new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: PROGRAM,
    cachedData: readCodeCache(),
  });
}

function readCodeCache(): Buffer | undefined {
  try {
    return readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
}

/** Run the program as Node runs a CommonJS module: it reads the command line from process.argv. */
export function runProgram(program: Script): void {
  const run = program.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string,
  ) => void;
  const module = { exports: {} };
  run(module.exports, createRequire(PROGRAM), module, PROGRAM, __dirname);
}
