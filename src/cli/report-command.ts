import type { Command } from "commander";
import { HtmlReportWriter } from "../render/diagram/html-report.js";
import { summarize } from "../track/summary.js";
import { selectorOf } from "./common-options.js";
import { addPictureOptions, type PictureOptions } from "./picture-options.js";
import { EXIT, formatError } from "./problems.js";
import { readConnections } from "./read-connections.js";
import { readStatus } from "./read-inputs.js";
import { ReportFile, ReportFileError } from "./report-file.js";

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
    .option("-o, --output <file>", "write the report to this file (default: standard output)");
  addPictureOptions(command).action(async (captures: string[], options: ReportOptions) => {
    process.exitCode = await report(captures, options);
  });
}

/** Each connection's section is rendered once it is done; the page is written at the end, as its head needs the totals. */
async function report(captures: string[], options: ReportOptions): Promise<number> {
  let file: ReportFile | undefined;
  try {
    file = options.output === undefined ? undefined : ReportFile.open(options.output, captures);
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    process.stderr.write(formatError(error.message) + "\n");
    return EXIT.unreadable;
  }
  const writer = new HtmlReportWriter(options.lang);
  const drawing = { mslSeconds: options.msl, full: options.full };
  const read = await readConnections(captures, selectorOf(options), drawing, { strict: options.strict, quiet: options.quiet }, ({ connection, ladder }) => {
    writer.add({ ladder, summary: summarize(connection) });
  });
  const written = writeReport(writer.pieces(read.captures, read.totals), file, options.output);
  return readStatus(read) ?? (written ? EXIT.ok : EXIT.unreadable);
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
