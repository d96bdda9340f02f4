import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { exchangeRecords } from "../../../scripts/lib/capture/exchange.mjs";
import { LINKTYPE } from "../../../scripts/lib/capture/link.mjs";
import { writePcap } from "../../../scripts/lib/capture/pcap.mjs";
import { TCP_FLAG } from "../../../scripts/lib/capture/tcp.mjs";
import { Annotator } from "../../../src/annotate/annotator.js";
import type { CaptureFindings } from "../../../src/annotate/findings/finding.js";
import { readCapture } from "../../../src/capture/index.js";

const { SYN, ACK, RST } = TCP_FLAG;
const SERVER = { address: [192, 0, 2, 1], port: 80 };

interface Handshake {
  /** Milliseconds from the capture's start to the SYN. */
  start: number;
  /**
   * The client's ACK this many ms after the SYN+ACK; or "reset": the SYN+ACK repeated 1, 3 and
   * 7 s later, then the server's RST 15 s after it; or "never": the SYN+ACK repeated 1 and 3 s later.
   */
  answer: number | "reset" | "never";
  /** Written this many ms after its time (a capture whose clock steps back). */
  writtenLate?: number;
}

/** One handshake every 2 ms for 32 s, acknowledged 20 ms after the SYN+ACK: about ten in SYN_RCVD at once, and the queue swept about every second. */
const steady = (): Handshake[] => Array.from({ length: 16_000 }, (_, i) => ({ start: i * 2 + 1, answer: 20 }));

/**
 * At 1 s and 3 s eight reset after 15 s in SYN_RCVD (longer than the queue waits for a clock
 * stepping back); at 20, 23 and 26 s thirty at one instant, in SYN_RCVD for 100 ms and written
 * 5 s late: the peaks, which only an exact count of a clock stepping back finds.
 */
function clockSteppingBack(): Handshake[] {
  const all = steady();
  for (const at of [1000, 3000]) for (let i = 0; i < 8; i++) all.push({ start: at + i * 10, answer: "reset" });
  for (const at of [20_000, 23_000, 26_000])
    for (let i = 0; i < 30; i++) all.push({ start: at, answer: 100, writtenLate: 5000 });
  return all;
}

/**
 * At 5 s sixteen never acknowledged (a small SYN flood, whose own queue is counted too): each
 * leaves SYN_RCVD at its last segment, 3 s later, which is known only when it is let go of at
 * the capture's end; at 15 s twelve at one instant, in SYN_RCVD for 100 ms, which counted with
 * the sixteen would make a peak that never was.
 */
function neverAcknowledged(): Handshake[] {
  const all = steady();
  for (let i = 0; i < 16; i++) all.push({ start: 5000 + i * 10, answer: "never" });
  for (let i = 0; i < 12; i++) all.push({ start: 15_000, answer: 100 });
  return all;
}

/**
 * At 5 s a flood of 3,000 never acknowledged, one every 0.1 ms: more in SYN_RCVD at once than the
 * queue is otherwise swept after, so that it is swept once per as many entries and exits instead.
 */
function flood(): Handshake[] {
  const all = steady();
  for (let i = 0; i < 3000; i++) all.push({ start: 5000 + i / 10, answer: "never" });
  return all;
}

function rowsOf({ start, answer }: Handshake, c: number, s: number): [number, "client" | "server", object][] {
  const synAck = { seq: s, ack: c + 1, flags: SYN | ACK };
  const rows: [number, "client" | "server", object][] = [
    [start, "client", { seq: c, flags: SYN }],
    [start + 0.5, "server", synAck],
  ];
  if (typeof answer === "number") rows.push([start + 0.5 + answer, "client", { seq: c + 1, ack: s + 1, flags: ACK }]);
  else {
    const repeats = answer === "reset" ? [1000, 3000, 7000] : [1000, 3000];
    for (const later of repeats) rows.push([start + 0.5 + later, "server", synAck]);
    if (answer === "reset") rows.push([start + 15_000.5, "server", { seq: s + 1, flags: RST }]);
  }
  return rows;
}

function capture(handshakes: readonly Handshake[]): Buffer {
  const records = handshakes.flatMap((handshake, i) => {
    const client = { address: [198, 18, (i >> 8) & 0xff, i & 0xff], port: 1024 + (i % 60000) };
    const ends = { client, server: SERVER, start: { sec: 1_700_000_000, usec: 0 }, firstIpId: i };
    const rows = rowsOf(handshake, (0x10000000 + i * 7919) >>> 0, (0x50000000 + i * 104729) >>> 0);
    return exchangeRecords(rows as never, ends).map((record) => ({
      record,
      order: record.sec * 1e6 + record.usec + (handshake.writtenLate ?? 0) * 1000,
    }));
  });
  records.sort((a, b) => a.order - b.order);
  return Buffer.from(
    writePcap(
      records.map(({ record }) => record),
      { linkType: LINKTYPE.IPV4 },
    ),
  );
}

async function findingsOf(bytes: Buffer, halfOpenSeries: boolean): Promise<CaptureFindings> {
  const annotator = new Annotator(
    { event() {} },
    { explain: false, tracker: { keepConnections: false }, findings: { synFloodConnections: 16 }, halfOpenSeries },
  );
  await readCapture(Readable.from([bytes]), annotator);
  annotator.finish();
  return annotator.findings!;
}

describe("the half-open queue counted as reading goes", () => {
  /** Counted as reading goes, the queue and the findings are those of every entry and exit kept to the end. */
  async function expectSweptAsKept(handshakes: readonly Handshake[]): Promise<CaptureFindings> {
    const bytes = capture(handshakes);
    const kept = await findingsOf(bytes, true);
    const swept = await findingsOf(bytes, false);
    expect(kept.halfOpenQueue.series.length).toBeGreaterThan(100);
    expect(swept.halfOpenQueue).toEqual({ ...kept.halfOpenQueue, series: [] });
    expect(swept.findings).toEqual(kept.findings);
    return kept;
  }

  it("through a clock stepping back and long half-open waits", { timeout: 30_000 }, async () => {
    const { halfOpenQueue } = await expectSweptAsKept(clockSteppingBack());
    // Thirty written late, at one instant, with the ten or so acknowledged meanwhile.
    expect(halfOpenQueue.peak).toBeGreaterThanOrEqual(38);
    expect(halfOpenQueue.peakTime).toBe(1_700_000_020.0005);
  });

  it("through handshakes never acknowledged, which leave at their last segment", { timeout: 30_000 }, async () => {
    const { halfOpenQueue, findings } = await expectSweptAsKept(neverAcknowledged());
    // The sixteen, with the ten or so acknowledged meanwhile; all toward one port, the syn-flood's queue is the same.
    expect(halfOpenQueue.peak).toBeGreaterThanOrEqual(24);
    expect(halfOpenQueue.peak).toBeLessThan(40);
    expect(halfOpenQueue.peakTime! - 1_700_000_005).toBeLessThan(1);
    expect(findings).toMatchObject([{ kind: "syn-flood", peakSynRcvd: halfOpenQueue.peak }]);
  });

  it("through a flood of more half-open at once than the queue is otherwise swept after", {
    timeout: 30_000,
  }, async () => {
    const { halfOpenQueue } = await expectSweptAsKept(flood());
    expect(halfOpenQueue.peak).toBeGreaterThanOrEqual(3000);
    expect(halfOpenQueue.peak).toBeLessThan(3040);
  });
});
