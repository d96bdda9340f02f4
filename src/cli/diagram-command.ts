import { InvalidArgumentError, type Command } from "commander";
import { renderLadder } from "../render/diagram/ladder.js";
import { showsUnconfirmed, type Ladder } from "../render/diagram/ladder-model.js";
import { TEXT_WORDS } from "../render/text-words.js";
import { mermaidSection } from "../render/diagram/mermaid.js";
import { parseChoice, parseNonNegativeInteger, useColor } from "./options.js";
import { selectorOf, tunnelPortsOf } from "./common-options.js";
import { addPictureOptions, type PictureOptions } from "./picture-options.js";
import { Output } from "./output.js";
import { EXIT } from "./problems.js";
import { readConnections } from "./read-connections.js";
import { readStatus } from "./read-inputs.js";

interface DiagramOptions extends PictureOptions {
  format: "text" | "mermaid";
  color: boolean;
  width?: number;
}

/** The terminal ladder fits 80 columns, and uses more of a wider terminal up to this. */
const WIDTH = { default: 80, max: 160 } as const;
/** No terminal is wider: --width beyond it would only build lines too long for a string (an internal error). */
const WIDEST = 1000;

function parseWidth(value: string): number {
  const columns = parseNonNegativeInteger(value);
  if (columns > WIDEST) throw new InvalidArgumentError(`at most ${WIDEST} columns.`);
  return columns;
}

export function addDiagramCommand(program: Command): void {
  const command = program
    .command("diagram")
    .description("draw each connection as a ladder diagram: client and server lifelines, an arrow per segment, both endpoints' states")
    .argument("<capture...>", 'pcap or pcapng files (gzip too), or "-" for standard input')
    .option(
      "-f, --format <format>",
      "text (a ladder for the terminal) or mermaid (Markdown with a sequenceDiagram per connection)",
      parseChoice(["text", "mermaid"] as const),
      "text",
    )
    .option("--no-color", "never colour the ladder (colour is used only on a terminal, and never with NO_COLOR)")
    .option(
      "--width <columns>",
      `columns of the terminal ladder (default: the terminal's width, ${WIDTH.default} to ${WIDTH.max}; ${WIDTH.default} when not a terminal)`,
      parseWidth,
    );
  addPictureOptions(command).action(async (captures: string[], options: DiagramOptions) => {
    process.exitCode = await diagram(captures, options);
  });
}

/** Each connection is drawn once it is done, and written at once: a blank line between two. */
async function diagram(captures: string[], options: DiagramOptions): Promise<number> {
  const style = { language: options.lang, color: useColor(options.color), width: options.width ?? terminalWidth() };
  const picture = options.format === "mermaid" ? (ladder: Ladder) => mermaidSection(ladder, options.lang) : (ladder: Ladder) => renderLadder(ladder, style);
  const output = new Output();
  let drawn = 0;
  let unconfirmed = false;
  const reading = { strict: options.strict, quiet: options.quiet, outputWhileReading: true };
  const read = await readConnections(captures, selectorOf(options), { mslSeconds: options.msl, full: options.full, ready: () => output.ready(), tunnelPorts: tunnelPortsOf(options) }, reading, ({ ladder }) => {
    output.write((drawn++ === 0 ? "" : "\n") + picture(ladder));
    unconfirmed ||= showsUnconfirmed(ladder);
  });
  // The Markdown says it under each diagram; the terminal once, at the end.
  if (unconfirmed && options.format === "text") output.write(`\n${TEXT_WORDS[options.lang].unconfirmedLegend}\n`);
  output.flush();
  if (drawn === 0 && read.error === undefined) process.stderr.write("tcp-annotate: no TCP connection to draw\n");
  return readStatus(read) ?? EXIT.ok;
}

function terminalWidth(): number {
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  return Math.min(WIDTH.max, Math.max(WIDTH.default, columns ?? WIDTH.default));
}
