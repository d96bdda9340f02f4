import { FilterError } from "./filter-error.js";

export interface Token {
  text: string;
  offset: number;
}

/** Parentheses, "!", "&&" and "||" stand alone even without spaces around them, as tcpdump reads them. */
const TOKEN = /\s*(\(|\)|&&|\|\||!|[^\s()!&|]+)/y;

export function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(expression);
    if (match === null) {
      if (expression.slice(start).trim() === "") break;
      const offset = start + (expression.slice(start).length - expression.slice(start).trimStart().length);
      throw new FilterError(`a lone "${expression[offset]}": write "&&" or "and", "||" or "or"`, offset, 1);
    }
    const text = match[1]!;
    tokens.push({ text, offset: TOKEN.lastIndex - text.length });
  }
  return tokens;
}
