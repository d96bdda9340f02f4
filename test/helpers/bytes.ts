/**
 * Bytes from annotated hex, as the tests write packets and captures: one or more fields, joined;
 * whitespace is ignored and "#" starts a comment that runs to the end of the line.
 */
export function hex(...fields: string[]): Uint8Array {
  const digits = fields.join("\n").replace(/#.*$/gm, "").replace(/\s+/g, "");
  if (!/^(?:[0-9a-f]{2})*$/i.test(digits)) throw new Error(`not whole hex bytes: ${digits}`);
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
