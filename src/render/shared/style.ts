import { styleText } from "node:util";

type Format = Parameters<typeof styleText>[0];

/** Applies terminal styles when colour is on, and nothing otherwise (render stays pure). */
export class Style {
  constructor(readonly color: boolean) {}

  paint(format: Format, text: string): string {
    return this.color ? styleText(format, text, { validateStream: false }) : text;
  }
}
