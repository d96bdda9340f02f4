import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { renderHtmlReport } from "../render/diagram/html-report.js";
import { summarize } from "../track/summary.js";
import { selectorOf } from "./common-options.js";
import { addPictureOptions, ladderFor, type PictureOptions } from "./picture-options.js";
import { EXIT, formatError } from "./problems.js";
import { readConnections } from "./read-connections.js";
import { readStatus } from "./read-inputs.js";

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

async function report(captures: string[], options: ReportOptions): Promise<number> {
  const read = await readConnections(captures, selectorOf(options), options.msl, { strict: options.strict, quiet: options.quiet });
  const connections = read.connections.map((buffered) => ({ ladder: ladderFor(buffered, options), summary: summarize(buffered.connection) }));
  const page = renderHtmlReport({ captures: read.captures, totals: read.totals, connections }, options.lang);
  const written = writeReport(page, options.output);
  return readStatus(read) ?? (written ? EXIT.ok : EXIT.unreadable);
}

/** To the file asked for, or stdout; a file that cannot be written is said in one line. */
function writeReport(page: string, output: string | undefined): boolean {
  if (output === undefined) {
    process.stdout.write(page);
    return true;
  }
  try {
    writeFileSync(output, page);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(formatError(`${output}: cannot write the report: ${reason}`) + "\n");
    return false;
  }
}
