// What the benchmark runs on each input: tcp-annotate's modes, the two read limits (a plain loop
// and pcap-parser), and the peers (tshark, tcpdump) when they are installed.

import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
/** The command line as the package ships it (its bin). */
export const CLI = join(ROOT, "dist", "cli", "tcp-annotate.cjs");
const NODE = process.execPath;
const script = (/** @type {string} */ name) => join(import.meta.dirname, name);
const stage = (/** @type {string} */ upTo, /** @type {string[]} */ files) => [
  NODE,
  script("pipeline-stage.mjs"),
  upTo,
  ...files,
];

/**
 * @typedef {object} Case
 * @property {string} name
 * @property {"limit" | "stage" | "ours" | "peer"} group limits, our pipeline in process up to a stage, our commands, peers
 * @property {string} what plain words for the table
 * @property {string[]} argv
 * @property {string} stdout "/dev/null" or a file path
 * @property {number[]} okStatus exit statuses that mean the run worked
 * @property {boolean} slow run it the smaller number of times (tshark)
 */

/** Which optional commands this machine has, and whether the summary command exists yet. */
export function detectTools() {
  const works = (/** @type {string} */ command, /** @type {string[]} */ args) =>
    spawnSync(command, args, { stdio: "ignore" }).status === 0;
  // Without a summary command, "summary" is taken for a capture file name by the default command,
  // whose help also exits 0: only the summary command's own usage line tells.
  const summaryHelp = spawnSync(NODE, [CLI, "summary", "--help"], { encoding: "utf8" });
  return {
    summary: summaryHelp.status === 0 && summaryHelp.stdout.includes("tcp-annotate summary"),
    tshark: works("tshark", ["--version"]),
    tcpdump: works("tcpdump", ["--version"]),
  };
}

/**
 * Every case that applies to the input: all of them on a main input; on the long one the modes
 * whose memory must stay flat as captures grow (summary's target, check's beside it, and the
 * timelines and pictures that let connections go); on rotated files the modes that read several files;
 * on a complexity capture the commands timed against its in-order baseline; on a small capture the
 * commands and their peers, start-up and all; on the flood the commands whose cost per connection
 * it shows, and their peers.
 * @param {import("./inputs.mjs").Input} input
 * @param {{summary: boolean, tshark: boolean, tcpdump: boolean}} tools
 * @param {{peers: boolean, outputDir: string}} options
 * @returns {Case[]}
 */
export function casesFor(input, tools, { peers, outputDir }) {
  const files = input.files;
  const [first] = files;
  if (first === undefined) throw new Error(`${input.name} has no file`);
  const cli = (/** @type {string[]} */ args) => [NODE, CLI, ...args];
  const toFile = (/** @type {string} */ name) => join(outputDir, `${input.name}.${name}`);
  /** @type {(Omit<Case, "stdout" | "okStatus" | "slow"> & Partial<Case> & {roles: import("./inputs.mjs").Input["role"][], needs?: boolean})[]} */
  const definitions = [
    {
      roles: ["main", "long", "medium", "flood"],
      name: "read-loop",
      group: "limit",
      what: "plain Node loop over the records",
      argv: [NODE, script("read-loop.mjs"), first],
    },
    {
      roles: ["main"],
      name: "flow-floor",
      group: "limit",
      what: "... + counters per connection, flat arrays",
      argv: [NODE, script("flow-floor.mjs"), first],
    },
    {
      roles: ["main"],
      name: "pcap-parser",
      group: "limit",
      what: "pcap-parser 0.2.1 iterating records",
      argv: [NODE, script("pcap-parser-loop.mjs"), first],
    },
    {
      roles: ["main", "long", "rotation", "complexity", "small", "medium", "flood"],
      name: "summary",
      group: "ours",
      what: "tcp-annotate summary",
      argv: cli(["summary", ...files]),
      needs: tools.summary,
    },
    { roles: ["main"], name: "reader", group: "stage", what: "CaptureReader, no-op sink", argv: stage("read", files) },
    { roles: ["main"], name: "decode", group: "stage", what: "... + FrameDecoder", argv: stage("decode", files) },
    {
      roles: ["main"],
      name: "track",
      group: "stage",
      what: "Annotator without explanations",
      argv: stage("track", files),
    },
    {
      roles: ["main", "long", "rotation"],
      name: "pipeline",
      group: "stage",
      what: "Annotator, no-op handler",
      argv: stage("annotate", files),
    },
    // check exits 1 when a rule fails: these captures have resets on purpose.
    {
      roles: ["main", "long", "complexity", "small", "medium", "flood"],
      name: "check",
      group: "ours",
      what: "tcp-annotate check --forbid rst",
      argv: cli(["check", ...files, "--forbid", "rst"]),
      okStatus: [0, 1],
    },
    {
      roles: ["main", "long", "rotation", "complexity", "small", "medium", "flood"],
      name: "ndjson",
      group: "ours",
      what: "tcp-annotate -f ndjson > /dev/null",
      argv: cli([...files, "--format", "ndjson"]),
    },
    {
      roles: ["main", "medium", "small"],
      name: "text",
      group: "ours",
      what: "tcp-annotate (text) > file",
      argv: cli([...files, "--no-color"]),
      stdout: toFile("text.txt"),
    },
    {
      roles: ["main", "long"],
      name: "diagram",
      group: "ours",
      what: "tcp-annotate diagram > /dev/null",
      argv: cli(["diagram", ...files, "--no-color"]),
    },
    // On the long capture for its peak memory only: its text would take gigabytes of disk.
    {
      roles: ["long"],
      name: "text",
      group: "ours",
      what: "tcp-annotate (text) > /dev/null",
      argv: cli([...files, "--no-color"]),
    },
    {
      roles: ["main", "small", "medium", "flood"],
      name: "tshark-conv",
      group: "peer",
      what: "tshark -q -z conv,tcp",
      argv: ["tshark", "-r", first, "-q", "-z", "conv,tcp"],
      needs: peers && tools.tshark,
      slow: true,
    },
    {
      roles: ["main", "small", "medium", "flood"],
      name: "tshark-fields",
      group: "peer",
      what: "tshark -T fields stream,seq,ack,flags",
      argv: [
        "tshark",
        "-r",
        first,
        "-T",
        "fields",
        "-e",
        "tcp.stream",
        "-e",
        "tcp.seq",
        "-e",
        "tcp.ack",
        "-e",
        "tcp.analysis.flags",
      ],
      needs: peers && tools.tshark,
      slow: true,
    },
    {
      roles: ["main"],
      name: "tcpdump-null",
      group: "peer",
      what: "tcpdump -nr > /dev/null",
      argv: ["tcpdump", "-nr", first],
      needs: peers && tools.tcpdump,
    },
    {
      roles: ["main", "small", "medium"],
      name: "tcpdump-file",
      group: "peer",
      what: "tcpdump -nr > file",
      argv: ["tcpdump", "-nr", first],
      stdout: toFile("tcpdump.txt"),
      needs: peers && tools.tcpdump,
    },
  ];
  return definitions
    .filter((definition) => definition.roles.includes(input.role) && definition.needs !== false)
    .map(({ name, group, what, argv, stdout, okStatus, slow }) => ({
      name,
      group,
      what,
      argv,
      stdout: stdout ?? "/dev/null",
      okStatus: okStatus ?? [0],
      slow: slow ?? false,
    }));
}
