/**
 * Buffered writing to stdout: text is joined and written in large pieces (one write per ~64 KiB,
 * or once the current burst of work is done, so a live capture shows each segment promptly).
 * A reader that goes away (`| head`) ends the program quietly with status 0.
 */
export class Output {
  private parts: string[] = [];
  private size = 0;
  private scheduled = false;
  private static readonly LIMIT = 64 * 1024;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(0);
      throw error;
    });
  }

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
