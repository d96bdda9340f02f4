import {
  closeSync,
  existsSync,
  fstatSync,
  ftruncateSync,
  openSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import { pathOf } from "./arguments.js";

/** Why the report cannot go to the file -o names; said before any capture is read. */
export class ReportFileError extends Error {}

/**
 * The file `report -o` writes, opened before any capture is read: a path that cannot be written
 * is said at once, not after the whole capture was read, and a path that is one of the captures
 * read (the same file, by any name, or standard input redirected from it) is refused, never
 * overwritten. Opened to append, so that nothing it held is lost until the page is written.
 */
export class ReportFile {
  private constructor(
    private readonly name: string,
    private readonly file: number,
    private readonly regular: boolean,
    /** It did not exist before: a report that is not written leaves nothing behind. */
    private readonly created: boolean,
  ) {}

  static open(name: string, inputs: readonly string[]): ReportFile {
    let file: number;
    const existed = existsSync(pathOf(name));
    try {
      file = openSync(pathOf(name), "a");
    } catch (error) {
      throw new ReportFileError(`${name}: cannot write the report: ${(error as Error).message}`);
    }
    const stats = fstatSync(file);
    const input = inputs.find((candidate) => sameFile(stats, statsOf(candidate)));
    if (input !== undefined) {
      closeSync(file);
      const which = input === "-" ? "standard input is read from it" : "it is one of the captures read";
      throw new ReportFileError(`${name}: cannot write the report there: ${which}, and it would be overwritten`);
    }
    return new ReportFile(name, file, stats.isFile(), !existed);
  }

  /** No report after all (no capture could be read): the file is left as it was. */
  abandon(): void {
    closeSync(this.file);
    if (this.created && this.regular) unlinkSync(pathOf(this.name));
  }

  /** The page, in place of what the file held. */
  write(pieces: readonly Buffer[]): void {
    try {
      if (this.regular) ftruncateSync(this.file, 0);
      for (const piece of pieces) writeAll(this.file, piece);
    } finally {
      closeSync(this.file);
    }
  }
}

function statsOf(input: string): Stats | undefined {
  try {
    return input === "-" ? fstatSync(0) : statSync(pathOf(input));
  } catch {
    return undefined;
  }
}

function sameFile(a: Stats, b: Stats | undefined): boolean {
  return b !== undefined && a.dev === b.dev && a.ino === b.ino;
}

function writeAll(file: number, bytes: Buffer): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(file, bytes, written);
}
