import { EXIT, formatError } from "./problems.js";

/**
 * Output that cannot be written ends the program without a stack trace, whichever command writes
 * it and however the error arrives. A reader that goes away (`tcp-annotate x.pcap | head -1`,
 * EPIPE) ends it quietly with the status already decided (check decides its verdict before
 * writing it), else 0; any other write error is said in one line, exit 2.
 */
export function endOnOutputErrors(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") process.stderr.write(formatError(`cannot write the output: ${error.message}`) + "\n");
    process.exit(error.code === "EPIPE" ? decidedStatus() : EXIT.unreadable);
  });
  // Nothing more can be said once stderr itself fails.
  process.stderr.on("error", () => process.exit(decidedStatus()));
}

function decidedStatus(): number {
  return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
}

/**
 * Buffered writing to stdout: text is joined and written in large pieces (one write per ~64 KiB,
 * or once the current burst of work is done, so a live capture shows each segment promptly).
 */
export class Output {
  private parts: string[] = [];
  private size = 0;
  private scheduled = false;
  private static readonly LIMIT = 64 * 1024;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= Output.LIMIT) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.parts.length === 0) return;
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    this.stream.write(text);
  }
}
