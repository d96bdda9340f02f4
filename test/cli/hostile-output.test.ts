import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { terminalSafe, terminalSafeLines } from "../../src/render/shared/terminal-safe.js";
import {
  concat,
  ETHERTYPE_IPV4,
  ethernet,
  IP_PROTOCOL_TCP,
  ipv4,
  patched,
  TCP_ACK,
  TCP_SYN,
} from "../decode/helpers/packets.js";
import { CLI, records, runCliAsync } from "../helpers/cli.js";
import { LINKTYPE } from "../../scripts/lib/capture/link.mjs";
import { spacedRecords, writePcap } from "../../scripts/lib/capture/pcap.mjs";
import { scratchFolder } from "../helpers/scratch.js";

/**
 * Escape sequences in a capture's payload or in its file name never reach the terminal raw, in
 * any command or format: SGR colour (ESC [ 31m), OSC 52 (ESC ] 52 ; c ; base64 BEL, which sets
 * the clipboard), BEL, backspace, a C1 CSI and a right-to-left override.
 */
const ESCAPES = "\u001b[31mred\u001b]52;c;aGVsbG8=\u0007bel\b\b\u009b2J\u202erevo";
const NAME = `capture-${ESCAPES}.pcap`;

/** pcap, microseconds, little-endian, Ethernet; the last record cut short so that a warning names the file. */
function hostileCapture(): Uint8Array {
  const payload = new TextEncoder().encode(`${ESCAPES}\r\n`);
  const pshAck = concat(patched(TCP_ACK, 13, 0x18), payload);
  const frames = [
    ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, TCP_SYN)),
    ethernet(ETHERTYPE_IPV4, ipv4(IP_PROTOCOL_TCP, pshAck)),
  ];
  const whole = writePcap(spacedRecords(frames, { stepMicros: 1_000_000 }), { linkType: LINKTYPE.ETHERNET });
  return whole.subarray(0, whole.length - 3);
}

const directory = scratchFolder("hostile");
const path = join(directory, NAME);
beforeAll(() => writeFileSync(path, hostileCapture()));

/** Each command and format, and how its output names the file (NDJSON holds the warnings too). */
const FORMATS: Array<{ args: string[]; names: "escaped" | "json" | "not at all"; warnings?: "stdout" }> = [
  { args: [], names: "escaped" },
  { args: ["--format", "ndjson"], names: "json", warnings: "stdout" },
  { args: ["check", "--forbid", "rst"], names: "escaped" },
  { args: ["check", "--forbid", "rst", "--format", "json"], names: "json" },
  { args: ["check", "--forbid", "rst", "--format", "junit"], names: "not at all" },
  { args: ["diagram"], names: "not at all" },
  { args: ["diagram", "--format", "mermaid"], names: "not at all" },
  { args: ["report"], names: "escaped" },
  { args: ["summary"], names: "not at all" },
  { args: ["summary", "--format", "json"], names: "not at all" },
];

describe("escape sequences from a capture's payload and file name", () => {
  it.concurrent.for(FORMATS.map((format) => [format.args.join(" ") || "annotate", format] as const))(
    "%s prints them escaped",
    async ([, { args, names, warnings }], { expect }) => {
      const run = await runCliAsync([...args, path]);
      expect(run.status).not.toBeNull();
      // Nothing a terminal would act on: the output is what making it safe would leave it.
      expect(terminalSafeLines(run.stdout)).toBe(run.stdout);
      expect(terminalSafeLines(run.stderr)).toBe(run.stderr);
      // The warning about the cut record names the file, escaped.
      if (warnings === undefined) expect(run.stderr).toContain(`tcp-annotate: warning: ${terminalSafe(path)}: frame 2`);
      if (names === "escaped") expect(run.stdout).toContain(terminalSafe(NAME));
      // JSON's own escapes, and terminalSafe's for what JSON leaves raw (C1, the override).
      if (names === "json") expect(run.stdout).toContain(terminalSafe(JSON.stringify(NAME)).slice(1, -1));
    },
  );

  it("NDJSON keeps the name exact: JSON's escapes read back to the very bytes", async () => {
    const run = await runCliAsync(["--format", "ndjson", path]);
    const [capture, ...rest] = records(run.stdout);
    expect(capture).toMatchObject({ type: "capture", file: path });
    expect(rest.find((record) => record["type"] === "warning")).toMatchObject({ file: path, frame: 2 });
  });

  it("a file that cannot be opened is named escaped in the one error line", async () => {
    const missing = join(directory, `missing-${ESCAPES}.pcap`);
    const run = await runCliAsync([missing]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`tcp-annotate: error: ${terminalSafe(missing)}: no such file or directory\n`);
  });

  it("usage errors quote the arguments escaped", async () => {
    const run = await runCliAsync([`--${ESCAPES}`, path]);
    expect(run.status).toBe(2);
    expect(terminalSafeLines(run.stderr)).toBe(run.stderr);
    expect(run.stderr).toContain(terminalSafe(`--${ESCAPES}`));
  });
});

describe("a file name that is not UTF-8", () => {
  /** "café.pcap" in Latin-1: é is the one byte e9, which UTF-8 cannot start a character with. */
  const latin1 = Buffer.concat([Buffer.from(directory + "/caf"), Buffer.from([0xe9]), Buffer.from(".pcap")]);
  beforeAll(() => writeFileSync(latin1, hostileCapture()));
  const shown = `${directory}/caf\\xe9.pcap`;

  /** Runs the command through sh, which passes the name's bytes as they are (spawn would encode a string as UTF-8). */
  function runWithName(args: string[], name: Buffer) {
    const script = `exec "$NODE" "$CLI" ${args.join(" ")} "$(printf '%s' "$NAME_HEX" | xxd -r -p)"`;
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("sh", ["-c", script], {
        env: { ...process.env, NODE: process.execPath, CLI, NAME_HEX: name.toString("hex") },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
      child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  }

  it.concurrent.for([
    [
      ["--format", "ndjson"],
      (stdout: string) =>
        expect(
          records(stdout)
            .filter((record) => record["file"] === shown)
            .map((record) => record["type"]),
        ).toEqual(["capture", "warning"]),
    ],
    [["summary"], (stdout: string) => expect(stdout).toMatch(/^1 connection: /m)],
    [
      ["check", "--forbid", "rst", "--format", "json"],
      (stdout: string) => expect(JSON.parse(stdout)).toMatchObject({ captures: [shown], passed: true }),
    ],
    [["report"], (stdout: string) => expect(stdout).toContain(`<code>${shown}</code>`)],
  ] as const)("%j reads it, and names it with the byte escaped", async ([args, check], { expect }) => {
    const run = await runWithName([...args], latin1);
    expect(run.status).toBe(0);
    check(run.stdout);
    // The last record is cut short (hostileCapture), so the warning names the file (NDJSON holds it as a record).
    if (!(args as readonly string[]).includes("ndjson"))
      expect(run.stderr).toContain(`tcp-annotate: warning: ${shown}: frame 2`);
  });

  it("one that does not exist is named so in the error", async () => {
    const run = await runWithName(
      [],
      Buffer.concat([Buffer.from(directory + "/missing-"), Buffer.from([0xff, 0xfe]), Buffer.from(".pcap")]),
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${directory}/missing-\\xff\\xfe.pcap: no such file or directory`);
  });
});

describe("a warning a library gives through Node (process.emitWarning)", () => {
  it("is said as the tool's own, escaped, where Node would print it raw", async () => {
    // A module loaded before the program gives the warning once the program has taken Node's
    // warning listener over (it reads stdin, held open here), however slowly it starts.
    const warn = `process.emitWarning(${JSON.stringify(`bad tag ${ESCAPES}`)}, "YAMLWarning")`;
    const script = `const before = process.listeners("warning"); const poll = setInterval(() => { const now = process.listeners("warning"); if (now.length > 0 && now.every((l) => !before.includes(l))) { clearInterval(poll); ${warn}; } }, 10);`;
    const preload = `data:text/javascript,${encodeURIComponent(script)}`;
    const child = spawn(process.execPath, ["--import", preload, CLI, "-"], { stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    child.stderr.on("data", () => {
      if (stderr.includes("YAMLWarning")) child.stdin.end();
    });
    await new Promise((resolve) => child.on("close", resolve));
    expect(terminalSafeLines(stderr)).toBe(stderr);
    expect(stderr).toContain(`tcp-annotate: warning: YAMLWarning: bad tag ${terminalSafe(ESCAPES)}\n`);
  });
});
