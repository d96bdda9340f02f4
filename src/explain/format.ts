import { CATALOGS, type Language } from "./catalog/index.js";
import type { Message, MessageValue } from "./message.js";

const PLACEHOLDER = /\{(\w+)\}/g;

/** Render a message in a language: fill each {name}; roles become the language's word for them. */
export function formatMessage(message: Message, language: Language): string {
  const catalog = CATALOGS[language];
  return catalog[message.key].replace(PLACEHOLDER, (whole, name: string) => {
    const value = message.values[name];
    return value === undefined ? whole : formatValue(value, language);
  });
}

function formatValue(value: MessageValue, language: Language): string {
  if (typeof value === "object") return formatMessage(value, language);
  if (value === "client" || value === "server") return CATALOGS[language][`word.${value}`];
  return String(value);
}
