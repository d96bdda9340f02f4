import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { runCliAsync } from "../helpers/cli.js";
import { LINKTYPE_RAW, pcapOf } from "../helpers/crafted-capture.js";
import { IP_PROTOCOL_TCP, ipv4, TCP_SYN } from "../decode/helpers/packets.js";

/**
 * Inputs ordinary in size that the commands once could not take.
 */
const directory = mkdtempSync(join(tmpdir(), "tcp-annotate-sizes-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/**
 * One connection of 40,000 rows: the same SYN over and over (each is drawn, folded or not, as a
 * SYN says something). A value spread into a function call (Math.max(...labelWidths)) takes stack
 * for each row; Node's default stack overflowed between 80,000 and 130,000 rows, "Maximum call stack
 * size exceeded", exit 3, no output. A quarter of that stack overflows at a quarter of the rows,
 * so the commands are run with it on a capture a tenth the size.
 */
const REPEATED_SYNS = 40_000;
const synFlood = join(directory, "repeated-syn.pcap");
writeFileSync(synFlood, pcapOf(Array<Uint8Array>(REPEATED_SYNS).fill(ipv4(IP_PROTOCOL_TCP, TCP_SYN)), LINKTYPE_RAW));
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
