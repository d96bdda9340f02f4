import type { Catalog, Language } from "./catalog.js";
import { en } from "./en.js";
import { zh } from "./zh.js";

export type { Catalog, Language, MessageTemplates } from "./catalog.js";
export type { CaptureTotals, CaptureWords, DiagramWords, FoldFigures, ReportWords, SummaryWords, TextWords, Words } from "./words.js";

/** Every language's catalog: the one lookup the explanations (format.ts) and the outputs (render/) read words through. */
export const CATALOGS: Record<Language, Catalog> = { en, zh };

export const LANGUAGES = Object.keys(CATALOGS) as Language[];
