import { isIP } from "node:net";
import { InvalidArgumentError } from "commander";
import { LANGUAGES, type Language } from "../explain/catalog/index.js";

/** Parsers for option values; each throws commander's InvalidArgumentError with a plain reason. */

export function parseLanguage(value: string): Language {
  if ((LANGUAGES as string[]).includes(value)) return value as Language;
  throw new InvalidArgumentError(`choose one of ${LANGUAGES.join(", ")}.`);
}

export function parseChoice<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`choose one of ${choices.join(", ")}.`);
  };
}

export function parseNonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number)) throw new InvalidArgumentError("expected a whole number.");
  return number;
}

export function parsePort(value: string): number {
  const port = parseNonNegativeInteger(value);
  if (port > 65535) throw new InvalidArgumentError("a port is at most 65535.");
  return port;
}

/** Connections are matched on their addresses' text: a name, or anything not an address, would match none. */
export function parseHost(value: string): string {
  if (isIP(value) === 0) throw new InvalidArgumentError("expected an IPv4 or IPv6 address.");
  return value;
}

export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new InvalidArgumentError("expected a number of seconds, 0 or more.");
  return seconds;
}

/** --strict, spelled and explained the same by every command that reads captures. */
export const STRICT_OPTION = [
  "--strict",
  "treat a capture cut short in its last record, or a damaged gzip wrapper around it, as an error (exit 2)",
] as const;

/** For repeatable options: `--port 80 --port 443` and `--port 80,443` both give [80, 443]. */
export function collect<T>(parse: (value: string) => T) {
  return (value: string, previous: T[] = []): T[] => [
    ...previous,
    ...value.split(",").map((part) => parse(part.trim())),
  ];
}

/** Colour only on a terminal, and never with --no-color or NO_COLOR set (no-color.org). */
export function useColor(requested: boolean, stream: NodeJS.WriteStream = process.stdout): boolean {
  const noColor = process.env["NO_COLOR"];
  return requested && stream.isTTY === true && (noColor === undefined || noColor === "");
}
