import type { MessageKey } from "../message.js";
import type { Words } from "./words.js";

/** A template for every message key, placeholders written {name}. */
export type MessageTemplates = Record<MessageKey, string>;

/**
 * One language, all in one place: the explanations' message templates and every output's own
 * words. A new language is one more catalog file beside en.ts and zh.ts, named in CATALOGS
 * (index.ts).
 */
export interface Catalog {
  messages: MessageTemplates;
  words: Words;
}
