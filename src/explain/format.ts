import { CATALOGS, LANGUAGES, type Catalog, type Language } from "./catalog/index.js";
import type { Role } from "../track/states.js";
import type { Message, MessageKey, MessageValue } from "./message.js";

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A template cut at its placeholders once, so that filling it in is a run of concatenations
 * instead of a regular expression per message: `literals` has one more entry than `names`, and
 * each name sits between the literals around it. Each literal is also kept encoded as UTF-8, for
 * writers that copy bytes (MessageSink), and so is each placeholder as written, for a value missing.
 */
interface CompiledTemplate {
  literals: readonly string[];
  encodedLiterals: readonly Uint8Array[];
  names: readonly string[];
  placeholders: readonly Uint8Array[];
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
  return {
    literals,
    encodedLiterals: literals.map(encoded),
    names,
    placeholders: names.map((name) => encoded(`{${name}}`)),
  };
}

const encoded = (text: string): Uint8Array => Buffer.from(text, "utf8");

/** A language's templates, compiled, and its words for the roles (looked up for nearly every message). */
interface CompiledCatalog {
  templates: ReadonlyMap<MessageKey, CompiledTemplate>;
  roles: Readonly<Record<Role, string>>;
  encodedRoles: Readonly<Record<Role, Uint8Array>>;
}

function compileCatalog(catalog: Catalog): CompiledCatalog {
  const templates = new Map(
    Object.entries(catalog.messages).map(([key, template]) => [key as MessageKey, compile(template)]),
  );
  const roles = { client: catalog.words.text.client, server: catalog.words.text.server };
  return { templates, roles, encodedRoles: { client: encoded(roles.client), server: encoded(roles.server) } };
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

/**
 * Where a message is written piece by piece: the catalog's text comes both as a string and as
 * UTF-8 encoded once (a byte buffer copies the bytes: render/shared/byte-writer.ts), numbers as
 * numbers, and the string values as they are, for the sink to make fit for where the text goes
 * (escaped for JSON, terminal-safe).
 */
export interface MessageSink {
  literal(text: string, encoded: Uint8Array): void;
  number(value: number): void;
  value(value: string): void;
}

/**
 * A MessageSink that also writes a duration given in seconds as millis() says it in milliseconds:
 * a KnownTemplate's value so marked is written through it, without a string made for it.
 */
export interface DurationSink extends MessageSink {
  millis(seconds: number): void;
}

/** Render a message in a language: fill each {name}; roles become the language's word for them. */
export function formatMessage(message: Message, language: Language, filter?: StringValueFilter): string {
  const sink = new StringSink(filter);
  writeMessage(message, language, sink);
  return sink.text;
}

/** formatMessage, written into a sink instead of returned. */
export function writeMessage(message: Message, language: Language, sink: MessageSink): void {
  fill(message, COMPILED[language], sink);
}

/**
 * One message's template in one language, looked up once, its values given by position: for a
 * writer that says the same message again and again (explain/line-writer.ts), without a message
 * made, its template looked up by key, or its values looked up by name (a keyed load over the many
 * shapes of values objects, the costliest part of filling in a template).
 */
export class KnownTemplate {
  private readonly template: CompiledTemplate;
  private readonly catalog: CompiledCatalog;
  /** For each placeholder, in the template's order, where its value is among `parameters` (-1: not among them). */
  private readonly slots: readonly number[];
  /** The placeholder (by its place in the template) whose value is seconds to be said as millis() says them; -1 for none. */
  private readonly millisPlace: number;

  /** `millisParameter`: the parameter given as seconds (a number) where the message would have millis() of them. */
  constructor(key: MessageKey, language: Language, parameters: readonly string[], millisParameter?: string) {
    this.catalog = COMPILED[language];
    this.template = this.catalog.templates.get(key)!;
    const names = this.template.names;
    this.slots = names.map((name) => parameters.indexOf(name));
    this.millisPlace = millisParameter === undefined ? -1 : names.indexOf(millisParameter);
  }

  /** The message of this key with these values, in the order of the parameters, written as writeMessage writes it. */
  write(values: readonly MessageValue[], sink: DurationSink): void {
    const { template, catalog, slots, millisPlace } = this;
    const encodedLiterals = template.encodedLiterals;
    sink.literal(template.literals[0]!, encodedLiterals[0]!);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (i === millisPlace) sink.millis(values[slot] as number);
      else writeValue(slot < 0 ? undefined : values[slot], template, i, catalog, sink);
      sink.literal(template.literals[i + 1]!, encodedLiterals[i + 1]!);
    }
  }
}

function fill(message: Message, catalog: CompiledCatalog, sink: MessageSink): void {
  const template = catalog.templates.get(message.key)!;
  const { literals, encodedLiterals, names } = template;
  const values = message.values;
  sink.literal(literals[0]!, encodedLiterals[0]!);
  for (let i = 0; i < names.length; i++) {
    writeValue(values[names[i]!], template, i, catalog, sink);
    sink.literal(literals[i + 1]!, encodedLiterals[i + 1]!);
  }
}

/** The value of the template's placeholder `index`: a role in the language's word, a nested message filled in. */
function writeValue(
  value: MessageValue | undefined,
  template: CompiledTemplate,
  index: number,
  catalog: CompiledCatalog,
  sink: MessageSink,
): void {
  // A placeholder without a value stays as written.
  if (value === undefined) sink.literal(`{${template.names[index]}}`, template.placeholders[index]!);
  else if (typeof value === "number") sink.number(value);
  else if (typeof value === "object") fill(value, catalog, sink);
  else if (value === "client" || value === "server") sink.literal(catalog.roles[value], catalog.encodedRoles[value]);
  else sink.value(value);
}

/** The message as one string, its string values passed through the filter. */
class StringSink implements MessageSink {
  text = "";

  constructor(private readonly filter: StringValueFilter | undefined) {}

  literal(text: string): void {
    this.text += text;
  }

  number(value: number): void {
    this.text += String(value);
  }

  value(value: string): void {
    this.text += this.filter === undefined ? value : this.filter(value);
  }
}
