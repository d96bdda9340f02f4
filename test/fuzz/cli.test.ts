import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, type ExpectStatic } from "vitest";
import { runCli, runCliAsync, type CliResult } from "../helpers/cli.js";
import { FIXTURES } from "../helpers/fixtures.js";
import { bitFlips, FUZZ_SEED, lengthExtremes, Random, splices } from "./mutants.js";
import { scratchFolder } from "../helpers/scratch.js";

/**
 * A handful of damaged captures through the built command line, for every command it has (as
 * its --help lists them) in every output format: the process ends with a status it documents,
 * says what went wrong in lines of its own (no stack trace, no internal error), and prints
 * nothing a terminal would act on.
 */

/** Arguments per command and format; a command not listed here is run with its defaults. */
const VARIANTS: Record<string, string[][]> = {
  annotate: [[], ["--format", "ndjson"], ["--strict"]],
  check: [
    ["--expect", "handshake", "--forbid", "rst"],
    ["--expect", "graceful-close", "--format", "json"],
    ["--max-retransmissions", "0", "--format", "junit"],
  ],
  diagram: [[], ["--format", "mermaid"]],
  report: [[]],
  summary: [[], ["--format", "json"], ["--format", "ndjson"]],
};
/** check's 1 is a verdict; every command may exit 0 or 2 (input unreadable). */
const STATUSES: Record<string, number[]> = { check: [0, 1, 2] };
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** The commands that read captures, from the usage lines "name [options] <capture...>" of --help. */
function commands(): string[] {
  return [...runCli(["--help"]).stdout.matchAll(/^ {2}(\w+) \[options\] <capture\.\.\.>/gm)].map((match) => match[1]!);
}

const directory = scratchFolder("fuzz");

/**
 * A few mutants of the seed capture: damaged but readable ones, and one that stops reading; their
 * paths, where they are written before the tests.
 */
function mutantFiles(): { readable: string[]; fatal: string } {
  const name = "seed/seed-9502.pcapng";
  const seed = new Uint8Array(readFileSync(join(FIXTURES, name)));
  const random = Random.for(`cli ${name}`);
  const other = {
    name: "loopback/rst-abort.pcap",
    bytes: new Uint8Array(readFileSync(join(FIXTURES, "loopback", "rst-abort.pcap"))),
  };
  const mutants = [...bitFlips(seed, random, 2), ...splices(seed, [other], random, 1)];
  const fatal = lengthExtremes(seed).find((mutant) => mutant.name.endsWith("pcapng block length = 4294967295"))!;
  const files = [...mutants, fatal].map((mutant, i) => ({
    path: join(directory, `mutant-${i}.pcapng`),
    bytes: mutant.bytes,
  }));
  beforeAll(() => {
    for (const { path, bytes } of files) writeFileSync(path, bytes);
  });
  const paths = files.map((file) => file.path);
  return { readable: paths.slice(0, -1), fatal: paths.at(-1)! };
}

/** `expect` is the test's own, as concurrent tests need. */
function expectClean(expect: ExpectStatic, command: string, run: CliResult, format: string | undefined): void {
  expect(STATUSES[command] ?? [0, 2]).toContain(run.status);
  for (const line of run.stderr.split("\n").filter((line) => line !== "")) {
    expect(line).toMatch(/^tcp-annotate: (warning|error|interrupted|no TCP connection)/);
  }
  expect(run.stderr).not.toMatch(/internal error|^\s+at /m);
  expect(run.stdout).not.toMatch(RAW_CONTROL);
  if (format === "ndjson") for (const line of run.stdout.split("\n").filter((line) => line !== "")) JSON.parse(line);
  if (format === "json" && run.stdout !== "") JSON.parse(run.stdout);
}

const files = mutantFiles();
const COMMANDS = commands();
const runs = COMMANDS.flatMap((command) =>
  (VARIANTS[command] ?? [[]]).flatMap((args) => [
    { command, args, inputs: files.readable, fatal: false },
    { command, args, inputs: [files.fatal], fatal: true },
  ]),
);

describe(`the command line on damaged captures (seed ${FUZZ_SEED})`, () => {
  it("knows the commands the help lists (a renamed one would go unfuzzed with its formats)", () => {
    expect(COMMANDS).toEqual(expect.arrayContaining(Object.keys(VARIANTS)));
  });

  const named = runs.map(
    (run) =>
      [
        [run.command, ...run.args].join(" ") +
          (run.fatal ? ", reading stopped by an impossible length" : ", damaged but readable"),
        run,
      ] as const,
  );
  it.concurrent.for(named)("%s", async ([, { command, args, inputs, fatal }], { expect }) => {
    const run = await runCliAsync([command, ...args, ...inputs]);
    if (fatal) expect(run.status).toBe(2);
    expectClean(expect, command, run, args.includes("--format") ? args[args.indexOf("--format") + 1] : undefined);
  });

  it("reads a damaged capture from standard input like a file", async () => {
    const run = await runCliAsync(["-", "--format", "ndjson"], { input: readFileSync(files.readable[0]!) });
    expectClean(expect, "annotate", run, "ndjson");
  });
});
