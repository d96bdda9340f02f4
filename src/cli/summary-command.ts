import { InvalidArgumentError, type Command } from "commander";
import { StreamOrder } from "../annotate/stream-order.js";
import { summaryWriter } from "../render/summary/summary-output.js";
import { SUMMARY_COLUMNS, type SummaryColumn } from "../render/summary/summary-table.js";
import { summarize } from "../track/summary.js";
import { addCommonOptions, selectorOf, type CommonOptions } from "./common-options.js";
import { addFindingOptions, findingThresholdsOf, type FindingOptions } from "./finding-options.js";
import { parseChoice, useColor } from "./options.js";
import { Output } from "./output.js";
import { runPipeline } from "./pipeline.js";
import { EXIT } from "./problems.js";
import { readStatus } from "./read-inputs.js";
import { Selection } from "./selection.js";
import { outputColumns, parseWidth, WIDTH_OPTION } from "./terminal-width.js";

interface SummaryOptions extends CommonOptions, FindingOptions {
  format: "text" | "json" | "ndjson";
  color: boolean;
  columns?: SummaryColumn[] | "all";
  width?: number;
}

export function addSummaryCommand(program: Command): void {
  const command = program
    .command("summary")
    .description(
      "one row per connection: traffic each way, iRTT, how it opened and ended, final states, retransmissions, Zeek's and Wireshark's verdicts",
    )
    .argument("<capture...>", 'pcap or pcapng files (gzip too), or "-" for standard input')
    .option(
      "-f, --format <format>",
      "text (a table), json or ndjson",
      parseChoice(["text", "json", "ndjson"] as const),
      "text",
    )
    .option("--no-color", "never colour the output")
    .option(
      "--columns <names>",
      `the table's columns, in this order, or "all" (default: those that fit the terminal; all in a pipe or a file): ${SUMMARY_COLUMNS.join(", ")}`,
      parseColumns,
    )
    .option(...WIDTH_OPTION, parseWidth);
  addFindingOptions(addCommonOptions(command)).action(async (captures: string[], options: SummaryOptions) => {
    process.exitCode = await summary(captures, options);
  });
}

/**
 * Each connection is summarized when it is retired and its record written into bytes at once,
 * which go out (for the table, measured and padded) in stream order: memory follows the open
 * connections, not the capture.
 */
async function summary(captures: string[], options: SummaryOptions): Promise<number> {
  const selection = new Selection(selectorOf(options));
  const output = new Output();
  const table = {
    language: options.lang,
    color: useColor(options.color),
    width: outputColumns(options.width),
    columns: options.columns === "all" ? [...SUMMARY_COLUMNS] : options.columns,
  };
  const writer = summaryWriter(options.format, table, output);
  // What waits for its turn is the record's number, its bytes held by the writer.
  const order = new StreamOrder<number>((record) => writer.release(record));
  // The table needs connections only: no explanation is written, and no segment event made.
  const run = await runPipeline(
    captures,
    options,
    { selection, annotator: { explain: false, segmentEvents: false, findings: findingThresholdsOf(options) } },
    {
      retired: (connection, chosen) =>
        order.add(connection.stream, chosen ? writer.hold(summarize(connection)) : undefined),
      ready: () => output.ready(),
    },
  );
  order.flush();
  const status = readStatus(run);
  if (status === EXIT.unreadable && run.totals.connections === 0) return status;
  writer.end(run.findings);
  output.flush();
  if (status === undefined) selection.sayIfNone(run.totals.connections);
  return status ?? EXIT.ok;
}

/** "all", or column names separated by commas. */
function parseColumns(value: string): SummaryColumn[] | "all" {
  if (value.trim() === "all") return "all";
  const names = value.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !(SUMMARY_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0)
    throw new InvalidArgumentError(
      `unknown column ${unknown.map((name) => `"${name}"`).join(", ")}: choose from ${SUMMARY_COLUMNS.join(", ")}, or all.`,
    );
  return names as SummaryColumn[];
}
