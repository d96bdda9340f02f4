import type { Command } from "commander";
import { HtmlReportWriter } from "../render/report/html-report.js";
import { terminalSafe } from "../render/shared/terminal-safe.js";
import { summarize } from "../track/summary.js";
import { selectorOf } from "./common-options.js";
import { addPictureOptions, type PictureOptions } from "./picture-options.js";
import { EXIT, formatError } from "./problems.js";
import { readConnections } from "./read-connections.js";
import { readStatus } from "./read-inputs.js";
import { reportDestination } from "./report-destination.js";
import { ReportFile, ReportFileError } from "./report-file.js";
import { Selection } from "./selection.js";

interface ReportOptions extends PictureOptions {
  output?: string;
}

export function addReportCommand(program: Command): void {
  const command = program
    .command("report")
    .description(
      "write one HTML page that works offline: the connections' summary table and each one's ladder diagram, explanations on hover and click",
    )
    .argument("<capture...>", 'pcap or pcapng files (gzip too), or "-" for standard input')
    .option(
      "-o, --output <file>",
      "write the report to this file (default: standard output; when that is a terminal, a file named after the first capture)",
    );
  addPictureOptions(command).action(async (captures: string[], options: ReportOptions) => {
    process.exitCode = await report(captures, options);
  });
}

/** Each connection's section is rendered once it is done; the page is written at the end, as its head needs the totals. */
async function report(captures: string[], options: ReportOptions): Promise<number> {
  const destination = reportDestination(options.output, captures, process.stdout.isTTY === true);
  if (typeof destination === "string") {
    process.stderr.write(formatError(destination) + "\n");
    return EXIT.unreadable;
  }
  let file: ReportFile | undefined;
  try {
    file = destination.file === undefined ? undefined : ReportFile.open(destination.file, captures);
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    process.stderr.write(formatError(error.message) + "\n");
    return EXIT.unreadable;
  }
  const writer = new HtmlReportWriter(options.lang);
  const selection = new Selection(selectorOf(options));
  const read = await readConnections(
    captures,
    options,
    { selection, findings: true, zeek: true },
    ({ connection, ladder }) => {
      writer.add({ ladder, summary: summarize(connection) });
    },
  );
  // A capture of which not even the header could be read gets no report, only the error.
  const readNothing = read.error !== undefined && read.captures.length === 0;
  if (readNothing) file?.abandon();
  const written =
    readNothing || writeReport(writer.pieces(read.captures, read.totals, read.findings), file, destination.file);
  if (!readNothing && written && destination.file !== undefined && destination.chosenHere) {
    process.stderr.write(
      `tcp-annotate: the report is in ${terminalSafe(destination.file)} (stdout is a terminal; -o FILE names another file)\n`,
    );
  }
  const status = readStatus(read);
  if (status === undefined) selection.sayIfNone(read.totals.connections);
  return status ?? (written ? EXIT.ok : EXIT.unreadable);
}

/** To the file asked for, or stdout, piece by piece; a file that cannot be written (a full disk) is said in one line. */
function writeReport(pieces: readonly Buffer[], file: ReportFile | undefined, name: string | undefined): boolean {
  if (file === undefined) {
    for (const piece of pieces) process.stdout.write(piece);
    return true;
  }
  try {
    file.write(pieces);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(formatError(`${name}: cannot write the report: ${reason}`) + "\n");
    return false;
  }
}
