/** A filter expression that could not be read: why, and where in it (the bad token's offset and length). */
export class FilterError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message);
    this.name = "FilterError";
  }

  /** The reason, then the expression with the bad token underlined. */
  pointAt(expression: string): string {
    return `${this.message}\n  ${expression}\n  ${" ".repeat(this.offset)}${"^".repeat(Math.max(1, this.length))}`;
  }
}
