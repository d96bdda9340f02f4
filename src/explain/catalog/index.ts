import type { Catalog, Language } from "./catalog.js";
import { en } from "./en.js";
import { zh } from "./zh.js";

export type { Catalog, Language } from "./catalog.js";

export const CATALOGS: Record<Language, Catalog> = { en, zh };

export const LANGUAGES = Object.keys(CATALOGS) as Language[];
