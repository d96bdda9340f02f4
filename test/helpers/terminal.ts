import { spawn, spawnSync } from "node:child_process";
import { visibleWidth } from "../../src/render/shared/fit.js";
import { CLI, ROOT } from "./cli.js";

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

/** Whether util-linux script is here to give a command a pseudo-terminal (the tests that need one skip without it). */
export const HAS_SCRIPT = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

/**
 * Runs the built command with stdout and stderr on a pseudo-terminal of `columns` columns (util-linux
 * script, the terminal sized with stty): what the terminal got, line ends as "\n", and the exit status.
 */
export function onTerminal(
  args: string[],
  { columns = 80, env = {}, cwd = ROOT }: { columns?: number; env?: Record<string, string>; cwd?: string } = {},
): Promise<{ status: number | null; output: string }> {
  const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
  // Set by env after stty: the shell updates COLUMNS when the terminal is resized.
  const settings = Object.entries(env).map(([name, value]) => `${name}=${value}`);
  const command = `stty cols ${columns} rows 50; exec ${["env", ...settings, process.execPath, CLI, ...args].map(quote).join(" ")}`;
  const environment: NodeJS.ProcessEnv = { ...process.env, TERM: "xterm" };
  delete environment["NO_COLOR"];
  delete environment["COLUMNS"];
  const child = spawn("script", ["-qec", command, "/dev/null"], {
    cwd,
    env: environment,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (output += text));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output: output.replaceAll("\r\n", "\n") }));
  });
}

/** The lines a terminal shows, colour codes and all, measured as it would: the widest, in columns. */
export function widestLine(output: string): { width: number; line: string } {
  let widest = { width: 0, line: "" };
  for (const line of output.split("\n")) {
    const width = visibleWidth(line);
    if (width > widest.width) widest = { width, line };
  }
  return widest;
}
