import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator } from "../../src/annotate/annotator.js";
import { formatWarning } from "../../src/cli/problems.js";
import { ProgressBar, wantsProgressBar, type ProgressSettings } from "../../src/cli/progress-bar.js";
import { readInputs } from "../../src/cli/read-inputs.js";
import { displayWidth } from "../../src/render/shared/width.js";
import { ROOT } from "../helpers/cli.js";
import { fakeClock, fakeTerminal } from "../helpers/terminal.js";

const CLEAR = "\r\x1b[K";

/** A bar over one 1000-byte file, on a fake 80-column terminal, with a clock the test moves. */
function setUp(sizes: number[] = [1000], columns = 80) {
  const terminal = fakeTerminal(columns);
  const clock = fakeClock();
  const ownWrite = terminal.stream.write;
  const exitListeners = process.listenerCount("exit");
  const bar = new ProgressBar(sizes, { stream: terminal.stream, stdout: { isTTY: false }, now: clock.now });
  const file = { read: 0 };
  const frames = (count: number) => {
    for (let i = 0; i < count; i++) bar.frame();
  };
  return { terminal, clock, bar, file, frames, ownWrite, exitListeners };
}

describe("ProgressBar", () => {
  it("draws nothing in the first second, then the file, bar, percentage, frames, rate and time left", () => {
    const { terminal, clock, bar, file, frames } = setUp();
    bar.nextFile("trace.pcap", () => file.read);
    clock.ms = 500;
    file.read = 100;
    frames(4096);
    expect(terminal.writes).toEqual([]);
    clock.ms = 1000;
    file.read = 250;
    frames(4096);
    expect(terminal.writes).toEqual(["\rtrace.pcap [#####...............]  25%  8,192 frames  8.2k/s  ETA 0:03\x1b[K"]);
  });

  it("looks at the clock only every 4096 frames", () => {
    const { clock, bar, file, frames } = setUp();
    bar.nextFile("trace.pcap", () => file.read);
    const before = clock.reads;
    frames(100_000);
    expect(clock.reads - before).toBe(Math.floor(100_000 / 4096));
  });

  it("redraws at most ten times a second", () => {
    const { terminal, clock, bar, file, frames } = setUp();
    bar.nextFile("trace.pcap", () => file.read);
    clock.ms = 1000;
    frames(4096);
    expect(terminal.writes).toHaveLength(1);
    clock.ms = 1099;
    frames(4096);
    expect(terminal.writes).toHaveLength(1);
    clock.ms = 1100;
    file.read = 500;
    frames(4096);
    expect(terminal.writes).toHaveLength(2);
    expect(terminal.screen()).toEqual(["trace.pcap [##########..........]  50%  12,288 frames  11k/s  ETA 0:02"]);
  });

  it("clears itself when stopped and gives the stream back as it was", () => {
    const { terminal, clock, bar, file, frames, ownWrite, exitListeners } = setUp();
    bar.nextFile("trace.pcap", () => file.read);
    clock.ms = 2000;
    frames(4096);
    expect(terminal.stream.write).not.toBe(ownWrite);
    expect(process.listenerCount("exit")).toBe(exitListeners + 1);
    bar.stop();
    expect(terminal.writes.at(-1)).toBe(CLEAR);
    expect(terminal.screen()).toEqual([""]);
    expect(terminal.stream.write).toBe(ownWrite);
    expect(process.listenerCount("exit")).toBe(exitListeners);
    clock.ms = 3000;
    frames(10_000);
    bar.stop();
    expect(terminal.writes.at(-1)).toBe(CLEAR);
  });

  it("a short run writes nothing, and the stream is given back", () => {
    const { terminal, clock, bar, file, frames, ownWrite } = setUp();
    bar.nextFile("trace.pcap", () => file.read);
    clock.ms = 900;
    frames(50_000);
    bar.stop();
    expect(terminal.writes).toEqual([]);
    expect(terminal.stream.write).toBe(ownWrite);
  });

  it("clears itself before anything else written to its stream, and comes back below it", () => {
    const { terminal, clock, bar, file, frames } = setUp();
    bar.nextFile("trace.pcap", () => file.read);
    clock.ms = 1000;
    frames(4096);
    const warning = "tcp-annotate: warning: trace.pcap: frame 9000, byte 123456: something odd\n";
    terminal.stream.write(warning);
    expect(terminal.writes.slice(-2)).toEqual([CLEAR, warning]);
    expect(terminal.screen()).toEqual([warning.trimEnd(), ""]);
    clock.ms = 1200;
    frames(4096);
    expect(terminal.screen()).toEqual([warning.trimEnd(), expect.stringMatching(/^trace\.pcap \[/)]);
    bar.stop();
    expect(terminal.screen()).toEqual([warning.trimEnd(), ""]);
  });

  it("gives way to stdout's lines too when stdout is the same terminal", () => {
    const terminal = fakeTerminal();
    const clock = fakeClock();
    const ownWrite = terminal.stdout.write;
    const bar = new ProgressBar([1000], { stream: terminal.stream, stdout: terminal.stdout, now: clock.now });
    bar.nextFile("trace.pcap", () => 500);
    clock.ms = 1000;
    for (let i = 0; i < 4096; i++) bar.frame();
    terminal.stdout.write('{"type":"connection","stream":0}\n');
    expect(terminal.screen()).toEqual(['{"type":"connection","stream":0}', ""]);
    clock.ms = 1100;
    for (let i = 0; i < 4096; i++) bar.frame();
    expect(terminal.screen()).toEqual(['{"type":"connection","stream":0}', expect.stringMatching(/^trace\.pcap \[/)]);
    bar.stop();
    expect(terminal.screen()).toEqual(['{"type":"connection","stream":0}', ""]);
    expect(terminal.stdout.write).toBe(ownWrite);
  });

  it("does not draw over a line stdout left unfinished before the first drawing", () => {
    const terminal = fakeTerminal();
    const clock = fakeClock();
    const bar = new ProgressBar([1000], { stream: terminal.stream, stdout: terminal.stdout, now: clock.now });
    bar.nextFile("trace.pcap", () => 500);
    terminal.stdout.write('{"type":"conn');
    clock.ms = 1000;
    for (let i = 0; i < 4096; i++) bar.frame();
    expect(terminal.screen()).toEqual(['{"type":"conn']);
    terminal.stdout.write('ection"}\n');
    clock.ms = 1100;
    for (let i = 0; i < 4096; i++) bar.frame();
    expect(terminal.screen()).toEqual(['{"type":"connection"}', expect.stringMatching(/^trace\.pcap \[/)]);
    bar.stop();
  });

  it("leaves a stdout that is not a terminal alone", () => {
    const terminal = fakeTerminal();
    const clock = fakeClock();
    const pipe = { isTTY: false, write: (_chunk: string | Uint8Array) => true };
    const ownWrite = pipe.write;
    const bar = new ProgressBar([1000], { stream: terminal.stream, stdout: pipe, now: clock.now });
    bar.nextFile("trace.pcap", () => 500);
    clock.ms = 1000;
    for (let i = 0; i < 4096; i++) bar.frame();
    expect(terminal.writes).toHaveLength(1);
    expect(pipe.write).toBe(ownWrite);
    bar.stop();
  });

  it("does not draw over a line someone else has not finished", () => {
    const { terminal, clock, bar, file, frames } = setUp();
    bar.nextFile("trace.pcap", () => file.read);
    clock.ms = 1000;
    frames(4096);
    terminal.stream.write("tcp-annotate: ");
    clock.ms = 2000;
    frames(4096);
    expect(terminal.screen()).toEqual(["tcp-annotate: "]);
    terminal.stream.write(Buffer.from("done\n"));
    clock.ms = 3000;
    frames(4096);
    expect(terminal.screen()).toEqual(["tcp-annotate: done", expect.stringMatching(/^trace\.pcap \[/)]);
    bar.stop();
  });

  it("counts the bytes of every file, says which file of how many, and never passes 100%", () => {
    const { terminal, clock, bar, file, frames } = setUp([1000, 3000]);
    bar.nextFile("a.pcap", () => file.read);
    file.read = 1000;
    const second = { read: 1000 };
    bar.nextFile("b.pcap", () => second.read);
    clock.ms = 1000;
    frames(4096);
    expect(terminal.screen()).toEqual(["b.pcap (2/2) [##########..........]  50%  4,096 frames  4.1k/s  ETA 0:01"]);
    // A gzip file's stream, or a file still growing, may be read past the size it had.
    second.read = 9000;
    clock.ms = 2000;
    frames(4096);
    expect(terminal.screen()).toEqual(["b.pcap (2/2) [####################] 100%  8,192 frames  4.1k/s  ETA 0:00"]);
    bar.stop();
  });

  it("fits a narrow terminal, keeping the end of a long name and leaving the drawn bar out", () => {
    for (const name of [
      "/a/very/long/directory/name/with/many/parts/capture-file.pcap",
      "抓包文件名很长很长很长很长很长很长很长很长很长很长.pcap",
    ]) {
      const { terminal, clock, bar, file, frames } = setUp([1000], 60);
      bar.nextFile(name, () => file.read);
      file.read = 420;
      clock.ms = 1000;
      frames(4096);
      const [line] = terminal.screen();
      expect(displayWidth(line!)).toBeLessThanOrEqual(59);
      expect(line).toMatch(/^\.\.\..*\.pcap  42%  4,096 frames  4.1k\/s  ETA 0:0[12]$/);
      bar.stop();
    }
    const { terminal, clock, bar, file, frames } = setUp([1000], 20);
    bar.nextFile("capture.pcap", () => file.read);
    clock.ms = 1000;
    frames(4096);
    expect(terminal.screen()).toEqual(["  0%  4,096 frames"]);
    bar.stop();
  });

  it("shows a file name with control characters escaped", () => {
    const { terminal, clock, bar, file, frames } = setUp([1000], 120);
    bar.nextFile("evil\x1b]0;owned\x07\n.pcap", () => file.read);
    clock.ms = 1000;
    frames(4096);
    const drawn = terminal.text();
    expect(drawn.startsWith("\revil\\u001b]0;owned\\u0007\\n.pcap [")).toBe(true);
    expect(drawn.slice(1, -3)).not.toMatch(/[\u0000-\u001f\u007f]/);
    bar.stop();
  });

  it("takes a terminal that does not say its width for 80 columns", () => {
    const { terminal, clock, bar, file, frames } = setUp([1000], 0);
    bar.nextFile("trace.pcap", () => file.read);
    clock.ms = 1000;
    frames(4096);
    expect(terminal.screen()[0]).toMatch(/^trace\.pcap \[\.{20}\]   0%/);
    bar.stop();
  });
});

describe("wantsProgressBar", () => {
  const tty = { isTTY: true, write: () => true };
  const pipe = { isTTY: false, write: () => true };
  const settings = (stderr: typeof tty, stdoutIsTTY: boolean, term = "xterm"): ProgressSettings => ({
    stream: stderr,
    stdout: { isTTY: stdoutIsTTY },
    env: { TERM: term },
  });

  it("only when stderr is a terminal, never with --quiet, TERM=dumb or standard input", () => {
    expect(wantsProgressBar(["a.pcap"], {}, settings(tty, false))).toBe(true);
    expect(wantsProgressBar(["a.pcap", "b.pcap"], {}, settings(tty, true))).toBe(true);
    expect(wantsProgressBar(["a.pcap"], {}, settings(pipe, false))).toBe(false);
    expect(wantsProgressBar(["a.pcap"], { quiet: true }, settings(tty, false))).toBe(false);
    expect(wantsProgressBar(["a.pcap"], {}, settings(tty, false, "dumb"))).toBe(false);
    expect(wantsProgressBar(["-"], {}, settings(tty, false))).toBe(false);
    expect(wantsProgressBar(["a.pcap", "-"], {}, settings(tty, false))).toBe(false);
  });

  it("not when the command's output goes to the terminal as it reads (annotate)", () => {
    expect(wantsProgressBar(["a.pcap"], { outputWhileReading: true }, settings(tty, true))).toBe(false);
    expect(wantsProgressBar(["a.pcap"], { outputWhileReading: true }, settings(tty, false))).toBe(true);
  });
});

describe("readInputs with a progress bar", () => {
  const fixture = (path: string) => join(ROOT, "fixtures", path);
  const inputs = [
    fixture("seed/seed-9502.pcap"),
    fixture("malformed/tcp-option-length-past-header.pcap"),
    fixture("seed/seed-9502-gzipped.cap"),
  ];

  /** Reads the inputs with warnings written to the fake terminal, as the commands write them to stderr. */
  async function read(options: { quiet?: boolean; outputWhileReading?: boolean; stdoutIsTTY?: boolean }) {
    const terminal = fakeTerminal();
    const clock = fakeClock();
    const annotator = new Annotator({
      event: (event) => event.kind === "warning" && terminal.stream.write(formatWarning(event) + "\n"),
    });
    // Every frame a look at the clock, which moves a second each time: a long run in a few frames.
    const now = () => (clock.ms += 1000);
    const progress: ProgressSettings = {
      stream: terminal.stream,
      stdout: { isTTY: options.stdoutIsTTY ?? false },
      env: {},
      now,
      framesPerCheck: 1,
    };
    const result = await readInputs(inputs, annotator, { capture: () => {}, idle: () => {} }, { ...options, progress });
    annotator.finish();
    return { terminal, result };
  }

  it("draws the bar for each file, lets warnings through whole, and leaves nothing behind", async () => {
    const { terminal, result } = await read({});
    expect(result).toEqual({ error: undefined, interrupted: undefined });
    const drawn = terminal.writes.filter((write) => write.startsWith("\r") && write !== CLEAR);
    for (const which of ["(1/3)", "(2/3)", "(3/3)"]) expect(drawn.some((line) => line.includes(which))).toBe(true);
    const percents = drawn.map((line) => Number(/ (\d+)% /.exec(line)![1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(Math.max(...percents)).toBeLessThanOrEqual(100);
    expect(terminal.writes.at(-1)).toBe(CLEAR);
    const screen = terminal.screen();
    expect(screen.at(-1)).toBe("");
    // Three unrelated captures, so each later one starts before the one before it ended.
    expect(screen.slice(0, -1)).toEqual([
      expect.stringMatching(
        /^tcp-annotate: warning: .*tcp-option-length-past-header\.pcap: frame 12, byte 24: tcp-option-malformed/,
      ),
      expect.stringMatching(
        /^tcp-annotate: warning: .*tcp-option-length-past-header\.pcap: frame 12, byte 24: this file's first segment is [\d.]+ s earlier/,
      ),
      expect.stringMatching(
        /^tcp-annotate: warning: .*seed-9502-gzipped\.cap: frame 14, byte 24: this file's first segment is 0\.451 s earlier/,
      ),
    ]);
  });

  it("draws nothing with --quiet, or for annotate when stdout is the terminal", async () => {
    expect(
      (await read({ quiet: true })).terminal.writes.filter((write) => !write.startsWith("tcp-annotate: warning")),
    ).toEqual([]);
    expect(
      (await read({ outputWhileReading: true, stdoutIsTTY: true })).terminal.writes.filter(
        (write) => !write.startsWith("tcp-annotate: warning"),
      ),
    ).toEqual([]);
    expect(
      (await read({ outputWhileReading: true, stdoutIsTTY: false })).terminal.writes.some((write) =>
        write.includes("(3/3)"),
      ),
    ).toBe(true);
  });
});
