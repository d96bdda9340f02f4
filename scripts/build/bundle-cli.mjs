// The last step of `npm run build`: bundles the command line (dist/cli/main.js, as tsc wrote it,
// with every module it imports, commander's included) into one file, dist/cli/tcp-annotate.js,
// the package's bin. Node loads each ES module on its own (resolve, read, compile, link): the
// tool's 240 modules took about 0.2 s before any frame was read, more than tshark's whole run on
// a small capture; one file takes a few hundredths (docs/performance.md, Start-up). The library
// (dist/index.js) stays as tsc wrote it. esbuild-wasm rather than esbuild: the same bundler,
// without a native binary fetched at install time; it takes seconds, so a bundle newer than
// everything it is made of is kept.
//
//   node scripts/build/bundle-cli.mjs

import { chmodSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild-wasm";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli");
const BIN = join(CLI, "tcp-annotate.js");

/** The last time anything bundled changed: tsc's output, and the dependencies the lockfile pins. */
function newestInput() {
  const dist = join(ROOT, "dist");
  const outputs = readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => join(dist, file))
    .filter((file) => file !== BIN);
  return Math.max(...[join(ROOT, "package-lock.json"), ...outputs].map((file) => statSync(file).mtimeMs));
}

function upToDate() {
  try {
    return statSync(BIN).mtimeMs >= newestInput();
  } catch {
    return false;
  }
}

if (!upToDate()) {
  await build({
    entryPoints: [join(CLI, "main.js")],
    // Beside main.js, so that paths relative to the module (the version's package.json) still hold.
    outfile: BIN,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // commander is CommonJS: its require() of Node's modules needs a require in an ES module.
    banner: {
      js: 'import { createRequire as bundledRequire } from "node:module";\nconst require = bundledRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
  chmodSync(BIN, 0o755);
}
