import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { parseFilter, type ConnectionFilter } from "../annotate/filter/filter.js";
import { FilterError } from "../annotate/filter/filter-error.js";
import type { ConnectionSelector } from "../annotate/select.js";
import { GENEVE_PORT, VXLAN_PORT, type TunnelPorts } from "../decode/udp.js";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "../explain/catalog/index.js";
import { DEFAULT_MSL_SECONDS } from "../track/tracker.js";
import {
  collect,
  parseHost,
  parseLanguage,
  parseNonNegativeInteger,
  parsePort,
  parseSeconds,
  STRICT_OPTION,
} from "./options.js";

/** The options every command that reads captures shares. */
export interface CommonOptions {
  lang: Language;
  stream?: number[];
  port?: number[];
  host?: string[];
  filter?: ConnectionFilter;
  msl: number;
  strict: boolean;
  quiet: boolean;
  vxlanPort?: number[];
  genevePort?: number[];
}

/** --lang, the connection selectors (--stream/--port/--host/--filter), --msl, --strict, --quiet and the tunnel ports. */
export function addCommonOptions(command: Command): Command {
  return command
    .option(
      "--lang <language>",
      `language of the labels and explanations: ${LANGUAGES.join(" or ")}`,
      parseLanguage,
      DEFAULT_LANGUAGE,
    )
    .option(
      "--stream <n>",
      "only these tcp.stream numbers (repeatable, or comma-separated)",
      collect(parseNonNegativeInteger),
    )
    .option("--port <port>", "only connections with this port on either side", collect(parsePort))
    .option("--host <address>", "only connections with this address on either side", collect(parseHost))
    .option(
      "--filter <expression>",
      'only connections that match a tcpdump-style expression: host, net, port, portrange, src (the client), dst (the server), ip, ip6, with and, or, not and parentheses, e.g. "dst port 443 and not net 10.0.0.0/8"',
      filterOption,
    )
    .option(
      "--msl <seconds>",
      "maximum segment lifetime; TIME_WAIT lasts twice this",
      parseSeconds,
      DEFAULT_MSL_SECONDS,
    )
    .option(...STRICT_OPTION, false)
    .option(
      "--quiet",
      "no progress bar on stderr (shown only on a terminal, after a second, and not while annotate's output goes to that terminal)",
      false,
    )
    .option(
      "--vxlan-port <port>",
      `also read VXLAN on this UDP port, besides ${VXLAN_PORT} (repeatable, or comma-separated)`,
      collect(parsePort),
    )
    .option(
      "--geneve-port <port>",
      `also read Geneve on this UDP port, besides ${GENEVE_PORT} (repeatable, or comma-separated)`,
      collect(parsePort),
    );
}

export function tunnelPortsOf(options: CommonOptions): TunnelPorts {
  return { vxlan: options.vxlanPort ?? [], geneve: options.genevePort ?? [] };
}

export function selectorOf(options: CommonOptions): ConnectionSelector {
  return {
    streams: options.stream ?? [],
    ports: options.port ?? [],
    hosts: options.host ?? [],
    filter: options.filter,
  };
}

/** The expression read, or the reason it could not be, with the bad token underlined. */
function filterOption(expression: string): ConnectionFilter {
  try {
    return parseFilter(expression);
  } catch (error) {
    if (error instanceof FilterError) throw new InvalidArgumentError(error.pointAt(expression));
    throw error;
  }
}
