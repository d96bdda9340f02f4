import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, it } from "vitest";
import { annotateCapture } from "../../src/annotate/annotate-capture.js";
import { records, runCliAsync } from "../helpers/cli.js";
import { LINKTYPE } from "../../scripts/lib/capture/link.mjs";
import { spacedRecords, writePcap } from "../../scripts/lib/capture/pcap.mjs";
import { IP_PROTOCOL_TCP, ipv4, TCP_SYN } from "../decode/helpers/packets.js";
import { scratchFolder } from "../helpers/scratch.js";

/**
 * Inputs ordinary in size that the commands once could not take.
 */
const directory = scratchFolder("sizes");

/**
 * One connection of 40,000 rows: the same SYN over and over (each is drawn, folded or not, as a
 * SYN says something). A value spread into a function call (Math.max(...labelWidths)) takes stack
 * for each row: with Node's default stack it overflows somewhere between 80,000 and 130,000 rows,
 * "Maximum call stack size exceeded", exit 3, no output. A quarter of that stack overflows at a
 * quarter of the rows, so the commands are run with it, on 40,000.
 */
const REPEATED_SYNS = 40_000;
const synFlood = join(directory, "repeated-syn.pcap");
beforeAll(() =>
  writeFileSync(
    synFlood,
    writePcap(spacedRecords(Array<Uint8Array>(REPEATED_SYNS).fill(ipv4(IP_PROTOCOL_TCP, TCP_SYN))), {
      linkType: LINKTYPE.RAW,
    }),
  ),
);
const SMALL_STACK = ["--stack-size=240"];

describe(`one connection of ${REPEATED_SYNS} rows, drawn with a quarter of Node's stack`, () => {
  it.concurrent.for([
    ["diagram", /^#40000 /m],
    ["report", /aria-label="#40000 /],
  ] as const)("%s draws every row", async ([command, last], { expect }) => {
    const run = await runCliAsync([command, synFlood], { node: SMALL_STACK });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(last);
  });
});

/**
 * A 4 KiB gzip file that inflates to a pcap header and 4 MiB of zeros: 262,144 empty records, each
 * a frame too short for its Ethernet header, each a warning (256 MiB of zeros would be 16.7 million
 * warning lines). The first 100 of a kind are shown, then one line says the rest are counted, and
 * at the end one gives their number; the NDJSON end record counts them all.
 */
const EMPTY_RECORDS = 262_144;
const zeros = join(directory, "zeros.pcap.gz");
beforeAll(() =>
  writeFileSync(
    zeros,
    gzipSync(Buffer.concat([writePcap([], { linkType: LINKTYPE.ETHERNET }), Buffer.alloc(16 * EMPTY_RECORDS)]), {
      level: 9,
    }),
  ),
);
const FIRST = `tcp-annotate: warning: ${zeros}: frame 1, byte 24: malformed ethernet header (frame byte 0): Ethernet header needs 14 bytes at byte 0, but the packet has only 0 there`;
const CUT = `tcp-annotate: warning: ${zeros}: frame 101, byte 1624: more "malformed" warnings: the first 100 were shown, the rest are counted and their number given at the end`;
const COUNT = `tcp-annotate: warning: ${EMPTY_RECORDS} "malformed" warnings in all, ${EMPTY_RECORDS - 100} of them not shown`;

describe(`${EMPTY_RECORDS} warnings of one kind`, () => {
  const COMMANDS = [["annotate"], ["summary"], ["check", "--min-connections", "0"], ["diagram"]];
  it.concurrent.for(COMMANDS.map((command) => [command.join(" "), command] as const))(
    "%s: 100 lines, the cut, the count",
    async ([, command], { expect }) => {
      const run = await runCliAsync([...command, zeros]);
      const lines = run.stderr.split("\n").filter((line) => line.startsWith("tcp-annotate: warning: "));
      expect(lines).toHaveLength(102);
      expect([lines[0], lines[100], lines[101]]).toEqual([FIRST, CUT, COUNT]);
      expect(lines.slice(0, 100).every((line) => line.endsWith("but the packet has only 0 there"))).toBe(true);
    },
  );

  it("NDJSON: as many warning records, and the end record counts every warning", async ({ expect }) => {
    const all = records((await runCliAsync(["--format", "ndjson", zeros])).stdout);
    expect(all.filter((record) => record["type"] === "warning")).toHaveLength(102);
    expect(all.at(-1)).toEqual({
      type: "end",
      frames: EMPTY_RECORDS,
      segments: 0,
      connections: 0,
      skipped: { "malformed-ethernet": EMPTY_RECORDS },
      warnings: { malformed: EMPTY_RECORDS },
    });
  });

  it("the library's callers choose the limit: maxWarningsPerKind Infinity gives every one", async ({ expect }) => {
    let warnings = 0;
    const { totals } = await annotateCapture(zeros, (event) => event.kind === "warning" && warnings++, {
      maxWarningsPerKind: Infinity,
    });
    expect({ warnings, counted: totals.warnings }).toEqual({
      warnings: EMPTY_RECORDS,
      counted: { malformed: EMPTY_RECORDS },
    });
  });
});
