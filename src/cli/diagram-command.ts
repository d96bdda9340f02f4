import type { Command } from "commander";
import { CATALOGS } from "../explain/catalog/index.js";
import { renderLadder } from "../render/diagram/ladder.js";
import { showsUnconfirmed, type Ladder } from "../render/diagram/ladder-model.js";
import { mermaidSection } from "../render/diagram/mermaid.js";
import { parseChoice, useColor } from "./options.js";
import { selectorOf } from "./common-options.js";
import { addPictureOptions, type PictureOptions } from "./picture-options.js";
import { Output } from "./output.js";
import { EXIT } from "./problems.js";
import { readConnections } from "./read-connections.js";
import { readStatus } from "./read-inputs.js";
import { Selection } from "./selection.js";
import { outputColumns, parseWidth } from "./terminal-width.js";

interface DiagramOptions extends PictureOptions {
  format: "text" | "mermaid";
  color: boolean;
  width?: number;
}

/** The ladder takes the terminal's width from the narrowest it can be drawn in up to the widest it uses; 80 without a terminal. */
const WIDTH = { least: 60, default: 80, most: 160 } as const;

export function addDiagramCommand(program: Command): void {
  const command = program
    .command("diagram")
    .description(
      "draw each connection as a ladder diagram: client and server lifelines, an arrow per segment, both endpoints' states",
    )
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
      `columns of the terminal ladder (default: COLUMNS or the terminal's width, ${WIDTH.least} to ${WIDTH.most}; ${WIDTH.default} when not a terminal)`,
      parseWidth,
    );
  addPictureOptions(command).action(async (captures: string[], options: DiagramOptions) => {
    process.exitCode = await diagram(captures, options);
  });
}

/** Each connection is drawn once it is done, and written at once: a blank line between two. */
async function diagram(captures: string[], options: DiagramOptions): Promise<number> {
  const style = { language: options.lang, color: useColor(options.color), width: options.width ?? terminalWidth() };
  const picture =
    options.format === "mermaid"
      ? (ladder: Ladder) => mermaidSection(ladder, options.lang)
      : (ladder: Ladder) => renderLadder(ladder, style);
  const output = new Output();
  let drawn = 0;
  let unconfirmed = false;
  const selection = new Selection(selectorOf(options));
  const read = await readConnections(
    captures,
    options,
    { selection, outputWhileReading: true, ready: () => output.ready() },
    ({ ladder }) => {
      output.write((drawn++ === 0 ? "" : "\n") + picture(ladder));
      unconfirmed ||= showsUnconfirmed(ladder);
    },
  );
  // The Markdown says it under each diagram; the terminal once, at the end.
  if (unconfirmed && options.format === "text")
    output.write(`\n${CATALOGS[options.lang].words.text.unconfirmedLegend}\n`);
  output.flush();
  const status = readStatus(read);
  if (status === undefined && read.totals.connections === 0)
    process.stderr.write("tcp-annotate: no TCP connection to draw\n");
  else if (status === undefined) selection.sayIfNone(read.totals.connections);
  return status ?? EXIT.ok;
}

function terminalWidth(): number {
  return Math.min(WIDTH.most, Math.max(WIDTH.least, outputColumns(undefined) ?? WIDTH.default));
}
