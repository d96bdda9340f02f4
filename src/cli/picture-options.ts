import type { Command } from "commander";
import type { ConnectionSelector } from "../annotate/select.js";
import type { Language } from "../explain/catalog/index.js";
import { foldLadder } from "../render/diagram/fold.js";
import { ladderOf, type Ladder } from "../render/diagram/ladder-model.js";
import { collect, parseLanguage, parseNonNegativeInteger, parsePort, parseSeconds, STRICT_OPTION } from "./options.js";
import type { BufferedConnection } from "./read-connections.js";

/** The options the picture commands (diagram, report) share. */
export interface PictureOptions {
  lang: Language;
  stream?: number[];
  port?: number[];
  host?: string[];
  full: boolean;
  msl: number;
  strict: boolean;
}

export function addPictureOptions(command: Command): Command {
  return command
    .option("--lang <language>", "language of the labels and explanations: en or zh", parseLanguage, "en")
    .option("--stream <n>", "only these tcp.stream numbers (repeatable, or comma-separated)", collect(parseNonNegativeInteger))
    .option("--port <port>", "only connections with this port on either side", collect(parsePort))
    .option("--host <address>", "only connections with this address on either side", collect(String))
    .option("--full", "draw every segment: do not fold the data phase of long connections", false)
    .option("--msl <seconds>", "maximum segment lifetime; TIME_WAIT lasts twice this", parseSeconds, 30)
    .option(...STRICT_OPTION, false);
}

export function selectorOf(options: PictureOptions): ConnectionSelector {
  return { streams: options.stream ?? [], ports: options.port ?? [], hosts: options.host ?? [] };
}

/** The connection's ladder, its data phase folded unless --full. */
export function ladderFor({ connection, events }: BufferedConnection, options: PictureOptions): Ladder {
  const ladder = ladderOf(connection, events);
  return options.full ? ladder : foldLadder(ladder);
}
