import type { Catalog } from "./catalog.js";
import { en } from "./en.js";
import { zh } from "./zh.js";

export type { Catalog } from "./catalog.js";
export type { CaptureTotals, DiagramWords, FoldFigures, SummaryWords, TextWords } from "./words.js";

/**
 * Every language's catalog: the one lookup the explanations (format.ts) and the outputs (render/)
 * read words through. A new language is one more catalog file, named here.
 */
export const CATALOGS = { en, zh } as const satisfies Record<string, Catalog>;

export type Language = keyof typeof CATALOGS;

export const LANGUAGES = Object.keys(CATALOGS) as Language[];

/** The language of the labels and explanations unless one is asked for. */
export const DEFAULT_LANGUAGE: Language = "en";
