import { LineCounter, parseAllDocuments, visit, type Document, type YAMLError } from "yaml";
import { RulesError } from "./rules-error.js";

/**
 * Aliases a document may expand, counted as the YAML library counts them: enough to share a
 * selector among rules, too few for a "billion laughs" file to blow up in memory.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * A rules file's text as plain data, or a RulesError saying what is wrong and where (line and
 * column). The YAML library's own complaints, warnings included, become that one error, never
 * messages of its own on stderr: they may quote the file's bytes raw. Tags beyond YAML 1.2's core
 * (!!binary, !!set ...) are not resolved, so a value is only ever a string, number, boolean,
 * null, list or mapping; an alias inside the node it names would make a value that contains
 * itself, and is refused.
 */
export function readYaml(text: string, file: string): unknown {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, {
    lineCounter: lines,
    prettyErrors: false,
    logLevel: "silent",
    resolveKnownTags: false,
  });
  if (!Array.isArray(documents) || documents.length === 0) throw new RulesError(`${file}: the file is empty`);
  if (documents.length > 1)
    throw new RulesError(`${file}: holds ${documents.length} YAML documents; a rules file is one`);
  const document = documents[0]!;
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem !== undefined)
    throw new RulesError(`${file}: ${at(problem.pos[0], lines)}: not valid YAML or JSON: ${messageOf(problem)}`);
  refuseSelfReference(document, file, lines);
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // An alias before its anchor, or more expansion than MAX_ALIAS_COUNT allows.
    if (error instanceof ReferenceError) throw new RulesError(`${file}: not valid YAML or JSON: ${error.message}`);
    throw error;
  }
}

/** An alias within the node its anchor names (`&a { expect: *a }`) would make a value that holds itself. */
function refuseSelfReference(document: Document, file: string, lines: LineCounter): void {
  visit(document, {
    Alias(_key, alias, path) {
      const target = alias.resolve(document);
      if (target === undefined || !path.includes(target)) return;
      const offset = alias.range?.[0] ?? 0;
      throw new RulesError(
        `${file}: ${at(offset, lines)}: the alias *${alias.source} is inside the node it names, which would contain itself`,
      );
    },
  });
}

function at(offset: number, lines: LineCounter): string {
  const { line, col } = lines.linePos(offset);
  return `line ${line}, column ${col}`;
}

function messageOf(problem: YAMLError): string {
  return problem.message.split("\n")[0] ?? problem.code;
}
