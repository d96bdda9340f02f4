import { execFileSync, spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import {
  closeSync,
  constants,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, it } from "vitest";
import { CLI, ROOT, runCliAsync } from "../helpers/cli.js";
import { pcapRecord } from "../../scripts/lib/capture/pcap.mjs";
import { scratchFolder } from "../helpers/scratch.js";

/**
 * How every command ends when the world around it misbehaves: the reader of its output goes
 * away, Ctrl-C arrives mid-capture, the capture is cut short (--strict) or has no frame it can
 * decode. Never a stack trace; always a documented status.
 */
const SCAN = "fixtures/shared/synscan.pcapng";
const FORTY = "fixtures/loopback/many-connections.pcap";
/** Every command, with arguments that make it print well over a pipe's 64 KiB, and the status it decides. */
const LARGE_OUTPUTS = [
  { args: [FORTY], status: 0 },
  { args: ["check", "--expect", "graceful-close", "--format", "json", SCAN], status: 1 },
  { args: ["diagram", SCAN], status: 0 },
  { args: ["report", FORTY], status: 0 },
  { args: ["summary", "--format", "ndjson", SCAN], status: 0 },
];
/** The same commands on a small capture: with the reader gone from the start, the first write fails. */
const ANY_OUTPUTS = [
  { args: [FORTY], status: 0 },
  { args: ["check", "--expect", "graceful-close", FORTY], status: 1 },
  { args: ["diagram", FORTY], status: 0 },
  { args: ["report", FORTY], status: 0 },
  { args: ["summary", FORTY], status: 0 },
];

interface Ended {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts the command; `act` may close its stdout, feed its stdin, signal it. */
function start(args: string[]) {
  return watch(spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] }));
}

/** Starts the command with stdin, stdout and stderr as given (a file, another process's pipe). */
function startWith(args: string[], stdio: StdioOptions) {
  return watch(spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio }));
}

function watch<Child extends ChildProcess>(child: Child) {
  const seen = { stdout: "", stderr: "" };
  child.stdout?.setEncoding("utf8").on("data", (text: string) => (seen.stdout += text));
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (seen.stderr += text));
  const ended = new Promise<Ended>((resolve) =>
    child.on("close", (status, signal) => resolve({ status, signal, ...seen })),
  );
  return { child, seen, ended };
}

/** The process has the file open (Linux's /proc). */
function hasOpen(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`) === path);
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a reader that goes away (| head)", () => {
  it.concurrent.for(LARGE_OUTPUTS.map((run) => [run.args.join(" "), run] as const))(
    "%s: after the first output, ends quietly with its status",
    async ([, { args, status }], { expect }) => {
      const { child, ended } = start(args);
      child.stdin.end();
      child.stdout.once("data", () => child.stdout.destroy());
      const end = await ended;
      expect(end.stderr).toBe("");
      expect({ status: end.status, signal: end.signal }).toEqual({ status, signal: null });
    },
  );

  it.concurrent.for(ANY_OUTPUTS.map((run) => [run.args.join(" "), run] as const))(
    "%s: before any output, ends quietly with its status",
    async ([, { args, status }], { expect }) => {
      const { child, ended } = start(args);
      child.stdin.end();
      child.stdout.destroy();
      const end = await ended;
      expect(end.stderr).toBe("");
      expect({ status: end.status, signal: end.signal }).toEqual({ status, signal: null });
    },
  );
});

const directory = scratchFolder("endings");

/** A pcap record of 4 zero bytes, too short for its link header, at the time of the capture's first record. */
function damagedRecord(capture: Buffer): Buffer {
  return pcapRecord({ sec: capture.readUInt32LE(24), usec: 0, data: new Uint8Array(4) });
}

/**
 * A connection the client aborts with RST (loopback/rst-abort.pcap), after 300 damaged records:
 * warnings on stderr (the first 100 of them, then two lines about the rest) before check can judge the RST.
 */
function writeWarningsThenRst(path: string): void {
  const capture = readFileSync(join(ROOT, "fixtures", "loopback", "rst-abort.pcap"));
  writeFileSync(
    path,
    Buffer.concat([capture.subarray(0, 24), ...Array<Buffer>(300).fill(damagedRecord(capture)), capture.subarray(24)]),
  );
}

describe("diagnostics that cannot be written", () => {
  const capture = join(directory, "warnings-then-rst.pcap");
  beforeAll(() => writeWarningsThenRst(capture));
  const FAILING = ["check", "--forbid", "rst", capture];

  it("2>/dev/full: the failing check still exits 1, its verdict written whole", async ({ expect }) => {
    const full = openSync("/dev/full", "w");
    const { ended } = startWith(FAILING, ["ignore", "pipe", full]);
    closeSync(full);
    const end = await ended;
    expect({ status: end.status, signal: end.signal }).toEqual({ status: 1, signal: null });
    expect(end.stdout).toMatch(/^FAIL {2}no RST {2}\[--forbid rst\]/m);
    expect(end.stdout).toMatch(/frame 30\d: 1 RST: The client aborts the connection with RST/);
  });

  it("stderr a pipe whose reader is gone from the start: exits 1", async ({ expect }) => {
    const { child, ended } = start(FAILING);
    child.stderr.destroy();
    const end = await ended;
    expect({ status: end.status, signal: end.signal }).toEqual({ status: 1, signal: null });
    expect(end.stdout).toContain("1 rule, 1 failed");
  });

  it("2>&1 | head -1: the reader takes the first warning and goes; exits 1", async ({ expect }) => {
    const head = spawn("head", ["-1"], { stdio: ["pipe", "pipe", "inherit"] });
    let shown = "";
    head.stdout.setEncoding("utf8").on("data", (text: string) => (shown += text));
    const headClosed = new Promise((resolve) => head.on("close", resolve));
    const { ended } = startWith(FAILING, ["ignore", head.stdin, head.stdin]);
    head.stdin.destroy();
    const end = await ended;
    expect({ status: end.status, signal: end.signal }).toEqual({ status: 1, signal: null });
    await headClosed;
    expect(shown).toMatch(/^tcp-annotate: warning: .*warnings-then-rst\.pcap: frame 1, byte 24: malformed sll2 header/);
  });

  it("2>/dev/full: the timeline still ends with its closing line", async ({ expect }) => {
    const full = openSync("/dev/full", "w");
    const { ended } = startWith([capture], ["ignore", "pipe", full]);
    closeSync(full);
    const end = await ended;
    expect(end.status).toBe(0);
    expect(end.stdout.trimEnd().split("\n").at(-1)).toMatch(
      /^\d+ frames: \d+ TCP segments in 1 connection, 300 other frames skipped \(300 [a-z0-9-]+\)\.$/,
    );
  });
});

/** A live capture on stdin: a damaged record first (its warning shows that reading began), then the seed's handshake. */
function liveCaptureStart(): Buffer {
  const seed = readFileSync(join(ROOT, "fixtures", "seed", "seed-9502.pcap"));
  const damaged = damagedRecord(seed);
  let end = 24;
  for (let record = 0; record < 3; record++) end += 16 + seed.readUInt32LE(end + 8);
  return Buffer.concat([seed.subarray(0, 24), damaged, seed.subarray(24, end)]);
}

/** Every command on a live capture, and what its output shows of the handshake read before Ctrl-C. */
const INTERRUPTED = [
  { args: ["-"], shows: "4 frames: 3 TCP segments in 1 connection, 1 other frame skipped (1 malformed-sll2)." },
  { args: ["-", "--format", "ndjson"], shows: '{"type":"end","frames":4,"segments":3,"connections":1' },
  { args: ["check", "-", "--expect", "handshake"], shows: "1 connection, 1 rule, all passed" },
  { args: ["diagram", "-"], shows: "127.0.0.1:42074" },
  { args: ["report", "-"], shows: "</html>" },
  { args: ["summary", "-"], shows: "1 connection: 1 still open." },
];

/**
 * Each signal that stops reading, the status it ends with (128 + its number, as a shell reports a
 * command the signal killed) and the commands it is tried on: SIGTERM (kill's default, a CI job
 * cancelled) and SIGHUP (a terminal closed) as Ctrl-C is.
 */
const SIGNALS = [
  { signal: "SIGINT", status: 130, said: "interrupted", commands: INTERRUPTED },
  {
    signal: "SIGTERM",
    status: 143,
    said: "interrupted by SIGTERM",
    commands: INTERRUPTED.filter((run) => ["-", "check"].includes(run.args[0]!)),
  },
  {
    signal: "SIGHUP",
    status: 129,
    said: "interrupted by SIGHUP",
    commands: INTERRUPTED.filter((run) => ["-", "check"].includes(run.args[0]!)),
  },
] as const;

describe("a signal while a live capture is read", () => {
  const runs = SIGNALS.flatMap(({ commands, ...signal }) =>
    commands.map((run) => [`${signal.signal}: ${run.args.join(" ")}`, { ...run, ...signal }] as const),
  );
  it.concurrent.for(runs)(
    "%s: reports what was read, then exits 128 + the signal",
    async ([, { args, shows, signal, status, said }], { expect }) => {
      const { child, seen, ended } = start(args);
      child.stdin.write(liveCaptureStart());
      await until(() => /malformed sll2 header/.test(seen.stdout + seen.stderr), "the first warning");
      child.kill(signal);
      const end = await ended;
      expect({ status: end.status, signal: end.signal }).toEqual({ status, signal: null });
      expect(end.stdout).toContain(shows);
      expect(end.stderr.trimEnd().split("\n").at(-1)).toBe(
        `tcp-annotate: ${said}: reading stopped; what was read before is reported`,
      );
      expect(end.stderr).not.toMatch(/^\s+at /m);
    },
  );
});

describe("a FIFO (named pipe) given by name", () => {
  function fifo(name: string): string {
    const path = join(directory, name);
    execFileSync("mkfifo", [path]);
    return path;
  }

  /** Opens the FIFO's writing end once the command has its reading end open, and writes the bytes. */
  async function writeTo(path: string, bytes: Uint8Array): Promise<number> {
    let writer: number | undefined;
    await until(() => {
      try {
        writer = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
        return true;
      } catch {
        return false;
      }
    }, "the command to open the FIFO");
    writeSync(writer!, bytes);
    return writer!;
  }

  /** The command's end, or "still running" (and it is killed) if it does not come within 5 s of the signal. */
  async function endWithin(run: ReturnType<typeof start>): Promise<Ended | "still running"> {
    const late = new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 5000));
    const end = await Promise.race([run.ended, late]);
    if (end === "still running") run.child.kill("SIGKILL");
    return end;
  }

  it("with no writer yet: Ctrl-C stops it at once (its open waited in a thread nothing could stop)", async ({
    expect,
  }) => {
    const path = fifo("no-writer.fifo");
    const run = start([path]);
    run.child.stdin.end();
    // However slowly it starts: its Ctrl-C handling is set up before it opens its input.
    await until(() => hasOpen(run.child.pid!, path), "the command to open the FIFO");
    run.child.kill("SIGINT");
    expect(await endWithin(run)).toMatchObject({
      status: 130,
      signal: null,
      stderr: "tcp-annotate: interrupted: reading stopped; what was read before is reported\n",
    });
  });

  it("with a writer that went quiet: Ctrl-C reports what came, exit 130", async ({ expect }) => {
    const path = fifo("quiet-writer.fifo");
    const run = start(["check", path, "--expect", "handshake"]);
    run.child.stdin.end();
    const writer = await writeTo(path, liveCaptureStart());
    await until(() => /malformed sll2 header/.test(run.seen.stderr), "the first warning");
    run.child.kill("SIGINT");
    const end = await endWithin(run);
    closeSync(writer);
    expect(end).toMatchObject({
      status: 130,
      signal: null,
      stdout: expect.stringContaining("1 connection, 1 rule, all passed"),
    });
  });

  it("read to its end once the writer is done", async ({ expect }) => {
    const path = fifo("writer.fifo");
    const run = runCliAsync(["summary", path]);
    closeSync(await writeTo(path, readFileSync(join(ROOT, "fixtures", "seed", "seed-9502.pcap"))));
    const end = await run;
    expect(end.status).toBe(0);
    expect(end.stdout).toContain("1 connection: 1 closed gracefully.");
  });
});

describe("every command ends the same way on the same input", () => {
  const COMMANDS = [[], ["check", "--min-connections", "0"], ["diagram"], ["report"], ["summary"]];
  const CASES = [
    { input: "fixtures/malformed/pcap-last-record-cut.pcap", strict: false, status: 0, error: undefined },
    {
      input: "fixtures/malformed/pcap-last-record-cut.pcap",
      strict: true,
      status: 2,
      error: "(an error under --strict)",
    },
    {
      input: "fixtures/malformed/unknown-link-type-only.pcap",
      strict: false,
      status: 2,
      error: "this tool does not read link type 147",
    },
    {
      input: "fixtures/malformed/pcap-caplen-4gib.pcap",
      strict: false,
      status: 2,
      error: "claims 4294967295 captured bytes",
    },
  ];
  const runs = COMMANDS.flatMap((command) => CASES.map((test) => ({ command, ...test })));
  const name = (run: (typeof runs)[number]) =>
    [run.command[0] ?? "annotate", run.input.split("/").at(-1), run.strict ? "--strict" : ""].join(" ").trim();
  it.concurrent.for(runs.map((run) => [name(run), run] as const))(
    "%s",
    async ([, { command, input, strict, status, error }], { expect }) => {
      const run = await runCliAsync([...command, input, ...(strict ? ["--strict"] : [])]);
      // check's rule passes on any capture, so its status is reading's.
      expect(run.status).toBe(status);
      const errors = run.stderr.split("\n").filter((line) => line.startsWith("tcp-annotate: error: "));
      if (error === undefined) expect(errors).toEqual([]);
      else expect(errors).toEqual([expect.stringContaining(error)]);
    },
  );
});
