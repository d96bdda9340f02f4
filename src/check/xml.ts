/**
 * Escapes text for XML element content and attribute values (XML 1.0 §2.4): the five markup
 * characters, and control characters XML 1.0 cannot carry at all (replaced by U+FFFD).
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (char) => XML_ENTITIES[char] ?? "\ufffd");
}

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
