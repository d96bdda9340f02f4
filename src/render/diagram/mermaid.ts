import { CATALOGS, type Language } from "../../explain/catalog/index.js";
import { TcpFlag } from "../../decode/segment.js";
import { peerOf, type Role } from "../../track/states.js";
import { terminalSafe } from "../shared/terminal-safe.js";
import { foldFigures } from "./fold.js";
import { showsUnconfirmed, type Ladder, type LadderRow, type SegmentRow } from "./ladder-model.js";
import { findingParts, segmentLabelParts, statesReached } from "./segment-label.js";

/** The participants' ids in the diagram text; their labels carry the roles and addresses. */
const PARTICIPANT: Record<Role, string> = { client: "C", server: "S" };
/** Where each side's state notes go: outside its lifeline. */
const NOTE_SIDE: Record<Role, string> = { client: "left of", server: "right of" };
const INDENT = "    ";

/**
 * A connection as a Mermaid sequenceDiagram (GitHub renders these in Markdown): the client and
 * the server as participants labelled with their addresses, one message per segment with its
 * step, flags, relative numbers and findings, and a note beside a participant wherever its state
 * changes; a RST is drawn as a message ending in a cross.
 */
export function mermaidSequence(ladder: Ladder, language: Language): string {
  const words = CATALOGS[language].words.text;
  const lines = [
    "sequenceDiagram",
    `${INDENT}participant ${PARTICIPANT.client} as ${mermaidText(`${words.client} ${ladder.labels.client}`)}`,
    `${INDENT}participant ${PARTICIPANT.server} as ${mermaidText(`${words.server} ${ladder.labels.server}`)}`,
    stateNote("client", ladder.initialStates.client),
    stateNote("server", ladder.initialStates.server),
    ...ladder.rows.flatMap((row) => rowLines(row, language)),
  ];
  return lines.join("\n") + "\n";
}

/** Several connections as Markdown: a heading and a fenced mermaid block for each. */
export function mermaidMarkdown(ladders: readonly Ladder[], language: Language): string {
  return ladders.map((ladder) => mermaidSection(ladder, language)).join("\n");
}

/** One connection's part of the Markdown: its heading and its sequenceDiagram block. */
export function mermaidSection(ladder: Ladder, language: Language): string {
  const words = CATALOGS[language].words.text;
  const title = `${words.stream} ${ladder.stream}: ${words.client} ${ladder.labels.client}, ${words.server} ${ladder.labels.server}`;
  const legend = showsUnconfirmed(ladder) ? `\n${words.unconfirmedLegend}\n` : "";
  return `## ${title}\n\n\`\`\`mermaid\n${mermaidSequence(ladder, language)}\`\`\`\n${legend}`;
}

function rowLines(row: LadderRow, language: Language): string[] {
  switch (row.kind) {
    case "segment":
      return segmentLines(row, language);
    case "timer": {
      const { endpoint, to } = row.event.expiry.change;
      return [stateNote(endpoint, `${to} (${CATALOGS[language].words.diagram.timeWaitOver})`)];
    }
    case "fold":
      return [
        `${INDENT}Note over ${PARTICIPANT.client},${PARTICIPANT.server}: ${mermaidText(CATALOGS[language].words.diagram.fold(foldFigures(row)).join(" "))}`,
      ];
  }
}

/** The message, then the states the sender and the receiver entered, as the ladder writes them. */
function segmentLines(row: SegmentRow, language: Language): string[] {
  const { event } = row;
  const { from, segment } = event.tracked;
  const words = CATALOGS[language].words.text;
  const text = [...segmentLabelParts(event, words), ...findingParts(event), `(${words.frame} ${segment.frame})`].join(
    " ",
  );
  const arrow = segment.flags & TcpFlag.RST ? "-x" : "->>";
  const lines = [`${INDENT}${PARTICIPANT[from]}${arrow}${PARTICIPANT[peerOf(from)]}: ${mermaidText(text)}`];
  for (const role of [from, peerOf(from)]) {
    const reached = statesReached(event, role);
    if (reached.length > 0) lines.push(stateNote(role, reached.join(" → ")));
  }
  return lines;
}

function stateNote(role: Role, text: string): string {
  return `${INDENT}Note ${NOTE_SIDE[role]} ${PARTICIPANT[role]}: ${mermaidText(text)}`;
}

/**
 * Text safe in a Mermaid message, note or participant label. Mermaid's lexer ends a text at "#"
 * (a comment), ";" (a statement break) and a newline, and starts a comment at "%%"; it passes the
 * text on as HTML, where "<" could open a tag and "&" an entity. Its entity codes (#35; #59; ...)
 * stand for those characters instead. Control characters are made visible (terminal-safe.ts).
 */
export function mermaidText(text: string): string {
  const safe = terminalSafe(text.replace(/[\r\n]+/g, " ")).replace(
    /[#;%<&]/g,
    (char) => MERMAID_ENTITIES[char] ?? char,
  );
  // A text starting "wrap:" or "nowrap:" would be read as a wrapping directive, not shown.
  return safe.replace(/^(\s*(?:no)?wrap):/i, "$1#58;");
}

const MERMAID_ENTITIES: Readonly<Record<string, string>> = {
  "#": "#35;",
  ";": "#59;",
  "%": "#37;",
  "<": "#lt;",
  "&": "#amp;",
};
