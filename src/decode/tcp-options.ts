import { readU16, readU32 } from "./bytes.js";
import type { SackBlock, SegmentProblem, TcpOptions } from "./segment.js";

/** RFC 9293 §3.2: End of Option List and No-Operation are the two options without a length byte. */
const END_OF_OPTION_LIST = 0;
const NO_OPERATION = 1;
/** Kind and length bytes. */
const MIN_OPTION_LENGTH = 2;
/** RFC 6994 shared experimental option: kind 254 with a 16-bit experiment id; RFC 7413 §4.1.1 names TFO's. */
const FAST_OPEN_EXPERIMENT_ID = 0xf989;

interface OptionRule {
  /** For messages. */
  name: string;
  /** The lengths the RFC allows, in words. */
  lengths: string;
  fits(length: number): boolean;
  /** Reads the option (kind byte at `offset`, `length` bytes, all captured) into `options`. */
  read(bytes: Uint8Array, offset: number, length: number, options: TcpOptions): void;
}

/** The rules by kind byte, in an array of 256: indexed where a Map hashed the kind for every option read. */
const OPTION_RULES: ReadonlyArray<OptionRule | undefined> = byKind([
  [
    2,
    {
      name: "maximum segment size",
      lengths: "4 (RFC 9293 §3.2)",
      fits: (length) => length === 4,
      read: (bytes, offset, _length, options) => {
        options.mss = readU16(bytes, offset + 2);
      },
    },
  ],
  [
    3,
    {
      // RFC 7323 §2.3: the raw shift is kept; clamping one above 14 is the reader's business.
      name: "window scale",
      lengths: "3 (RFC 7323 §2.2)",
      fits: (length) => length === 3,
      read: (bytes, offset, _length, options) => {
        options.windowScale = bytes[offset + 2]!;
      },
    },
  ],
  [
    4,
    {
      name: "SACK permitted",
      lengths: "2 (RFC 2018 §2)",
      fits: (length) => length === 2,
      read: (_bytes, _offset, _length, options) => {
        options.sackPermitted = true;
      },
    },
  ],
  [
    5,
    {
      name: "SACK",
      lengths: "2 plus 8 per block (RFC 2018 §3)",
      fits: (length) => length >= 10 && (length - 2) % 8 === 0,
      read: (bytes, offset, length, options) => {
        options.sack = readSackBlocks(bytes, offset + 2, offset + length);
      },
    },
  ],
  [
    8,
    {
      name: "timestamps",
      lengths: "10 (RFC 7323 §3.2)",
      fits: (length) => length === 10,
      read: (bytes, offset, _length, options) => {
        options.timestamp = { value: readU32(bytes, offset + 2), echo: readU32(bytes, offset + 6) };
      },
    },
  ],
  [
    34,
    {
      // RFC 7413 §4.1.1: an empty cookie asks for one. Odd cookie lengths are kept, as tshark keeps them.
      // Copied (at most 38 bytes), so that a segment kept past its frame does not keep the frame's chunk.
      name: "TCP Fast Open",
      lengths: "2 or more (RFC 7413 §4.1.1)",
      fits: (length) => length >= 2,
      read: (bytes, offset, length, options) => {
        options.fastOpenCookie = bytes.slice(offset + 2, offset + length);
      },
    },
  ],
  [
    254,
    {
      name: "experimental",
      lengths: "4 or more (RFC 6994 §3)",
      fits: (length) => length >= 4,
      read: (bytes, offset, length, options) => {
        if (readU16(bytes, offset + 2) === FAST_OPEN_EXPERIMENT_ID)
          options.fastOpenCookie = bytes.slice(offset + 4, offset + length);
      },
    },
  ],
]);

function byKind(rules: ReadonlyArray<readonly [number, OptionRule]>): Array<OptionRule | undefined> {
  const table = new Array<OptionRule | undefined>(256).fill(undefined);
  for (const [kind, rule] of rules) table[kind] = rule;
  return table;
}

function readSackBlocks(bytes: Uint8Array, start: number, end: number): SackBlock[] {
  const blocks: SackBlock[] = [];
  for (let offset = start; offset < end; offset += 8) {
    blocks.push({ left: readU32(bytes, offset), right: readU32(bytes, offset + 4) });
  }
  return blocks;
}

function describeKind(kind: number): string {
  const rule = OPTION_RULES[kind];
  return rule === undefined ? `TCP option kind ${kind}` : `TCP option kind ${kind} (${rule.name})`;
}

/** What a header without options, or with none this tool reads, gives: one object for all of them, frozen as it is shared. */
const NO_OPTIONS: TcpOptions = Object.freeze({});

/** RFC 7323 §2.2: the one option the analysis reads on every segment. */
const WINDOW_SCALE = 3;

/**
 * The options between the fixed header and `end` (the data offset's end). Bytes past the
 * capture are simply not read (the caller marks the segment truncated). A length byte that is
 * missing, below 2 or past the header leaves the rest unreadable: what came before is kept and
 * the problem noted. An option of a known kind with the wrong length is noted and stepped over,
 * as Wireshark does. A repeated option overrides the earlier one. The object is made at the
 * first option read: a header without one (most segments of stacks that send no timestamps)
 * costs none.
 */
export function decodeTcpOptions(
  bytes: Uint8Array,
  start: number,
  end: number,
  problems: SegmentProblem[],
): TcpOptions {
  return readTcpOptions(bytes, start, end, problems, true);
}

/**
 * The options checked as decodeTcpOptions checks them, each problem noted, but only the window
 * scale read (into an object made only when there is one): for a segment whose other options
 * are decoded when read, if ever. No options, or timestamps alone as most stacks send them,
 * hold nothing to note or read: they are not walked through.
 */
export function checkTcpOptions(bytes: Uint8Array, start: number, end: number, problems: SegmentProblem[]): TcpOptions {
  if (start === end || isTimestampsAlone(bytes, start, end)) return NO_OPTIONS;
  return readTcpOptions(bytes, start, end, problems, false);
}

/** Kind and length of the timestamps option (RFC 7323 §3.2), and the header length it takes with two NOPs before it. */
const TIMESTAMPS = 8;
const TIMESTAMPS_LENGTH = 10;
const TIMESTAMPS_ALONE_LENGTH = 12;

/**
 * The options from `start` to `end` are the timestamps alone, laid out as most stacks send them
 * (NOP, NOP, timestamps: RFC 7323 Appendix A). Bytes past the capture read as no match.
 */
export function isTimestampsAlone(bytes: Uint8Array, start: number, end: number): boolean {
  return (
    end - start === TIMESTAMPS_ALONE_LENGTH &&
    bytes[start] === NO_OPERATION &&
    bytes[start + 1] === NO_OPERATION &&
    bytes[start + 2] === TIMESTAMPS &&
    bytes[start + 3] === TIMESTAMPS_LENGTH
  );
}

function readTcpOptions(
  bytes: Uint8Array,
  start: number,
  end: number,
  problems: SegmentProblem[],
  all: boolean,
): TcpOptions {
  let options = NO_OPTIONS;
  const captured = Math.min(end, bytes.length);
  let offset = start;
  while (offset < captured) {
    const kind = bytes[offset]!;
    if (kind === END_OF_OPTION_LIST) break;
    if (kind === NO_OPERATION) {
      offset++;
      continue;
    }
    const length = readOptionLength(bytes, offset, end, captured, problems);
    if (length === undefined) break;
    const rule = OPTION_RULES[kind];
    if (rule !== undefined && soundLength(rule, kind, offset, length, problems) && (all || kind === WINDOW_SCALE)) {
      if (options === NO_OPTIONS) options = {};
      rule.read(bytes, offset, length, options);
    }
    offset += length;
  }
  return options;
}

/** The option's length when all of the option was captured and it is sound; otherwise undefined (noted unless merely cut). */
function readOptionLength(
  bytes: Uint8Array,
  offset: number,
  end: number,
  captured: number,
  problems: SegmentProblem[],
): number | undefined {
  const kind = bytes[offset]!;
  if (offset + 1 >= end) {
    return noteMalformed(
      problems,
      offset,
      `${describeKind(kind)} at byte ${offset} has no length byte before the header ends at byte ${end}`,
    );
  }
  if (offset + 1 >= captured) return undefined;
  const length = bytes[offset + 1]!;
  if (length < MIN_OPTION_LENGTH) {
    return noteMalformed(
      problems,
      offset,
      `${describeKind(kind)} at byte ${offset} has length ${length}, below the 2-byte minimum`,
    );
  }
  if (offset + length > end) {
    return noteMalformed(
      problems,
      offset,
      `${describeKind(kind)} at byte ${offset} has length ${length}, past the end of the TCP header at byte ${end}`,
    );
  }
  return offset + length > captured ? undefined : length;
}

/** A known option's length is one its RFC allows; otherwise it is noted and skipped. */
function soundLength(
  rule: OptionRule,
  kind: number,
  offset: number,
  length: number,
  problems: SegmentProblem[],
): boolean {
  if (rule.fits(length)) return true;
  noteMalformed(
    problems,
    offset,
    `${describeKind(kind)} at byte ${offset} has length ${length}, but its length is ${rule.lengths}; skipped`,
  );
  return false;
}

function noteMalformed(problems: SegmentProblem[], offset: number, message: string): undefined {
  problems.push({ id: "tcp-option-malformed", offset, message });
  return undefined;
}
