import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

/** How many leftover paths the complaint names before it says how many more there are. */
const NAMED = 20;

/**
 * Vitest's global setup: the run gets a temp folder of its own (TMPDIR, which os.tmpdir() reads
 * each time it is called, in the workers and in every command they start, as mktemp does), and at
 * the end the run fails, naming what is left in it, if a test did not remove what it wrote
 * (test/helpers/scratch.ts does). The folder is removed either way.
 */
export default function guardTempFolder(): () => void {
  const folder = mkdtempSync(join(tmpdir(), "tcp-annotate-tests-"));
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
