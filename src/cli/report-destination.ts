import { closeSync, existsSync, openSync, readSync } from "node:fs";
import { basename } from "node:path";
import { GENERATOR_META } from "../render/report/html-report.js";

/** Where the report goes: a file (and whether to say where, as the user did not name it), or stdout. */
export type ReportDestination = { file: string; chosenHere: boolean } | { file: undefined };

/** Bytes of an existing file read to see whether it is a report this tool wrote. */
const HEAD_BYTES = 1024;

/**
 * -o FILE; else stdout, unless stdout is a terminal, where a page of HTML is of no use: then a file
 * named after the first capture, in the current directory (seed-9502.pcap.gz -> seed-9502.html),
 * written over only if it is a report this tool wrote before. Decided before reading, so that a
 * refusal costs nothing. Returns the reason as a string when it cannot choose.
 */
export function reportDestination(
  output: string | undefined,
  captures: readonly string[],
  stdoutIsTerminal: boolean,
): ReportDestination | string {
  if (output !== undefined) return { file: output, chosenHere: false };
  if (!stdoutIsTerminal) return { file: undefined };
  const first =
    captures[0] === undefined || captures[0] === "-"
      ? "tcp-annotate-report"
      : basename(captures[0]).replace(/(\.(pcapng|pcap|cap|dmp|gz))+$/i, "");
  const file = `${first === "" ? "tcp-annotate-report" : first}.html`;
  if (existsSync(file) && !isOurReport(file)) {
    return `${file} exists and is not a report of tcp-annotate; name the file to write with -o FILE (or redirect stdout)`;
  }
  return { file, chosenHere: true };
}

function isOurReport(file: string): boolean {
  try {
    const descriptor = openSync(file, "r");
    try {
      const head = Buffer.alloc(HEAD_BYTES);
      const read = readSync(descriptor, head, 0, HEAD_BYTES, 0);
      return head.subarray(0, read).toString("utf8").includes(GENERATOR_META.text);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return false;
  }
}
