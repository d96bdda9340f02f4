import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { records, ROOT, runCliAsync } from "../helpers/cli.js";

const VXLAN = join(ROOT, "fixtures", "tunnels", "vxlan.pcap");
/** Each record of vxlan.pcap: pcap record header 16, Ethernet 14, IPv4 20, then the UDP destination port at 2. */
const DESTINATION_PORT_IN_RECORD = 16 + 14 + 20 + 2;

/** vxlan.pcap with every datagram sent to `port` instead of 4789, through stdin. */
function vxlanOnPort(port: number): Buffer {
  const capture = Buffer.from(readFileSync(VXLAN));
  for (let at = 24; at < capture.length; at += 16 + capture.readUInt32LE(at + 8))
    capture.writeUInt16BE(port, at + DESTINATION_PORT_IN_RECORD);
  return capture;
}

describe("tunnels on the command line", () => {
  it("VXLAN on a port of the user's: skipped as UDP, then read with --vxlan-port, by every command", async () => {
    const input = vxlanOnPort(8472);
    const plain = await runCliAsync(["-", "--format", "ndjson"], { input });
    expect(records(plain.stdout).at(-1)).toEqual({
      type: "end",
      frames: 10,
      segments: 0,
      connections: 0,
      skipped: { "not-tcp": 10 },
      warnings: {},
    });
    const told = await runCliAsync(["-", "--format", "ndjson", "--vxlan-port", "8472"], { input });
    expect(records(told.stdout).at(-1)).toMatchObject({
      segments: 10,
      connections: 1,
      skipped: {},
      tunnels: { "ethernet/ipv4/udp/vxlan/ethernet/ipv4": 10 },
    });
    const summary = await runCliAsync(["summary", "-", "--vxlan-port", "8472,4790"], { input });
    expect(summary.stdout).toContain("1 connection: 1 closed gracefully.");
  });

  it("a port that is no port is refused, as --port's are", async () => {
    const run = await runCliAsync(["summary", VXLAN, "--geneve-port", "70000"]);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(
      "error: option '--geneve-port <port>' argument '70000' is invalid. a port is at most 65535.",
    );
  });

  it("the closing lines name why frames were skipped and the tunnels segments came through", async () => {
    const run = await runCliAsync([join(ROOT, "fixtures", "tunnels", "mixed.pcap")]);
    expect(run.stdout.trimEnd().split("\n").slice(-2)).toEqual([
      "52 frames: 50 TCP segments in 5 connections, 2 other frames skipped (1 not-ip, 1 not-tcp).",
      "Segments through tunnels: 10 ethernet/ipv4/gre/ipv4, 10 ethernet/ipv4/udp/vxlan/ethernet/ipv4, 10 ethernet/mpls/ipv4.",
    ]);
    const zh = await runCliAsync([join(ROOT, "fixtures", "tunnels", "mixed.pcap"), "--lang", "zh"]);
    expect(zh.stdout.trimEnd().split("\n").at(-1)).toBe(
      "经隧道的报文段:10 ethernet/ipv4/gre/ipv4, 10 ethernet/ipv4/udp/vxlan/ethernet/ipv4, 10 ethernet/mpls/ipv4。",
    );
  });

  it("NDJSON: a tunnelled segment lists its encapsulation after its ports, a plain one none", async () => {
    const run = await runCliAsync([join(ROOT, "fixtures", "tunnels", "mixed.pcap"), "--format", "ndjson"]);
    const segments = records(run.stdout).filter((record) => record["type"] === "segment");
    expect(segments.find((segment) => segment["sport"] === 40301)).not.toHaveProperty("encapsulation");
    expect(segments.find((segment) => segment["sport"] === 40302)?.["encapsulation"]).toEqual([
      "ethernet",
      "ipv4",
      "udp",
      "vxlan",
      "ethernet",
      "ipv4",
    ]);
    expect(segments.find((segment) => segment["sport"] === 40305)?.["encapsulation"]).toEqual([
      "ethernet",
      "mpls",
      "ipv4",
    ]);
  });
});
