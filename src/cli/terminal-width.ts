import { InvalidArgumentError } from "commander";
import { parseNonNegativeInteger } from "./options.js";

/** No terminal is wider: a width beyond it would only build lines too long for a string (an internal error). */
const WIDEST = 1000;

export function parseWidth(value: string): number {
  const columns = parseNonNegativeInteger(value);
  if (columns === 0 || columns > WIDEST) throw new InvalidArgumentError(`from 1 to ${WIDEST} columns.`);
  return columns;
}

/**
 * The columns output is laid out for: --width, else COLUMNS (as `COLUMNS=100 tcp-annotate ...`
 * or a shell that exports it), else the terminal's own width; undefined when none says, in a pipe
 * or a file, where lines are not wrapped at all.
 */
export function outputColumns(
  requested: number | undefined,
  stdout: { isTTY?: boolean; columns?: number } = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): number | undefined {
  if (requested !== undefined) return requested;
  const fromEnv = env["COLUMNS"];
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv) && Number(fromEnv) > 0 && Number(fromEnv) <= WIDEST)
    return Number(fromEnv);
  return stdout.isTTY === true && stdout.columns !== undefined && stdout.columns > 0 ? stdout.columns : undefined;
}

export const WIDTH_OPTION = [
  "--width <columns>",
  "lay the output out for this many columns (default: COLUMNS, or the terminal's width; no limit in a pipe or a file)",
] as const;
