import type { Catalog, Language } from "./catalog.js";
import { en } from "./en.js";
import { zh } from "./zh.js";

export type { Catalog, Language } from "./catalog.js";

export const CATALOGS: Record<Language, Catalog> = { en, zh };

export const LANGUAGES = Object.keys(CATALOGS) as Language[];

/** The language of the labels and explanations unless one is asked for. */
export const DEFAULT_LANGUAGE: Language = "en";
