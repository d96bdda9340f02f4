/**
 * A fake terminal for the progress bar: a stream that says it is a TTY and keeps what it is given,
 * and the lines a terminal would show for it.
 */
export function fakeTerminal(columns = 80) {
  const writes: string[] = [];
  const writer = () => ({
    isTTY: true,
    columns,
    write(chunk: string | Uint8Array): boolean {
      writes.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return true;
    },
  });
  // stderr, and stdout on the same terminal.
  const stream = writer();
  const stdout = writer();
  return { stream, stdout, writes, text: () => writes.join(""), screen: () => screenOf(writes.join("")) };
}

/** What a terminal shows for this output, knowing only \r, \n and ESC [ K (erase to the end of the line). */
export function screenOf(output: string): string[] {
  const lines = [""];
  let column = 0;
  for (let i = 0; i < output.length; i++) {
    const char = output[i]!;
    const line = lines[lines.length - 1]!;
    if (char === "\r") column = 0;
    else if (char === "\n") {
      lines.push("");
      column = 0;
    } else if (output.startsWith("\x1b[K", i)) {
      lines[lines.length - 1] = line.slice(0, column);
      i += 2;
    } else {
      lines[lines.length - 1] = line.slice(0, column).padEnd(column) + char + line.slice(column + 1);
      column++;
    }
  }
  return lines;
}

/** A clock the test moves by hand, counting how often it is read. */
export function fakeClock(start = 0) {
  const clock = {
    ms: start,
    reads: 0,
    now: () => {
      clock.reads++;
      return clock.ms;
    },
  };
  return clock;
}
