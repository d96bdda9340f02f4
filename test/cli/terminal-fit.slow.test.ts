import { describe, expect, it } from "vitest";
import { HAS_SCRIPT, onTerminal, widestLine } from "../helpers/terminal.js";

/** IPv6 addresses, Wireshark's findings with long explanations, and an unfinished connection. */
const CAPTURES = [
  "fixtures/seed/seed-9502-ipv6.pcap",
  "fixtures/shared/tcp_retransmissions.pcapng",
  "fixtures/loopback/mixed.pcap",
];
const COMMANDS: Array<[string, string[]]> = [
  ["annotate", []],
  ["annotate --brief", ["--brief"]],
  ["annotate --time date", ["--time", "date"]],
  ["annotate --brief --time date", ["--brief", "--time", "date"]],
  ["summary", ["summary"]],
  ["diagram", ["diagram"]],
];

describe.skipIf(!HAS_SCRIPT)("on a terminal of 80 and 100 columns", () => {
  for (const columns of [80, 100]) {
    for (const language of ["en", "zh"]) {
      for (const [name, args] of COMMANDS) {
        it(`${name} --lang ${language}: no line is wider than the terminal (${columns} columns)`, async () => {
          const runs = await Promise.all(
            CAPTURES.map((capture) =>
              onTerminal([...args, capture, "--lang", language], { columns, env: { TZ: "UTC" } }),
            ),
          );
          for (const run of runs) {
            expect(run.status).toBe(0);
            expect(widestLine(run.output).width).toBeLessThanOrEqual(columns);
            // Something was drawn, laid out for this terminal.
            expect(run.output.split("\n").length).toBeGreaterThan(5);
          }
        }, 60_000);
      }
    }
  }

  it("uses the terminal's width: a wider terminal gets longer lines, and the step on the segment's line", async () => {
    const [narrow, wide] = await Promise.all(
      [80, 100].map((columns) => onTerminal(["fixtures/seed/seed-9502.pcap"], { columns })),
    );
    expect(widestLine(narrow!.output).width).toBeGreaterThan(70);
    expect(widestLine(wide!.output).width).toBeGreaterThan(90);
    const stepLine = (output: string) => output.split("\n").find((line) => line.includes("handshake 1/3"))!;
    expect(stepLine(wide!.output)).toMatch(/^\s+#1\s.*SYN_SENT.*handshake 1\/3\x1b\[22m$/);
    expect(stepLine(narrow!.output)).toMatch(/^ {8}\x1b\[1mhandshake 1\/3\x1b\[22m: The client opens/);
  }, 60_000);

  it("COLUMNS overrides the terminal's width", async () => {
    const run = await onTerminal(["fixtures/seed/seed-9502.pcap", "--lang", "zh"], {
      columns: 100,
      env: { COLUMNS: "60" },
    });
    expect(widestLine(run.output).width).toBeLessThanOrEqual(60);
    expect(widestLine(run.output).width).toBeGreaterThan(50);
  }, 60_000);

  it("colours read on dark and light backgrounds: never dim, yellow, blue, cyan or white; the explanations are not painted", async () => {
    const commands = [[], ["summary"], ["diagram"], ["check", "--forbid", "rst"]];
    const runs = await Promise.all(
      commands.map((args) =>
        onTerminal([...args, "fixtures/loopback/rst-abort.pcap", "fixtures/loopback/server-closes-first.pcap"]),
      ),
    );
    const codes = new Set(
      runs.flatMap((run) => [...run.output.matchAll(/\x1b\[([\d;]*)m/g)].flatMap((match) => match[1]!.split(";"))),
    );
    // Bold, red, green, magenta, gray (the table's rules) and their resets: all of them, and no other.
    expect([...codes].sort()).toEqual(["1", "22", "31", "32", "35", "39", "90"].sort());
    const explanation = runs[0]!.output.split("\n").find((line) => line.includes("The client opens the connection"))!;
    expect(explanation).not.toMatch(/\x1b\[(?!1m|22m)/);
  }, 60_000);
});
