import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const DOCS = readdirSync(join(ROOT, "docs")).filter((name) => name.endsWith(".md"));
const pages: Array<[string, string]> = [
  ["README.md", README],
  ...DOCS.map((name): [string, string] => [`docs/${name}`, readFileSync(join(ROOT, "docs", name), "utf8")]),
];

/** The README's examples: a "$ npx tcp-annotate ..." line and the output shown under it, up to "..." or the block's end. */
function examples(): Array<{ args: string[]; shown: string[] }> {
  const blocks = [...README.matchAll(/```\n([\s\S]*?)```/g)].map((match) => match[1]!.split("\n").slice(0, -1));
  return blocks
    .filter((lines) => lines[0]?.startsWith("$ npx tcp-annotate "))
    .map((lines) => {
      const end = lines.indexOf("...");
      return {
        args: lines[0]!.slice("$ npx tcp-annotate ".length).split(" "),
        shown: lines.slice(1, end < 0 ? undefined : end),
      };
    });
}

describe("README", () => {
  const out = scratchFolder("readme");

  it("is short enough for a newcomer: under 12 KB", () => {
    expect(Buffer.byteLength(README)).toBeLessThan(12 * 1024);
  });

  it("has the two quick-start commands, saying how long the tests take", () => {
    expect(README).toContain("npm install && npx tcp-annotate fixtures/seed/seed-9502.pcap\nnpm test\n");
    expect(README).toMatch(/about \d+( to \d+)? minutes/);
  });

  it("shows an example of each of the five commands", () => {
    const commands = examples().map(({ args }) => (args[0]!.startsWith("fixtures/") ? "annotate" : args[0]));
    expect(new Set(commands)).toEqual(new Set(["annotate", "summary", "check", "diagram", "report"]));
  });

  it("shows each command's real output (on a 100-column terminal)", () => {
    for (const { args, shown } of examples()) {
      const run = runCli(
        args.map((arg) => (arg.endsWith(".html") ? join(out, arg) : arg)),
        { env: { COLUMNS: "100" } },
      );
      expect(run.status === 0 || (args[0] === "check" && run.status === 1), run.stderr).toBe(true);
      expect(run.stdout.split("\n").slice(0, shown.length), args.join(" ")).toEqual(shown);
    }
    expect(existsSync(join(out, "seed.html"))).toBe(true);
  });
});

describe("the documentation", () => {
  it.each(pages)("%s: every link to a page or file of the project leads somewhere", (page, text) => {
    for (const [, target] of text.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      expect(existsSync(join(ROOT, dirname(page), target!)), `${page} links to ${target}`).toBe(true);
    }
  });

  it.each(pages)("%s: no history, no commit hashes, and commands a user can type", (page, text) => {
    // A commit hash: 7 to 40 hexadecimal digits with a letter and a digit among them, not a 0x number.
    const hashes = [...text.matchAll(/(?<![0-9a-zA-Z_x])[0-9a-f]{7,40}(?![0-9a-zA-Z_])/g)]
      .map((m) => m[0])
      .filter((word) => /[a-f]/.test(word) && /\d/.test(word));
    expect(hashes).toEqual([]);
    expect(text).not.toMatch(/\bat commit\b|\bissue #?\d|\bno longer\b/i);
    // After npm install the command is not on the PATH: examples run it with npx.
    for (const block of text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
      for (const line of block[1]!.split("\n")) {
        expect(line, `${page}: ${line}`).not.toMatch(
          /^(\$ |.*\| )?tcp-annotate (annotate|summary|check|diagram|report|-|\S+\.(pcap|pcapng|gz|cap))( |$)/,
        );
      }
    }
  });

  it("has an index that names every page", () => {
    const index = readFileSync(join(ROOT, "docs", "README.md"), "utf8");
    for (const name of DOCS.filter((name) => name !== "README.md")) expect(index).toContain(`(${name})`);
  });
});
