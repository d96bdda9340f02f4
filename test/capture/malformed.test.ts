import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CaptureError, readCapture } from "../../src/capture/index.js";
import { Collector } from "./support/collect.js";
import { scratchFolder } from "../helpers/scratch.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const malformedDir = join(repoRoot, "fixtures", "malformed");

interface Outcome {
  /** Indexes of the frames delivered. */
  frames: number[];
  warnings?: { kind: string; message: string; offset: number; frame?: number; gzip?: true }[];
  error?: { kind: string; message: string; offset: number; frame?: number };
}

/** What reading each file must give: the good records before the damage, then the exact report. */
const OUTCOMES: Record<string, Outcome> = {
  "not-a-capture.txt": {
    frames: [],
    error: {
      kind: "unsupported",
      message:
        'not a capture file: it starts with 54 68 69 73 ("This"), which is neither a pcap nor a pcapng magic number',
      offset: 0,
    },
  },
  "empty.pcap": {
    frames: [],
    error: { kind: "truncated", message: "the input is empty: there is no capture header", offset: 0 },
  },
  "pcap-header-cut.pcap": {
    frames: [],
    error: {
      kind: "truncated",
      message: "the pcap file header is cut short: the input ends after 20 of its 24 bytes",
      offset: 0,
    },
  },
  "pcap-record-header-cut.pcap": {
    frames: [1],
    warnings: [
      {
        kind: "truncated",
        message: "record 2 at byte 44 is cut short: the input ends 5 bytes into its 16-byte header",
        offset: 44,
        frame: 2,
      },
    ],
  },
  "pcap-last-record-cut.pcap": {
    frames: [1],
    warnings: [
      {
        kind: "truncated",
        message: "record 2 at byte 44 is cut short: it claims 2 captured bytes but only 1 follow its header",
        offset: 44,
        frame: 2,
      },
    ],
  },
  "pcap-caplen-4gib.pcap": {
    frames: [1],
    error: {
      kind: "malformed",
      message: "record 2 at byte 44 claims 4294967295 captured bytes, more than the 262144 limit",
      offset: 44,
      frame: 2,
    },
  },
  "pcap-version-3.pcap": {
    frames: [],
    error: { kind: "unsupported", message: "pcap version 3.0 is not supported (only version 2.x is)", offset: 4 },
  },
  "pcapng-bad-block-length.pcapng": {
    frames: [1],
    error: {
      kind: "malformed",
      message: "enhanced packet block at byte 84 claims a total length of 38 bytes, not a multiple of 4",
      offset: 84,
      frame: 2,
    },
  },
  "pcapng-block-length-4gib.pcapng": {
    frames: [1],
    error: {
      kind: "malformed",
      message:
        "enhanced packet block at byte 84 claims a total length of 4294967292 bytes, more than the 134348800 limit",
      offset: 84,
      frame: 2,
    },
  },
  "pcapng-trailing-length-differs.pcapng": {
    frames: [1],
    error: {
      kind: "malformed",
      message: "enhanced packet block at byte 84 ends with a total length of 40 bytes, not the 36 it starts with",
      offset: 84,
      frame: 2,
    },
  },
  "pcapng-bad-byte-order-magic.pcapng": {
    frames: [],
    error: {
      kind: "malformed",
      message:
        "section header block at byte 0 has byte-order magic 0x78563412, which is 0x1a2b3c4d in neither byte order",
      offset: 0,
    },
  },
  "pcapng-unknown-interface.pcapng": {
    frames: [1, 3],
    warnings: [
      {
        kind: "malformed",
        message: "record 2 (enhanced packet block at byte 84) names interface 7, but its section describes 1",
        offset: 84,
        frame: 2,
      },
    ],
  },
  "pcapng-caplen-past-block.pcapng": {
    frames: [1, 3],
    warnings: [
      {
        kind: "malformed",
        message:
          "record 2 (enhanced packet block at byte 84) claims 100 captured bytes, but its 36-byte block has room for 4",
        offset: 84,
        frame: 2,
      },
    ],
  },
  "pcapng-last-block-cut.pcapng": {
    frames: [1],
    warnings: [
      {
        kind: "truncated",
        message: "enhanced packet block at byte 84 is cut short: the input ends after 32 of its 36 bytes",
        offset: 84,
        frame: 2,
      },
    ],
  },
  "gzip-cut.pcap.gz": {
    frames: [1],
    warnings: [
      {
        kind: "truncated",
        message: "the gzip stream ends early (unexpected end of file) after 50 decompressed bytes",
        offset: 50,
        gzip: true,
      },
      {
        kind: "truncated",
        message: "record 2 at byte 44 is cut short: the input ends 6 bytes into its 16-byte header",
        offset: 44,
        frame: 2,
      },
    ],
  },
  // Every record is read: the trailer is checked after the data it covers was handed on.
  "gzip-bad-crc.pcap.gz": {
    frames: [1, 2],
    warnings: [
      {
        kind: "malformed",
        message:
          "gzip member 1's CRC-32 does not match (its trailer gives 0xc6597b46, its data has 0x39a684b9: the data may be damaged) after 62 decompressed bytes",
        offset: 62,
        gzip: true,
      },
      {
        kind: "malformed",
        message:
          "gzip member 1's length does not match (its trailer gives 4294967233 bytes, its data has 62: the data may be damaged) after 62 decompressed bytes",
        offset: 62,
        gzip: true,
      },
    ],
  },
  "gzip-trailing-garbage.pcap.gz": {
    frames: [1, 2],
    warnings: [
      {
        kind: "malformed",
        message: "9 bytes that are not gzip follow the gzip data (ignored) after 62 decompressed bytes",
        offset: 62,
        gzip: true,
      },
    ],
  },
};

/** The network-layer files are sound captures (their damage is inside the packets, test/cli/hostile-malformed.test.ts). */
const SOUND_CAPTURES = [
  "vlan-tags-nested-9-deep.pcap",
  "ipv6-extension-chain-17-deep.pcap",
  "ipv6-extension-chain-loop.pcap",
  "tcp-data-offset-0.pcap",
  "tcp-data-offset-15-short-packet.pcap",
  "tcp-option-length-past-header.pcap",
  "ipv4-total-length-below-header.pcap",
  "unknown-link-type-only.pcap",
];
for (const name of SOUND_CAPTURES) OUTCOMES[name] = { frames: [1, 2] };

describe("fixtures/malformed", () => {
  const outDir = scratchFolder("malformed");

  it("has an expected outcome for every file, and a file for every outcome", () => {
    const captures = readdirSync(malformedDir).filter((name) => name !== "README.md");
    expect(captures.sort()).toEqual(Object.keys(OUTCOMES).sort());
  });

  it.each(Object.entries(OUTCOMES))("%s", async (name, outcome) => {
    const path = join(malformedDir, name);
    const collector = new Collector();
    let error: unknown;
    try {
      await readCapture(path, collector);
    } catch (thrown) {
      error = thrown;
    }
    expect(collector.frames.map((frame) => frame.index)).toEqual(outcome.frames);
    expect(collector.warnings).toEqual((outcome.warnings ?? []).map((warning) => ({ ...warning, file: path })));
    if (outcome.error === undefined) {
      expect(error).toBeUndefined();
    } else {
      expect(error).toBeInstanceOf(CaptureError);
      expect(error).toMatchObject({ frame: undefined, ...outcome.error, file: path });
    }
  });

  it("is what scripts/make-malformed.mjs writes", () => {
    execFileSync(process.execPath, [join(repoRoot, "scripts", "make-malformed.mjs"), outDir]);
    for (const name of Object.keys(OUTCOMES)) {
      expect(readFileSync(join(outDir, name)), name).toEqual(readFileSync(join(malformedDir, name)));
    }
  });
});
