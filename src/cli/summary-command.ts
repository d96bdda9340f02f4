import type { Command } from "commander";
import { Annotator } from "../annotate/annotator.js";
import { selects } from "../annotate/select.js";
import { connectionRecord } from "../render/ndjson.js";
import { renderSummaryTable } from "../render/summary-table.js";
import { renderSummaryTotals, summaryTotals } from "../render/summary-totals.js";
import { terminalSafeLines } from "../render/terminal-safe.js";
import { summarize, type ConnectionSummary } from "../track/summary.js";
import { addCommonOptions, selectorOf, type CommonOptions } from "./common-options.js";
import { parseChoice, useColor } from "./options.js";
import { Output } from "./output.js";
import { EXIT, formatWarning } from "./problems.js";
import { readInputs, readStatus } from "./read-inputs.js";

interface SummaryOptions extends CommonOptions {
  format: "text" | "json" | "ndjson";
  color: boolean;
}

export function addSummaryCommand(program: Command): void {
  const command = program
    .command("summary")
    .description("one row per connection: traffic each way, iRTT, how it opened and ended, final states, retransmissions, Zeek's and Wireshark's verdicts")
    .argument("<capture...>", 'pcap or pcapng files (gzip too), or "-" for standard input')
    .option("-f, --format <format>", "text (a table), json or ndjson", parseChoice(["text", "json", "ndjson"] as const), "text")
    .option("--no-color", "never colour the output");
  addCommonOptions(command).action(async (captures: string[], options: SummaryOptions) => {
    process.exitCode = await summary(captures, options);
  });
}

/** Only the connections are kept (no per-segment output), so memory follows the connection count. */
async function summary(captures: string[], options: SummaryOptions): Promise<number> {
  const annotator = new Annotator(
    { event: (event) => event.kind === "warning" && process.stderr.write(formatWarning(event) + "\n") },
    // The table needs connections only: no explanation is written.
    { mslSeconds: options.msl, explain: false },
  );
  const result = await readInputs(captures, annotator, { capture: () => {}, idle: () => {} }, { strict: options.strict, quiet: options.quiet });
  annotator.finish();
  const status = readStatus(result);
  if (status === EXIT.unreadable && annotator.connections.length === 0) return status;
  const selector = selectorOf(options);
  const summaries = annotator.connections.filter((connection) => selects(selector, connection)).map((connection) => summarize(connection));
  const output = new Output();
  output.write(render(summaries, options));
  output.flush();
  return status ?? EXIT.ok;
}

function render(summaries: ConnectionSummary[], options: SummaryOptions): string {
  const totals = summaryTotals(summaries);
  switch (options.format) {
    case "json":
      return terminalSafeLines(JSON.stringify({ connections: summaries, totals }, null, 2)) + "\n";
    case "ndjson":
      return summaries.map(connectionRecord).join("") + JSON.stringify({ type: "totals", ...totals }) + "\n";
    case "text":
      return renderSummaryTable(summaries, { language: options.lang, color: useColor(options.color) }) + renderSummaryTotals(totals, options.lang);
  }
}
