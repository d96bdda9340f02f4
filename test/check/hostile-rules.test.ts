import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, type ExpectStatic } from "vitest";
import { parseRule, type RuleKey } from "../../src/check/parse-rule.js";
import { RulesError } from "../../src/check/rules-error.js";
import { parseRulesFile } from "../../src/check/rules-file.js";
import { formatError } from "../../src/cli/problems.js";
import { terminalSafeLines } from "../../src/render/shared/terminal-safe.js";
import { runCliAsync, type CliResult } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";

/**
 * Rules that try to be more than rules: names JavaScript objects answer to, YAML that refers to
 * itself or speaks to the terminal, files without end, values of the wrong type or range. Each
 * is refused with one error line naming the rule and the key, exit 2, before any capture is
 * opened: the capture named here does not exist, so an error about it would show that reading began.
 * The first case of each list runs the built command; the others give the same flag value or
 * file text to what check reads them with (parseRule, parseRulesFile) and word its error line as
 * check does, in process: each command run costs a Node start-up and the whole program's load.
 */
const NO_CAPTURE = "never-opened.pcap";

const directory = scratchFolder("rules");

function rulesFile(name: string, text: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

/** Refused as the rules should be: exit 2, nothing on stdout, one error line on stderr that says `error`. */
function expectRefused(expect: ExpectStatic, result: CliResult, error: string): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/^tcp-annotate: error: [^\n]*\n$/);
  expect(result.stderr).toContain(error);
}

/**
 * What check says of a rule flag (`--expect value`) or rules file text, in process: its error line,
 * or undefined when the rules are accepted.
 */
function refusalOf(rule: { args?: readonly string[]; rules?: string }, file: string): string | undefined {
  try {
    if (rule.rules !== undefined) parseRulesFile(rule.rules, file);
    else {
      const [flag = "", value = ""] = rule.args ?? [];
      parseRule(flag.slice(2) as RuleKey, value, `${flag} ${value}`);
    }
  } catch (error) {
    if (error instanceof RulesError) return formatError(error.message);
    throw error;
  }
  return undefined;
}

/** Refused in process as the command refuses it: one error line that says `error`. */
function expectRefusedLine(expect: ExpectStatic, line: string | undefined, error: string): void {
  expect(line).toMatch(/^tcp-annotate: error: [^\n]*$/);
  expect(line).toContain(error);
}

/** The names every JavaScript object answers to. */
const BUILT_IN_NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf"];

describe("rule words that are JavaScript's own property names", () => {
  const runs = BUILT_IN_NAMES.flatMap((name) => [
    { args: ["--expect", name], error: `--expect ${name}: expect: "${name}" is not one of handshake, graceful-close` },
    {
      args: ["--forbid", name],
      error: `--forbid ${name}: forbid: "${name}" is not one of rst, rst-from-client, rst-from-server, refused, one-side-gone, syn-flood, port-scan, keepalive-timeout`,
    },
    {
      rules: `rules:\n  - expect: ${name}\n`,
      error: `rule 1: expect: "${name}" is not one of handshake, graceful-close`,
    },
    {
      rules: `rules:\n  - forbid: "${name}"\n`,
      error: `rule 1: forbid: "${name}" is not one of rst, rst-from-client, rst-from-server, refused, one-side-gone, syn-flood, port-scan, keepalive-timeout`,
    },
  ]);
  it.concurrent.for(runs.map((run, i) => [run.args?.join(" ") ?? run.rules!, { ...run, i }] as const))(
    "%j is refused before reading",
    async ([, run], { expect }) => {
      if (run.i > 0) return expectRefusedLine(expect, refusalOf(run, `builtin-${run.i}.yaml`), run.error);
      const args = run.rules === undefined ? run.args! : ["--rules", rulesFile(`builtin-${run.i}.yaml`, run.rules)];
      const result = await runCliAsync(["check", NO_CAPTURE, ...args]);
      expectRefused(expect, result, run.error);
    },
  );
});

/** Runs check on a rules file written here; the capture is never opened when the rules are refused. */
async function checkWithRules(name: string, text: string | Uint8Array) {
  return runCliAsync(["check", NO_CAPTURE, "--rules", rulesFile(name, text)]);
}

/** Each case with its place in its list. */
function numbered<T extends readonly unknown[]>(cases: readonly T[]): Array<readonly [...T, number]> {
  return cases.map((row, i) => [...row, i] as const);
}

/** A rules file refused: by the built command for the first case of a list, in process for the others. */
async function expectFileRefused(
  expect: ExpectStatic,
  i: number,
  name: string,
  text: string,
  error: string,
): Promise<void> {
  if (i > 0) return expectRefusedLine(expect, refusalOf({ rules: text }, `${name}.yaml`), error);
  expectRefused(expect, await checkWithRules(`${name}.yaml`, text), error);
}

describe("YAML that refers to itself", () => {
  it.concurrent.for(
    numbered([
      [
        "a rule that is its own value",
        "rules:\n  - &a { expect: *a }\n",
        "line 2, column 18: the alias *a is inside the node it names",
      ],
      [
        "a final state that holds itself",
        "rules:\n  - &a { final-state: *a }\n",
        "line 2, column 23: the alias *a is inside the node it names",
      ],
      [
        "a port list that holds itself",
        "rules:\n  - expect: handshake\n    port: &p [1, *p]\n",
        "line 3, column 18: the alias *p is inside the node it names",
      ],
      [
        "a selector that holds itself",
        "select: &s {port: *s}\nrules:\n  - expect: handshake\n",
        "line 1, column 19: the alias *s is inside the node it names",
      ],
      [
        "a host that is its rule",
        "rules:\n  - &a { host: *a, expect: handshake }\n",
        "line 2, column 16: the alias *a is inside the node it names",
      ],
      [
        "an alias before its anchor",
        "rules:\n  - expect: *nope\n",
        "Unresolved alias (the anchor must be set before the alias): nope",
      ],
      [
        "a billion laughs",
        `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [${"*a, ".repeat(9)}*a]\nc: &c [${"*b, ".repeat(9)}*b]\nrules: [${"*c, ".repeat(9)}*c]\n`,
        "Excessive alias count",
      ],
    ] as const),
  )("%s: exit 2, where it is", async ([name, text, error, i], { expect }) => {
    await expectFileRefused(expect, i, name, text, error);
  });
});

describe("the YAML library's own complaints", () => {
  /** ESC and BEL in a %TAG directive's prefix, which the library's warning quotes. */
  const RAW = "\u001b[31m\u0007";
  it.concurrent.for([
    [
      "a tag its %TAG directive cannot resolve",
      `%TAG !e! tag:x${RAW},2000:\n---\nrules:\n  - expect: !e!x handshake\n`,
      "Unresolved tag",
    ],
    ["a tag nobody defined", `rules:\n  - expect: !x${RAW} handshake\n`, "Tags and anchors must be separated"],
    [
      "an unsupported YAML version",
      "%YAML 1.3\n---\nrules:\n  - expect: handshake\n",
      "line 1, column 7: not valid YAML or JSON: Unsupported YAML version 1.3",
    ],
    [
      "!!binary, which would make a Buffer",
      "rules:\n  - expect: !!binary aGFuZHNoYWtl\n",
      "Unresolved tag: tag:yaml.org,2002:binary",
    ],
    [
      "two documents",
      "rules:\n  - expect: handshake\n---\nrules:\n  - forbid: rst\n",
      "holds 2 YAML documents; a rules file is one",
    ],
    ["lists nested 300,000 deep", `rules: ${"[".repeat(300_000)}${"]".repeat(300_000)}\n`, "not valid YAML or JSON"],
  ] as const)("%s: one line of ours, escaped, exit 2", async ([name, text, error], { expect }) => {
    const result = await checkWithRules(`${name}.yaml`, text);
    // Not Node's "(node:1234) [TAG_RESOLVE_FAILED] YAMLWarning" with the file's bytes raw.
    expectRefused(expect, result, error);
    expect(terminalSafeLines(result.stderr)).toBe(result.stderr);
  });
});

describe("rules files of any size", () => {
  const ONE_RULE = "  - expect: handshake\n";
  // Each file is written by its own test: the folder is there only while the tests run.
  it.concurrent.for([
    ["/dev/zero, which never ends", (): string => "/dev/zero", 'rules file "/dev/zero" is larger than 1 MiB'],
    [
      "2 MiB of rules",
      (): string => rulesFile("two-mib.yaml", `rules:\n${ONE_RULE.repeat((2 * 1024 * 1024) / ONE_RULE.length)}`),
      "is larger than 1 MiB, which no rules file needs",
    ],
    [
      "1001 rules",
      (): string => rulesFile("many.yaml", `rules:\n${ONE_RULE.repeat(1001)}`),
      "1001 rules given; at most 1000 are checked in one run",
    ],
    [
      "bytes that are not UTF-8",
      (): string =>
        rulesFile(
          "latin1.yaml",
          Uint8Array.from([...Buffer.from("rules:\n  - expect: handsh"), 0xe4, 0x6b, 0x65, 0x0a]),
        ),
      "is not UTF-8 text",
    ],
  ] as const)("%s: refused, exit 2", async ([, path, error], { expect }) => {
    const result = await runCliAsync(["check", NO_CAPTURE, "--rules", path()]);
    expectRefused(expect, result, error);
  });

  it("1000 rules, the most, are read", async () => {
    const result = await runCliAsync([
      "check",
      "fixtures/seed/seed-9502.pcap",
      "--format",
      "json",
      "--rules",
      rulesFile("thousand.yaml", `rules:\n${ONE_RULE.repeat(1000)}`),
    ]);
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { rules: unknown[] }).rules).toHaveLength(1000);
  });
});

describe("rule values of the wrong type or range", () => {
  const HUGE = `${"9".repeat(400)}s`;
  it.concurrent.for([
    [
      "--final-state",
      "client=CLOSED=x",
      '--final-state client=CLOSED=x: final-state: "client=CLOSED=x" must name one endpoint and its state',
    ],
    ["--final-state", "peer=CLOSED", '--final-state peer=CLOSED: final-state: "peer" is not client or server'],
    ["--max-handshake-rtt", HUGE, `max-handshake-rtt: "${HUGE.slice(0, 76)}... is too long to be a duration`],
    ["--connections", "1.5", '--connections 1.5: connections: "1.5" is not a whole number 0 or more'],
    ["--max-retransmissions", "9007199254740993", '"9007199254740993" is not a whole number 0 or more'],
    [
      "--host",
      "localhost",
      "option '--host <address>' argument 'localhost' is invalid. expected an IPv4 or IPv6 address.",
    ],
  ] as const)("%s %s", async ([flag, value, error], { expect }) => {
    const result = await runCliAsync(["check", NO_CAPTURE, "--expect", "handshake", flag, value]);
    // A usage error (--host) is followed by the command's help.
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(error);
    expect(result.stderr).not.toContain(NO_CAPTURE);
  });

  it.concurrent.for(
    numbered([
      [
        "a final state with a second =",
        "rules:\n  - final-state: client=CLOSED=x\n",
        'rule 1: final-state: "client=CLOSED=x" must name one endpoint and its state',
      ],
      [
        "a final state for both endpoints at once",
        "rules:\n  - final-state: {client: TIME_WAIT, server: CLOSED}\n",
        "rule 1: final-state: a mapping must name one endpoint and its state",
      ],
      [
        "a final state that is a number",
        "rules:\n  - final-state: {client: 5}\n",
        "rule 1: final-state: 5 is not a TCP state",
      ],
      [
        "a host that is a mapping",
        "rules:\n  - expect: handshake\n    host: {a: 1}\n",
        "rule 1: host: a mapping is not an IPv4 or IPv6 address",
      ],
      [
        "a host that is a number",
        "select:\n  host: 10\nrules:\n  - expect: handshake\n",
        "select: host: 10 is not an IPv4 or IPv6 address",
      ],
      [
        "a host that is a name",
        "rules:\n  - expect: handshake\n    host: [127.0.0.1, localhost]\n",
        'rule 1: host: "localhost" is not an IPv4 or IPv6 address',
      ],
      [
        "an empty port list, which would select every connection",
        "rules:\n  - forbid: rst\n    port: []\n",
        "rule 1: port: an empty list",
      ],
      [
        "a port that is a list inside a list",
        "rules:\n  - forbid: rst\n    port: [[80]]\n",
        "rule 1: port: a list is not a whole number from 0 to 65535",
      ],
      ["a huge max-handshake-rtt", `rules:\n  - max-handshake-rtt: ${HUGE}\n`, "is too long to be a duration"],
      [
        "a max-handshake-rtt without a unit",
        "rules:\n  - max-handshake-rtt: 50\n",
        "rule 1: max-handshake-rtt: 50 is not a duration such as 50ms",
      ],
      [
        "a count that is true",
        "rules:\n  - max-retransmissions: true\n",
        "rule 1: max-retransmissions: true is not a whole number 0 or more",
      ],
      [
        "a count that is .inf",
        "rules:\n  - connections: .inf\n",
        "rule 1: connections: Infinity is not a whole number 0 or more",
      ],
      [
        "a stream past the safe integers",
        "rules:\n  - expect: handshake\n    stream: 1e300\n",
        "rule 1: stream: 1e+300 is not a whole number 0 or more",
      ],
      [
        "a rule word that is a list",
        "rules:\n  - expect: [handshake]\n",
        "rule 1: expect: a list is not one of handshake, graceful-close",
      ],
    ] as const),
  )("%s", async ([name, text, error, i], { expect }) => {
    await expectFileRefused(expect, i, name, text, error);
  });
});
