import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotator } from "../../../src/annotate/annotator.js";
import type { CaptureFindings, Finding } from "../../../src/annotate/findings/finding.js";
import type { FindingThresholds } from "../../../src/annotate/findings/thresholds.js";
import { readCapture } from "../../../src/capture/index.js";
import { capturesWithGoldens, FIXTURES } from "../../helpers/fixtures.js";

/** The crafted cases of scripts/fixtures/make-finding-cases.mjs. */
const FLOOD = "crafted/findings-syn-flood.pcap";
const UNANSWERED = "crafted/findings-syn-unanswered.pcap";
const BUSY = "crafted/findings-busy-client.pcap";
const DEAD = "crafted/findings-keepalive-dead.pcap";
const HEALTHY = "crafted/findings-keepalive-healthy.pcap";
const SCAN = "shared/synscan.pcapng";

async function findingsOf(
  capture: string,
  thresholds: Partial<FindingThresholds> = {},
  keepConnections = true,
  halfOpenSeries = false,
): Promise<CaptureFindings> {
  const annotator = new Annotator(
    { event() {} },
    { explain: false, tracker: { keepConnections }, findings: thresholds, halfOpenSeries },
  );
  await readCapture(join(FIXTURES, capture), annotator);
  annotator.finish();
  return annotator.findings!;
}

const kinds = (findings: CaptureFindings) => findings.findings.map((finding) => finding.kind);

function only<K extends Finding["kind"]>(findings: CaptureFindings, kind: K): Extract<Finding, { kind: K }> {
  expect(kinds(findings)).toEqual([kind]);
  return findings.findings[0] as Extract<Finding, { kind: K }>;
}

describe("capture-level findings", () => {
  it("finds a SYN flood of half-open connections among a real client's complete ones, with its evidence", async () => {
    for (const keep of [true, false]) {
      const flood = only(await findingsOf(FLOOD, {}, keep), "syn-flood");
      expect(flood).toMatchObject({
        server: "192.0.2.1:80",
        synRcvd: 300,
        unanswered: 0,
        sources: 300,
        firstFrame: 1,
        start: 1700000000,
      });
      expect(flood.busiestWindow).toEqual({ connections: 300, start: 1700000000, seconds: 10 });
      // Each SYN+ACK is repeated 3 s after the first: all 300 are pending when the last SYN arrives at 2.99 s.
      expect(flood.peakSynRcvd).toBe(300);
      expect(flood.peakTime).toBeCloseTo(1700000002.9901, 6);
    }
  });

  it("finds a flood of SYNs nobody answers, and none where nothing is half-open", async () => {
    expect(only(await findingsOf(UNANSWERED), "syn-flood")).toMatchObject({
      server: "192.0.2.1:443",
      synRcvd: 0,
      unanswered: 150,
      sources: 150,
      peakSynRcvd: 0,
    });
    expect(kinds(await findingsOf(BUSY))).toEqual([]);
  });

  it("holds the syn-flood thresholds on both sides", async () => {
    expect(kinds(await findingsOf(FLOOD, { synFloodConnections: 300 }))).toEqual(["syn-flood"]);
    expect(kinds(await findingsOf(FLOOD, { synFloodConnections: 301 }))).toEqual([]);
    expect(kinds(await findingsOf(FLOOD, { synFloodSources: 300 }))).toEqual(["syn-flood"]);
    expect(kinds(await findingsOf(FLOOD, { synFloodSources: 301 }))).toEqual([]);
    // A SYN every 10 ms: 100 within 0.99 s, 99 within 0.98 s.
    expect(kinds(await findingsOf(FLOOD, { synFloodWindowSeconds: 0.99 }))).toEqual(["syn-flood"]);
    expect(kinds(await findingsOf(FLOOD, { synFloodWindowSeconds: 0.98 }))).toEqual([]);
  });

  it("finds nmap's SYN scan, with the open ports, and holds the threshold on both sides", async () => {
    const scan = only(await findingsOf(SCAN), "port-scan");
    expect(scan).toMatchObject({
      source: "172.16.0.8",
      target: "64.13.134.52",
      ports: 1000,
      open: [22, 53, 80],
      firstFrame: 1,
    });
    expect(kinds(await findingsOf(SCAN, { portScanPorts: 1000 }))).toEqual(["port-scan"]);
    expect(kinds(await findingsOf(SCAN, { portScanPorts: 1001 }))).toEqual([]);
  });

  it("finds a peer declared dead after unanswered keep-alive probes, and not one whose probes are answered", async () => {
    const dead = only(await findingsOf(DEAD), "keepalive-timeout");
    expect(dead).toMatchObject({
      stream: 0,
      prober: "192.0.2.10:45000",
      peer: "192.0.2.1:7",
      probes: 9,
      idleSeconds: 7200,
      intervalSeconds: 75,
      resetAfterSeconds: 75,
      firstFrame: 6,
      lastFrame: 15,
    });
    expect(kinds(await findingsOf(DEAD, { keepaliveProbes: 9 }))).toEqual(["keepalive-timeout"]);
    expect(kinds(await findingsOf(DEAD, { keepaliveProbes: 10 }))).toEqual([]);
    expect(kinds(await findingsOf(HEALTHY))).toEqual([]);
  });

  it("follows the half-open queue: one at a time for a busy client, 300 at the flood's peak", async () => {
    const busy = (await findingsOf(BUSY, {}, true, true)).halfOpenQueue;
    expect(busy.peak).toBe(1);
    expect(busy.series.length).toBeGreaterThan(1);
    expect(busy.series.length).toBeLessThanOrEqual(120);
    expect(busy.series.every(([, count]) => count === 1)).toBe(true);
    for (const keep of [true, false]) {
      const flood = await findingsOf(FLOOD, {}, keep, true);
      expect(flood.halfOpenQueue).toMatchObject({ peak: 300 });
      // Counted as reading goes, without the series, the peak is the same.
      expect((await findingsOf(FLOOD, {}, keep)).halfOpenQueue).toEqual({ ...flood.halfOpenQueue, series: [] });
    }
  });

  it("raises nothing on any other capture with a golden", async () => {
    const others = capturesWithGoldens().filter((capture) => !capture.includes("findings-") && capture !== SCAN);
    expect(others.length).toBeGreaterThan(50);
    for (const capture of others) expect([capture, kinds(await findingsOf(capture, {}, false))]).toEqual([capture, []]);
  });
});

describe("unanswered SYNs are let go of (docs/findings.md, Memory)", () => {
  it("after the timeout of capture time, and are still counted in the flood", async () => {
    let retiredWhileReading = 0;
    let finished = false;
    const annotator = new Annotator(
      { event() {}, retired: () => void (finished || retiredWhileReading++) },
      { explain: false, tracker: { keepConnections: false, unansweredSynSeconds: 0.1 }, findings: {} },
    );
    await readCapture(join(FIXTURES, UNANSWERED), annotator);
    finished = true;
    annotator.finish();
    // A SYN every 6 ms for 0.894 s: all but those of the last 0.1 s were let go of while reading.
    expect(retiredWhileReading).toBe(133);
    expect(only(annotator.findings!, "syn-flood")).toMatchObject({ unanswered: 150, sources: 150 });
  });

  it("not a connection whose SYN the server answered", async () => {
    let retiredWhileReading = 0;
    let finished = false;
    const count = { event() {}, retired: () => void (finished || retiredWhileReading++) };
    const annotator = new Annotator(count, {
      explain: false,
      tracker: { keepConnections: false, unansweredSynSeconds: 0.1, closeDelaySeconds: 1000 },
    });
    await readCapture(join(FIXTURES, FLOOD), annotator);
    finished = true;
    annotator.finish();
    expect(retiredWhileReading).toBe(0);
  });
});
