import type { Command } from "commander";
import type { ConnectionSelector } from "../annotate/select.js";
import type { Language } from "../explain/catalog/index.js";
import { collect, parseHost, parseLanguage, parseNonNegativeInteger, parsePort, parseSeconds, STRICT_OPTION } from "./options.js";

/** The options every command that reads captures shares. */
export interface CommonOptions {
  lang: Language;
  stream?: number[];
  port?: number[];
  host?: string[];
  msl: number;
  strict: boolean;
  quiet: boolean;
}

/** --lang, the connection selectors (--stream/--port/--host), --msl, --strict and --quiet. */
export function addCommonOptions(command: Command): Command {
  return command
    .option("--lang <language>", "language of the labels and explanations: en or zh", parseLanguage, "en")
    .option("--stream <n>", "only these tcp.stream numbers (repeatable, or comma-separated)", collect(parseNonNegativeInteger))
    .option("--port <port>", "only connections with this port on either side", collect(parsePort))
    .option("--host <address>", "only connections with this address on either side", collect(parseHost))
    .option("--msl <seconds>", "maximum segment lifetime; TIME_WAIT lasts twice this", parseSeconds, 30)
    .option(...STRICT_OPTION, false)
    .option("--quiet", "no progress bar on stderr (shown only on a terminal, after a second, and not while annotate's output goes to that terminal)", false);
}

export function selectorOf(options: CommonOptions): ConnectionSelector {
  return { streams: options.stream ?? [], ports: options.port ?? [], hosts: options.host ?? [] };
}
