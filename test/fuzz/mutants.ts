/**
 * Damaged copies of a capture, made deterministically: truncations at every length of the
 * headers, extreme values in every length field, random bit flips, and splices with another
 * capture. Each mutant is named for what was done, so a failure can be reproduced by name.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { CaptureReader, type Frame } from "../../src/capture/index.js";
import { FIXTURES } from "../helpers/fixtures.js";

export interface Mutant {
  name: string;
  bytes: Uint8Array;
}

/** The seed of every run; set TCP_ANNOTATE_FUZZ_SEED to explore other mutants. */
export const FUZZ_SEED = Number(process.env["TCP_ANNOTATE_FUZZ_SEED"] ?? 0x7c9a11);

/** Every capture under fixtures/ (the damaged ones too), as paths relative to it. */
export function fixtureCaptures(): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith(".tsv") && !name.endsWith(".md")) found.push(relative(FIXTURES, path));
    }
  };
  walk(FIXTURES);
  return found;
}

/** mulberry32: small, fast, and the same numbers for the same seed on every platform. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A seed of its own for each name, so that adding a fixture does not change the others' mutants. */
  static for(name: string): Random {
    let hash = FUZZ_SEED >>> 0;
    for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
    return new Random(hash);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, below). */
  below(below: number): number {
    return Math.floor(this.next() * below);
  }
}

/** A field of the capture that holds a length (or a count in words), and the extremes to put there. */
interface LengthField {
  name: string;
  offset: number;
  size: 1 | 2 | 4;
  littleEndian: boolean;
  /** For a half byte: which half holds the field. */
  nibble?: "high" | "low";
}

const EXTREMES: Record<LengthField["size"] | "nibble", readonly number[]> = {
  4: [0, 1, 0x7fffffff, 0xffffffff],
  2: [0, 1, 0x7fff, 0xffff],
  1: [0, 1, 0x7f, 0xff],
  nibble: [0, 1, 15],
};

/** Where the records of a capture lie: read once, undamaged. */
interface RecordPlace {
  frame: Frame;
  /** Offset of the captured bytes in the file. */
  dataStart: number;
}

function recordsOf(bytes: Uint8Array): RecordPlace[] {
  const records: RecordPlace[] = [];
  const reader = new CaptureReader({
    frame: (frame) =>
      records.push({
        frame: { ...frame, data: frame.data.slice() },
        dataStart: frame.data.byteOffset - bytes.byteOffset,
      }),
    warning: () => {},
  });
  try {
    reader.push(bytes);
    reader.end();
  } catch {
    // Damaged fixtures: the records before the damage are enough.
  }
  return records;
}

/** Link header lengths by link type (the decoders' own constants, restated so that a wrong one shows). */
const LINK_HEADER_LENGTHS: ReadonlyMap<number, number> = new Map([
  [0, 4],
  [1, 14],
  [12, 0],
  [14, 0],
  [101, 0],
  [108, 4],
  [113, 16],
  [228, 0],
  [229, 0],
  [276, 20],
]);
const VLAN_TAG_TYPES = new Set([0x8100, 0x88a8, 0x9100]);

/** Where the IP header of a frame starts, following Ethernet's VLAN tags. */
function ipStart(frame: Frame): number | undefined {
  let offset = LINK_HEADER_LENGTHS.get(frame.linkType);
  if (offset === undefined || frame.linkType !== 1) return offset;
  const data = frame.data;
  while (offset + 4 <= data.length && VLAN_TAG_TYPES.has(((data[offset - 2] ?? 0) << 8) | (data[offset - 1] ?? 0)))
    offset += 4;
  return offset;
}

/** The IP and TCP length fields of one frame, at their offsets in the file. */
function networkFields({ frame, dataStart }: RecordPlace): LengthField[] {
  const data = frame.data;
  const ip = ipStart(frame);
  if (ip === undefined || ip >= data.length) return [];
  const field = (name: string, offset: number, size: 1 | 2 | 4, nibble?: "high" | "low"): LengthField =>
    nibble === undefined
      ? { name, offset: dataStart + offset, size, littleEndian: false }
      : { name, offset: dataStart + offset, size, littleEndian: false, nibble };
  const version = (data[ip] ?? 0) >> 4;
  let tcp: number | undefined;
  const fields: LengthField[] = [];
  if (version === 4) {
    fields.push(field("IPv4 IHL", ip, 1, "low"), field("IPv4 total length", ip + 2, 2));
    if (data[ip + 9] === 6) tcp = ip + ((data[ip] ?? 0) & 0x0f) * 4;
  } else if (version === 6) {
    fields.push(field("IPv6 payload length", ip + 4, 2));
    if (data[ip + 6] === 6) tcp = ip + 40;
  }
  if (tcp === undefined || tcp + 20 > data.length) return fields;
  fields.push(field("TCP data offset", tcp + 12, 1, "high"));
  const kind = data[tcp + 20] ?? 0;
  if ((data[tcp + 12] ?? 0) >> 4 > 5 && kind > 1) fields.push(field("TCP option length", tcp + 21, 1));
  return fields;
}

/** The container's length fields of one record: pcap record header, or pcapng block. */
function recordFields(
  bytes: Uint8Array,
  { frame, dataStart }: RecordPlace,
  format: "pcap" | "pcapng",
  littleEndian: boolean,
): LengthField[] {
  const at = frame.offset;
  const field = (name: string, offset: number): LengthField => ({ name, offset, size: 4, littleEndian });
  if (format === "pcap") return [field("pcap captured length", at + 8), field("pcap original length", at + 12)];
  const blockLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(at + 4, littleEndian);
  const fields = [field("pcapng block length", at + 4), field("pcapng trailing block length", at + blockLength - 4)];
  // Enhanced and obsolete packet blocks carry a captured length; simple ones only the original.
  if (dataStart - at === 28)
    fields.push(field("pcapng captured length", at + 20), field("pcapng interface id", at + 8));
  return fields;
}

/** The lengths the file's own headers declare: the pcap snap length, the first pcapng blocks' lengths. */
function headerFields(bytes: Uint8Array, format: "pcap" | "pcapng", littleEndian: boolean): LengthField[] {
  const field = (name: string, offset: number): LengthField => ({ name, offset, size: 4, littleEndian });
  if (format === "pcap") return [field("pcap snap length", 16)];
  const sectionLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, littleEndian);
  return [
    field("section header block length", 4),
    field("section header trailing length", sectionLength - 4),
    field("interface description block length", sectionLength + 4),
    field("interface description snap length", sectionLength + 12),
  ];
}

function write(bytes: Uint8Array, field: LengthField, value: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (field.nibble === "high") copy[field.offset] = (value << 4) | ((copy[field.offset] ?? 0) & 0x0f);
  else if (field.nibble === "low") copy[field.offset] = ((copy[field.offset] ?? 0) & 0xf0) | value;
  else if (field.size === 4) view.setUint32(field.offset, value, field.littleEndian);
  else if (field.size === 2) view.setUint16(field.offset, value, field.littleEndian);
  else view.setUint8(field.offset, value);
  return copy;
}

function formatOf(bytes: Uint8Array): { format: "pcap" | "pcapng"; littleEndian: boolean } | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const magic = view.getUint32(0, false);
  if (magic === 0x0a0d0d0a) return { format: "pcapng", littleEndian: view.getUint32(8, false) === 0x4d3c2b1a };
  if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) return { format: "pcap", littleEndian: true };
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) return { format: "pcap", littleEndian: false };
  return undefined;
}

/** Records kept of a long capture: damage is found in the first ones as well as in thousands, and faster. */
const SAMPLE_RECORDS = 64;

/** The capture up to its 65th record, a sound capture of the first 64 (gzip and short ones whole). */
export function sampleOf(bytes: Uint8Array): Uint8Array {
  const cut = recordsOf(bytes)[SAMPLE_RECORDS];
  return cut === undefined ? bytes : bytes.subarray(0, cut.frame.offset);
}

/**
 * What the headers before the first packet look like: format, byte order and link type. Cutting
 * at every header length is worth doing once per layout, not once per capture of the same one.
 */
export function headerLayout(bytes: Uint8Array): string {
  const format = formatOf(bytes);
  const first = recordsOf(bytes)[0];
  if (format === undefined) return `other ${Array.from(bytes.subarray(0, 2)).join(" ")}`;
  return `${format.format} ${format.littleEndian ? "LE" : "BE"} ${first?.frame.linkType ?? "no record"} ${first === undefined ? 0 : first.dataStart - first.frame.offset}`;
}

/** How many records' fields get the extremes: the first is where a handshake starts. */
const RECORDS_WITH_EXTREMES = 1;

/** Every length field of the first records set to each extreme value. */
export function lengthExtremes(bytes: Uint8Array): Mutant[] {
  const format = formatOf(bytes);
  if (format === undefined) return [];
  const records = recordsOf(bytes).slice(0, RECORDS_WITH_EXTREMES);
  const fields = [
    ...headerFields(bytes, format.format, format.littleEndian).map((field) => ({ field, where: "file" })),
    ...records.flatMap((record) =>
      [...recordFields(bytes, record, format.format, format.littleEndian), ...networkFields(record)].map((field) => ({
        field,
        where: `frame ${record.frame.index}`,
      })),
    ),
  ].filter(({ field }) => field.offset >= 0 && field.offset + field.size <= bytes.length);
  return fields.flatMap(({ field, where }) =>
    EXTREMES[field.nibble === undefined ? field.size : "nibble"].map((value) => ({
      name: `${where} ${field.name} = ${value}`,
      bytes: write(bytes, field, value),
    })),
  );
}

/** The input cut at every length from 0 through its first record's headers (the first 80 captured bytes). */
export function headerTruncations(bytes: Uint8Array): Mutant[] {
  const first = recordsOf(bytes)[0];
  const headersEnd = first === undefined ? 64 : first.dataStart + Math.min(first.frame.data.length, 80);
  const cuts = Math.min(bytes.length, headersEnd);
  return Array.from({ length: cuts }, (_, length) => ({
    name: `cut to ${length} bytes`,
    bytes: bytes.subarray(0, length),
  }));
}

export function bitFlips(bytes: Uint8Array, random: Random, count: number): Mutant[] {
  return Array.from({ length: count }, (_, run) => {
    const copy = bytes.slice();
    const flips = 1 + random.below(8);
    const at: number[] = [];
    for (let i = 0; i < flips && copy.length > 0; i++) {
      const byte = random.below(copy.length);
      copy[byte]! ^= 1 << random.below(8);
      at.push(byte);
    }
    return { name: `bit flips #${run} at bytes ${at.join(", ")}`, bytes: copy };
  });
}

/** This capture's start joined to another's end (a second file header in the middle, records cut across). */
export function splices(
  bytes: Uint8Array,
  others: ReadonlyArray<{ name: string; bytes: Uint8Array }>,
  random: Random,
  count: number,
): Mutant[] {
  return Array.from({ length: count }, () => {
    const other = others[random.below(others.length)]!;
    const cut = random.below(bytes.length + 1);
    const from = random.below(other.bytes.length + 1);
    const spliced = new Uint8Array(cut + other.bytes.length - from);
    spliced.set(bytes.subarray(0, cut));
    spliced.set(other.bytes.subarray(from), cut);
    return { name: `first ${cut} bytes, then ${other.name} from byte ${from}`, bytes: spliced };
  });
}
