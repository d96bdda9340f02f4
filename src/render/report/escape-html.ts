import { terminalSafeLines } from "../shared/terminal-safe.js";

/**
 * HTML (and inline SVG) built so that nothing from a capture or the command line can become
 * markup: every value placed in an `html` template is escaped unless it is itself markup made by
 * an `html` template.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text safe inside an element or a quoted attribute value. Control characters are made visible
 * first (terminal-safe.ts), line breaks kept: the report may be printed on a terminal.
 */
export function escapeHtml(text: string): string {
  return terminalSafeLines(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Markup that is already safe (made by `html`); anything else placed in a template is escaped. */
export class Markup {
  constructor(readonly text: string) {}
}

export type HtmlValue = string | number | Markup | readonly Markup[];

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Markup {
  let text = strings[0] ?? "";
  values.forEach((value, i) => {
    text += markupOf(value) + (strings[i + 1] ?? "");
  });
  return new Markup(text);
}

function markupOf(value: HtmlValue): string {
  if (value instanceof Markup) return value.text;
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return escapeHtml(value);
  return value.map((markup) => markup.text).join("");
}
