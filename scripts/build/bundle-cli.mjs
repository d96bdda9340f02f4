// The last step of `npm run build`: bundles the command line (dist/cli/main.js, as tsc wrote it,
// with every module it imports, commander's included) into one CommonJS file, dist/cli/program.cjs,
// and makes V8's code cache of it, dist/cli/program.cache. The package's bin, dist/cli/tcp-annotate.cjs
// (src/cli/tcp-annotate.cts), compiles the one with the other (src/cli/code-cache.cts). Node loads each
// ES module on its own (resolve, read, compile, link): the tool's 240 modules took about 0.2 s
// before any frame was read, more than tshark's whole run on a small capture; one file takes a few
// hundredths, and the cache spares most of the compiling (docs/performance.md, Start-up). CommonJS
// because Node compiles only a script, not an ES module, with a code cache. The library
// (dist/index.js) stays as tsc wrote it. esbuild-wasm rather than esbuild: the same bundler,
// without a native binary fetched at install time; it takes seconds, so a bundle newer than
// everything it is made of is kept.
//
//   node scripts/build/bundle-cli.mjs

import { execFileSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild-wasm";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli");
const BIN = join(CLI, "tcp-annotate.cjs");
const PROGRAM = join(CLI, "program.cjs");
const CODE_CACHE = join(CLI, "program.cache");

/** The last time anything bundled changed: tsc's output, and the dependencies the lockfile pins. */
function newestInput() {
  const dist = join(ROOT, "dist");
  const outputs = readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.c?js$/.test(file) && !file.endsWith("program.cjs"))
    .map((file) => join(dist, file));
  return Math.max(...[join(ROOT, "package-lock.json"), ...outputs].map((file) => statSync(file).mtimeMs));
}

function upToDate() {
  try {
    return Math.min(statSync(PROGRAM).mtimeMs, statSync(CODE_CACHE).mtimeMs) >= newestInput();
  } catch {
    return false;
  }
}

/** The program read as latin1 must be the text it is (code-cache.cts): any other character is written as an escape in the source. */
function checkAscii() {
  const bytes = readFileSync(PROGRAM);
  const at = bytes.findIndex((byte) => byte >= 0x80);
  if (at >= 0)
    throw new Error(`${PROGRAM}: a byte above 0x7f at ${at}: write the character as a \\u escape in the source`);
}

/** A cache left from an older program would be taken for the new one if their lengths matched: it goes first. */
async function bundle() {
  rmSync(CODE_CACHE, { force: true });
  await build({
    entryPoints: [join(CLI, "main.js")],
    // Beside main.js, so that paths relative to the module (the version's package.json) still hold.
    outfile: PROGRAM,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // A smaller text to read and compile; names are kept, for profiles and messages.
    minifyWhitespace: true,
    minifySyntax: true,
    // import.meta is an ES module's: the program's own file stands for it.
    define: { "import.meta.url": "programUrl" },
    banner: { js: 'var programUrl = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: "warning",
  });
  checkAscii();
}

/** The code cache, made by a run of the README's first command, then checked as a fresh run takes it. */
function makeCodeCache() {
  execFileSync(process.execPath, [join(import.meta.dirname, "warm-code-cache.mjs")], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const check = `process.exit(require(${JSON.stringify(join(CLI, "code-cache.cjs"))}).compileProgram().cachedDataRejected === false ? 0 : 1)`;
  try {
    execFileSync(process.execPath, ["-e", check], { stdio: "inherit" });
  } catch {
    rmSync(CODE_CACHE, { force: true });
    throw new Error(
      `V8 rejected the code cache it just made: does the program set a V8 flag that warm-code-cache.mjs does not reset?`,
    );
  }
}

if (!upToDate()) {
  await bundle();
  makeCodeCache();
}
chmodSync(BIN, 0o755);
