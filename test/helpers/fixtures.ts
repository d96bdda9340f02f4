import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

/** Every capture under fixtures/ that has a tshark golden beside it, as paths relative to fixtures/. */
export function capturesWithGoldens(): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".tshark.tsv")) found.push(relative(FIXTURES, path.slice(0, -".tshark.tsv".length)));
    }
  };
  walk(FIXTURES);
  return found;
}

export type GoldenRow = Record<string, string>;

/** The tshark golden of a capture: one row per TCP frame, keyed by tshark field name. */
export function readGolden(capture: string): GoldenRow[] {
  const [header, ...lines] = readFileSync(join(FIXTURES, `${capture}.tshark.tsv`), "utf8")
    .split("\n")
    .filter((line) => line !== "");
  const names = (header ?? "").split("\t");
  return lines.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ""]));
  });
}
