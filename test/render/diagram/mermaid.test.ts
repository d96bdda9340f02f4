import { describe, expect, it } from "vitest";
import { mermaidMarkdown, mermaidSequence, mermaidText } from "../../../src/render/diagram/mermaid.js";
import { laddersOf } from "../../helpers/ladders.js";
import { GOLDEN_CASES } from "./golden-cases.js";

/**
 * The statements the diagrams use, as Mermaid's sequence grammar (sequenceDiagram.jison) reads
 * them: after "participant X as", after a message's or a note's ":", the text runs to the end of
 * the line but stops at "#" (a comment) and ";" (a statement break); "%%" starts a comment;
 * "<" would reach the page as HTML. Entity codes (#35; #59; ...) are how those characters are said.
 */
const STATEMENTS = [
  /^ {4}participant (?<id>[CS]) as (?<text>.+)$/,
  /^ {4}(?<from>[CS])(?:->>|-x)(?<to>[CS]): (?<text>.+)$/,
  /^ {4}Note (?:left of C|right of S|over C,S): (?<text>.+)$/,
];

/** Why a text would not survive Mermaid's lexer, or undefined when it is fine. */
function textProblem(text: string): string | undefined {
  const bare = text.replace(/#\w+;/g, "");
  if (/[#;\n\r<]/.test(bare)) return `raw # ; < or line break in ${JSON.stringify(text)}`;
  if (text.includes("%%")) return `%% in ${JSON.stringify(text)}`;
  if (/^\s*(?:no)?wrap:/i.test(text)) return `wrap: prefix in ${JSON.stringify(text)}`;
  if (text.trim() === "") return "empty text";
  return undefined;
}

/** Every line of a diagram is a statement Mermaid accepts; returns the problems found. */
function checkDiagram(diagram: string): string[] {
  const [head, ...lines] = diagram.trimEnd().split("\n");
  const problems = head === "sequenceDiagram" ? [] : [`first line ${JSON.stringify(head)}`];
  for (const line of lines) {
    const match = STATEMENTS.map((statement) => statement.exec(line)).find((found) => found !== null);
    if (!match) problems.push(`not a statement: ${JSON.stringify(line)}`);
    else if (match.groups?.["from"] !== undefined && match.groups["from"] === match.groups["to"])
      problems.push(`message to itself: ${line}`);
    const problem = match?.groups?.["text"] === undefined ? undefined : textProblem(match.groups["text"]);
    if (problem !== undefined) problems.push(problem);
  }
  return problems;
}

describe.each(GOLDEN_CASES)("the Mermaid diagram of $name", (golden) => {
  it("is made of statements Mermaid accepts, one message per drawn segment", async () => {
    for (const ladder of await laddersOf(golden)) {
      const diagram = mermaidSequence(ladder, golden.language ?? "en");
      expect(checkDiagram(diagram)).toEqual([]);
      const messages = diagram.split("\n").filter((line) => /^ {4}[CS](->>|-x)[CS]:/.test(line));
      expect(messages).toHaveLength(ladder.rows.filter((row) => row.kind === "segment").length);
    }
  });
});

describe("Markdown", () => {
  it("fences each connection's diagram for GitHub, under a heading", async () => {
    const ladders = await laddersOf({ capture: "loopback/port-reuse.pcap" });
    const markdown = mermaidMarkdown(ladders, "en");
    expect(markdown.match(/^```mermaid$/gm)).toHaveLength(2);
    expect(markdown.match(/^## stream \d+: client \S+, server \S+$/gm)).toHaveLength(2);
  });
});

describe("mermaidText", () => {
  const HOSTILE = [
    "a;b",
    "#frame",
    "100%% done",
    "<br>x</script>",
    "a\nNote over C,S: injected",
    "x &amp; y",
    "wrap:x;#59;",
  ];

  it.each(HOSTILE)("makes %j safe as a message text", (text) => {
    expect(textProblem(mermaidText(text))).toBeUndefined();
    expect(checkDiagram(`sequenceDiagram\n    C->>S: ${mermaidText(text)}\n`)).toEqual([]);
  });

  it("says the characters as entity codes, which Mermaid shows as the characters", () => {
    expect(mermaidText("#1; 5% <b> & more")).toBe("#35;1#59; 5#37; #lt;b> #amp; more");
  });
});
