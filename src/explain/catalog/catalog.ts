import type { MessageKey } from "../message.js";

/** One language: a template for every message key, placeholders written {name}. */
export type Catalog = Record<MessageKey, string>;

export type Language = "en" | "zh";
