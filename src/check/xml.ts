import { terminalSafeLines } from "../render/shared/terminal-safe.js";

/**
 * Escapes text for XML element content and attribute values (XML 1.0 §2.4): the five markup
 * characters. Control characters are made visible first (terminal-safe.ts), line breaks kept:
 * XML 1.0 cannot carry most C0 controls at all, and the report may be printed on a terminal.
 */
export function escapeXml(text: string): string {
  return terminalSafeLines(text).replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
