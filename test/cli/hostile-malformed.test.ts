import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCliAsync } from "../helpers/cli.js";

/** What `tcp-annotate <file>` must say on stderr, line by line after the "file: " prefix, and how it must exit. */
interface Expected {
  status: number;
  warnings?: string[];
  error?: string;
  /** The closing line of the text output, when reading got far enough to count frames. */
  totals?: string;
  /** The capture is cut short, or its gzip wrapper damaged: --strict turns the first such warning into the error, exit 2. */
  cutShort?: true;
}

const ETHERNET_OF_4_BYTES =
  "malformed ethernet header (frame byte 0): Ethernet header needs 14 bytes at byte 0, but the packet has only 4 there";
const ETHERNET_OF_2_BYTES =
  "malformed ethernet header (frame byte 0): Ethernet header needs 14 bytes at byte 0, but the packet has only 2 there";
/** The closing line when the first of two frames was damaged or skipped for `reason` (docs/output.md) and the second is a SYN. */
const oneSynAfter = (reason: string) => `2 frames: 1 TCP segment in 1 connection, 1 other frame skipped (1 ${reason}).`;

const EXPECTED: Record<string, Expected> = {
  // Damage inside the packets: the frame is reported, the next one is annotated, exit 0.
  "vlan-tags-nested-9-deep.pcap": {
    status: 0,
    warnings: ["frame 1, byte 24: not decoded (nesting-limit): more than 8 VLAN tags: another starts at byte 44"],
    totals: oneSynAfter("nesting-limit"),
  },
  "ipv6-extension-chain-17-deep.pcap": {
    status: 0,
    warnings: [
      "frame 1, byte 24: not decoded (nesting-limit): more than 16 extension headers: another starts at byte 182",
    ],
    totals: oneSynAfter("nesting-limit"),
  },
  "ipv6-extension-chain-loop.pcap": {
    status: 0,
    warnings: [
      "frame 1, byte 24: malformed ipv6-routing header (frame byte 94): IPv6 Routing header needs 2 bytes at byte 94, but the packet has only 0 there",
    ],
    totals: oneSynAfter("malformed-ipv6-routing"),
  },
  "tcp-data-offset-0.pcap": {
    status: 0,
    warnings: [
      "frame 1, byte 24: malformed tcp header (frame byte 34): TCP data offset 0 (0 bytes) is below the 20-byte minimum at byte 34",
    ],
    totals: oneSynAfter("malformed-tcp"),
  },
  "tcp-data-offset-15-short-packet.pcap": {
    status: 0,
    warnings: [
      "frame 1, byte 24: malformed tcp header (frame byte 34): TCP data offset 15 (60 bytes) at byte 34 runs past the end of the IP payload (20 bytes)",
    ],
    totals: oneSynAfter("malformed-tcp"),
  },
  "tcp-option-length-past-header.pcap": {
    status: 0,
    warnings: [
      "frame 1, byte 24: tcp-option-malformed (frame byte 54): TCP option kind 2 (maximum segment size) at byte 54 has length 12, past the end of the TCP header at byte 58",
    ],
    totals: "2 frames: 2 TCP segments in 1 connection, 0 other frames skipped.",
  },
  "ipv4-total-length-below-header.pcap": {
    status: 0,
    warnings: [
      "frame 1, byte 24: malformed ipv4 header (frame byte 14): IPv4 total length 12 is smaller than the 20-byte header at byte 14",
    ],
    totals: oneSynAfter("malformed-ipv4"),
  },
  "unknown-link-type-only.pcap": {
    status: 2,
    error:
      "frame 1, byte 24: this tool does not read link type 147 (it reads NULL, EN10MB, ARCNET, PPP, RAW, PPP_SERIAL, C_HDLC, IEEE802_11, LOOP, LINUX_SLL, PRISM_HEADER, IEEE802_11_RADIO, ARCNET_LINUX, IEEE802_11_RADIO_AVS, JUNIPER_ETHER, IPV4, IPV6, IPOIB, LINUX_SLL2), so none of its 2 frames could be decoded",
    totals: "2 frames: 0 TCP segments in 0 connections, 2 other frames skipped (2 unsupported-link-type).",
  },
  // Damage to the container (asserted record by record in test/capture/malformed.test.ts).
  "not-a-capture.txt": {
    status: 2,
    error:
      'byte 0: not a capture file: it starts with 54 68 69 73 ("This"), which is neither a pcap nor a pcapng magic number',
  },
  "empty.pcap": { status: 2, error: "byte 0: the input is empty: there is no capture header" },
  "pcap-header-cut.pcap": {
    status: 2,
    error: "byte 0: the pcap file header is cut short: the input ends after 20 of its 24 bytes",
  },
  "pcap-version-3.pcap": { status: 2, error: "byte 4: pcap version 3.0 is not supported (only version 2.x is)" },
  "pcap-record-header-cut.pcap": {
    status: 0,
    warnings: [
      `frame 1, byte 24: ${ETHERNET_OF_4_BYTES}`,
      "frame 2, byte 44: record 2 at byte 44 is cut short: the input ends 5 bytes into its 16-byte header",
    ],
    cutShort: true,
  },
  "pcap-last-record-cut.pcap": {
    status: 0,
    warnings: [
      `frame 1, byte 24: ${ETHERNET_OF_4_BYTES}`,
      "frame 2, byte 44: record 2 at byte 44 is cut short: it claims 2 captured bytes but only 1 follow its header",
    ],
    cutShort: true,
  },
  "pcap-caplen-4gib.pcap": {
    status: 2,
    warnings: [`frame 1, byte 24: ${ETHERNET_OF_4_BYTES}`],
    error: "frame 2, byte 44: record 2 at byte 44 claims 4294967295 captured bytes, more than the 262144 limit",
  },
  "pcapng-bad-block-length.pcapng": {
    status: 2,
    warnings: [`frame 1, byte 48: ${ETHERNET_OF_4_BYTES}`],
    error: "frame 2, byte 84: enhanced packet block at byte 84 claims a total length of 38 bytes, not a multiple of 4",
  },
  "pcapng-block-length-4gib.pcapng": {
    status: 2,
    warnings: [`frame 1, byte 48: ${ETHERNET_OF_4_BYTES}`],
    error:
      "frame 2, byte 84: enhanced packet block at byte 84 claims a total length of 4294967292 bytes, more than the 134348800 limit",
  },
  "pcapng-trailing-length-differs.pcapng": {
    status: 2,
    warnings: [`frame 1, byte 48: ${ETHERNET_OF_4_BYTES}`],
    error:
      "frame 2, byte 84: enhanced packet block at byte 84 ends with a total length of 40 bytes, not the 36 it starts with",
  },
  "pcapng-bad-byte-order-magic.pcapng": {
    status: 2,
    error:
      "byte 0: section header block at byte 0 has byte-order magic 0x78563412, which is 0x1a2b3c4d in neither byte order",
  },
  "pcapng-unknown-interface.pcapng": {
    status: 0,
    warnings: [
      `frame 1, byte 48: ${ETHERNET_OF_4_BYTES}`,
      "frame 2, byte 84: record 2 (enhanced packet block at byte 84) names interface 7, but its section describes 1",
      `frame 3, byte 120: ${ETHERNET_OF_2_BYTES}`,
    ],
  },
  "pcapng-caplen-past-block.pcapng": {
    status: 0,
    warnings: [
      `frame 1, byte 48: ${ETHERNET_OF_4_BYTES}`,
      "frame 2, byte 84: record 2 (enhanced packet block at byte 84) claims 100 captured bytes, but its 36-byte block has room for 4",
      `frame 3, byte 120: ${ETHERNET_OF_2_BYTES}`,
    ],
  },
  "pcapng-last-block-cut.pcapng": {
    status: 0,
    warnings: [
      `frame 1, byte 48: ${ETHERNET_OF_4_BYTES}`,
      "frame 2, byte 84: enhanced packet block at byte 84 is cut short: the input ends after 32 of its 36 bytes",
    ],
    cutShort: true,
  },
  "gzip-cut.pcap.gz": {
    status: 0,
    warnings: [
      `frame 1, byte 24: ${ETHERNET_OF_4_BYTES}`,
      "byte 50: the gzip stream ends early (unexpected end of file) after 50 decompressed bytes",
      "frame 2, byte 44: record 2 at byte 44 is cut short: the input ends 6 bytes into its 16-byte header",
    ],
    cutShort: true,
  },
  "gzip-bad-crc.pcap.gz": {
    status: 0,
    warnings: [
      `frame 1, byte 24: ${ETHERNET_OF_4_BYTES}`,
      `frame 2, byte 44: ${ETHERNET_OF_2_BYTES}`,
      "byte 62: gzip member 1's CRC-32 does not match (its trailer gives 0xc6597b46, its data has 0x39a684b9: the data may be damaged) after 62 decompressed bytes",
      "byte 62: gzip member 1's length does not match (its trailer gives 4294967233 bytes, its data has 62: the data may be damaged) after 62 decompressed bytes",
    ],
    totals: "2 frames: 0 TCP segments in 0 connections, 2 other frames skipped (2 malformed-ethernet).",
    cutShort: true,
  },
  "gzip-trailing-garbage.pcap.gz": {
    status: 0,
    warnings: [
      `frame 1, byte 24: ${ETHERNET_OF_4_BYTES}`,
      `frame 2, byte 44: ${ETHERNET_OF_2_BYTES}`,
      "byte 62: 9 bytes that are not gzip follow the gzip data (ignored) after 62 decompressed bytes",
    ],
    totals: "2 frames: 0 TCP segments in 0 connections, 2 other frames skipped (2 malformed-ethernet).",
    cutShort: true,
  },
};

const path = (name: string) => `fixtures/malformed/${name}`;
const warningLines = (name: string, expected: Expected) =>
  (expected.warnings ?? []).map((line) => `tcp-annotate: warning: ${path(name)}: ${line}`);
const errorLines = (name: string, error: string | undefined) =>
  error === undefined ? [] : [`tcp-annotate: error: ${path(name)}: ${error}`];

describe("tcp-annotate on every damaged capture of fixtures/malformed", () => {
  it("has an expectation for every file", () => {
    const files = readdirSync(join(ROOT, "fixtures", "malformed")).filter((name) => name !== "README.md");
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.concurrent.for(Object.entries(EXPECTED))(
    "%s: exact warnings, error and exit status",
    async ([name, expected], { expect }) => {
      const run = await runCliAsync([path(name)]);
      expect(run.stderr.split("\n").filter((line) => line !== "")).toEqual([
        ...warningLines(name, expected),
        ...errorLines(name, expected.error),
      ]);
      expect(run.status).toBe(expected.status);
      if (expected.totals !== undefined) expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(expected.totals);
    },
  );

  const cutShort = Object.entries(EXPECTED).filter(([, expected]) => expected.cutShort === true);
  it.concurrent.for(cutShort)("%s: --strict makes the cut an error, exit 2", async ([name, expected], { expect }) => {
    const run = await runCliAsync([path(name), "--strict"]);
    const [cut, ...rest] = (expected.warnings ?? []).filter((line) =>
      / is cut short| ends early| does not match \(its trailer| not gzip follow/.test(line),
    );
    const others = (expected.warnings ?? []).filter((line) => line !== cut && !rest.includes(line));
    const lines = run.stderr.split("\n").filter((line) => line !== "");
    expect(lines).toEqual([
      ...others.map((line) => `tcp-annotate: warning: ${path(name)}: ${line}`),
      `tcp-annotate: error: ${path(name)}: ${cut} (an error under --strict)`,
    ]);
    expect(run.status).toBe(2);
  });
});
