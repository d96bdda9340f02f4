import { CATALOGS, LANGUAGES, type Catalog, type Language } from "./catalog/index.js";
import type { Role } from "../track/states.js";
import type { Message, MessageKey, MessageValue } from "./message.js";

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A template cut at its placeholders once, so that filling it in is a run of concatenations
 * instead of a regular expression per message: `literals` has one more entry than `names`, and
 * each name sits between the literals around it.
 */
interface CompiledTemplate {
  literals: readonly string[];
  names: readonly string[];
}

function compile(template: string): CompiledTemplate {
  const literals: string[] = [];
  const names: string[] = [];
  let start = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    literals.push(template.slice(start, match.index));
    names.push(match[1]!);
    start = match.index + match[0].length;
  }
  literals.push(template.slice(start));
  return { literals, names };
}

/** A language's templates, compiled, and its words for the roles (looked up for nearly every message). */
interface CompiledCatalog {
  templates: ReadonlyMap<MessageKey, CompiledTemplate>;
  roles: Readonly<Record<Role, string>>;
}

function compileCatalog(catalog: Catalog): CompiledCatalog {
  const templates = new Map(
    Object.entries(catalog.messages).map(([key, template]) => [key as MessageKey, compile(template)]),
  );
  return { templates, roles: { client: catalog.words.text.client, server: catalog.words.text.server } };
}

const COMPILED = Object.fromEntries(
  LANGUAGES.map((language) => [language, compileCatalog(CATALOGS[language])]),
) as Record<Language, CompiledCatalog>;

/**
 * How a string value is written into the text: as it is (the default), or made fit for where the
 * text goes (terminal-safe, say) by the caller that knows. The templates, the role words and the
 * numbers are the program's own, so only string values pass through it.
 */
export type StringValueFilter = (value: string) => string;

/** Render a message in a language: fill each {name}; roles become the language's word for them. */
export function formatMessage(message: Message, language: Language, filter?: StringValueFilter): string {
  return fill(message, COMPILED[language], filter);
}

function fill(message: Message, catalog: CompiledCatalog, filter: StringValueFilter | undefined): string {
  const { literals, names } = catalog.templates.get(message.key)!;
  let text = literals[0]!;
  for (let i = 0; i < names.length; i++) {
    const value = message.values[names[i]!];
    // A placeholder without a value stays as written.
    text += (value === undefined ? `{${names[i]}}` : formatValue(value, catalog, filter)) + literals[i + 1];
  }
  return text;
}

function formatValue(value: MessageValue, catalog: CompiledCatalog, filter: StringValueFilter | undefined): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "object") return fill(value, catalog, filter);
  if (value === "client" || value === "server") return catalog.roles[value];
  return filter === undefined ? value : filter(value);
}
