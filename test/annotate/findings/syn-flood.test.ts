import { describe, expect, it } from "vitest";
import {
  MAX_FOLLOWED_TARGETS,
  type ServerPort,
  SynFloodDetector,
  type FloodTarget,
} from "../../../src/annotate/findings/syn-flood.js";
import { DEFAULT_THRESHOLDS } from "../../../src/annotate/findings/thresholds.js";

/** The server port `port` of 10.0.0.9, as a connection's server endpoint names it. */
const serverPort = (port: number, address = "10.0.0.9"): ServerPort => ({
  address,
  port,
  label: `${address}:${port}`,
});

/** A handshake toward the target left half-open: in SYN_RCVD from `time` to its last segment a second later. */
function halfOpen(target: FloodTarget, source: string, time: number, frame: number): void {
  target.entered(time);
  target.left(time, time + 1);
  target.attempt({ source, time, end: time + 1, firstFrame: frame, lastFrame: frame + 1, answered: true });
}

describe("SynFloodDetector", () => {
  it("finds a flood toward one port among more single SYN+ACKs from other ports than it follows at once", () => {
    const detector = new SynFloodDetector(DEFAULT_THRESHOLDS);
    const flooded = serverPort(80);
    halfOpen(detector.target(flooded), "192.0.2.1", 0, 1);
    // A reflection's victim: one SYN+ACK from each of many spoofed servers.
    for (let i = 0; i < 3 * MAX_FOLLOWED_TARGETS; i++)
      halfOpen(detector.target(serverPort(1024 + (i % 60000), `10.1.${i >> 16}.${(i >> 8) & 255}`)), "192.0.2.2", 1, 2);
    for (let i = 0; i < 150; i++) halfOpen(detector.target(flooded), `198.51.100.${i}`, 100 + i / 100, 10 + i);
    const [flood, ...others] = detector.findings();
    expect(others).toEqual([]);
    // The lone early attempt was forgotten with the ports that could not be a finding yet.
    expect(flood).toMatchObject({ server: "10.0.0.9:80", synRcvd: 150, sources: 150, firstFrame: 10 });
    const followed = (detector as unknown as { targets: FloodTarget[] }).targets;
    expect(followed.length).toBeLessThanOrEqual(MAX_FOLLOWED_TARGETS);
  });

  it("keeps a port with a connection in SYN_RCVD, and one with as many attempts as a flood takes", () => {
    const detector = new SynFloodDetector(DEFAULT_THRESHOLDS);
    const waiting = detector.target(serverPort(1));
    waiting.entered(0);
    const busy = detector.target(serverPort(2));
    for (let i = 0; i < DEFAULT_THRESHOLDS.synFloodConnections; i++) halfOpen(busy, `198.51.100.${i}`, i / 100, i);
    for (let port = 3; port < MAX_FOLLOWED_TARGETS + 10; port++) detector.target(serverPort(port));
    expect([waiting.followed, busy.followed]).toEqual([true, true]);
    expect(detector.target(serverPort(1))).toBe(waiting);
    expect(detector.target(serverPort(3)).followed).toBe(true);
    expect(detector.findings().map((finding) => finding.server)).toEqual(["10.0.0.9:2"]);
  });
});
