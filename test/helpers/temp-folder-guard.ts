import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";

const PREFIX = "tcp-annotate-tests-";
/** How many leftover paths the complaint names before it says how many more there are. */
const NAMED = 20;

/**
 * Vitest's global setup: the run gets a temp folder of its own (TMPDIR, which os.tmpdir() reads
 * each time it is called, in the workers and in every command they start, as mktemp does), and at
 * the end the run fails, naming what is left in it, if a test did not remove what it wrote
 * (test/helpers/scratch.ts does). The folder is removed either way. Each project of
 * vitest.config.ts inherits this setup from the root: only the first to run makes the folder.
 */
export default function guardTempFolder(): () => void {
  if (basename(tmpdir()).startsWith(PREFIX)) return () => {};
  const folder = mkdtempSync(join(tmpdir(), PREFIX));
  process.env["TMPDIR"] = folder;
  return () => {
    const left = leftovers(folder);
    rmSync(folder, { recursive: true, force: true });
    if (left.length === 0) return;
    const named = left.slice(0, NAMED).join(", ");
    const more = left.length > NAMED ? ` and ${left.length - NAMED} more` : "";
    process.stderr.write(
      `\nthe tests left ${left.length} files and folders in the temp folder: ${named}${more}; ` +
        "each test file must remove what it writes (test/helpers/scratch.ts)\n",
    );
    process.exitCode = 1;
  };
}

/** Every file, and every empty folder, under `folder`, as paths relative to it. */
function leftovers(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory() || readdirSync(join(entry.parentPath, entry.name)).length === 0)
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}
