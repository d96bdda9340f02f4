import { setFlagsFromString } from "node:v8";
import { Command, CommanderError } from "commander";
import { terminalSafe, terminalSafeLines } from "../render/shared/terminal-safe.js";
import { addAnnotateCommand } from "./annotate-command.js";
import { readArguments } from "./arguments.js";
import { addCheckCommand } from "./check-command.js";
import { addSummaryCommand } from "./summary-command.js";
import { addDiagramCommand } from "./diagram-command.js";
import { endOnOutputErrors } from "./output.js";
import { EXIT, formatNotice } from "./problems.js";
import { addReportCommand } from "./report-command.js";
import { VERSION } from "./version.js";

/**
 * V8 lets its old generation grow up to four times what survived the last full collection before
 * collecting again. Here what survives is small (the open connections) and what dies old is much
 * (every connection outlives a few young collections): growing by 1.75 times at most keeps the
 * peak near the live set. `summary` of the benchmark's 60,000 connections peaks at about 192 MB,
 * where twice gives 200 MB and 1.6 times 186 MB for 4% more time (docs/performance.md). The flag
 * is read at each collection, so setting it now takes effect.
 */
setFlagsFromString("--heap-growing-percent=75");

/** The command line: the only layer that touches process, files, stdout and exit codes. */
async function main(argv: string[]): Promise<void> {
  endOnOutputErrors();
  process.on("uncaughtException", (error) => process.exit(exitCodeFor(error)));
  // Node prints a library's warnings (process.emitWarning) as they are, text from the input
  // included: they are said as the tool's own, made terminal-safe, instead.
  process.removeAllListeners("warning");
  process.on("warning", (warning) => process.stderr.write(formatNotice(`${warning.name}: ${warning.message}`) + "\n"));
  const program = new Command("tcp-annotate")
    .description(
      "Explain the TCP in packet captures: streams, relative seq/ack, both endpoints' RFC 9293 states, handshake and teardown steps.",
    )
    .version(VERSION)
    .showHelpAfterError("(add --help for the options)")
    // Usage errors quote the arguments given, which may hold anything.
    .configureOutput({ writeErr: (text) => process.stderr.write(terminalSafeLines(text)) })
    .exitOverride();
  addAnnotateCommand(program);
  addSummaryCommand(program);
  addCheckCommand(program);
  addDiagramCommand(program);
  addReportCommand(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

/**
 * Usage errors exit 2 as commander printed them; anything else, thrown or never caught, is a fault
 * of this program, said in one line without a stack trace.
 */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.unreadable;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tcp-annotate: internal error: ${terminalSafe(message)}\n`);
  return EXIT.internal;
}

void main(readArguments(process.argv));
