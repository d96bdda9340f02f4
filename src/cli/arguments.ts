import { readFileSync } from "node:fs";

/**
 * Node decodes the command line as UTF-8, so an argument that is not UTF-8 (a file name in
 * Latin-1, say) arrives with U+FFFD where its bytes were, and names no file. Such arguments are
 * read again as bytes from /proc/self/cmdline (Linux, where the kernel keeps them as given), and
 * handed on as names that show those bytes as \xNN (`caf\xe9.pcap`): what warnings, errors and
 * reports then print. pathOf() turns such a name back into the bytes, to open the file.
 */
export function readArguments(argv: readonly string[]): string[] {
  if (!argv.some((argument) => argument.includes(REPLACEMENT))) return [...argv];
  const raw = rawArguments(argv);
  return argv.map((argument, i) => {
    const bytes = raw[i];
    return bytes === undefined ? argument : escapedName(bytes);
  });
}

/** The file a command-line name stands for: its own bytes when readArguments escaped them. */
export function pathOf(name: string): string | Buffer {
  if (!name.includes("\\x")) return name;
  const raw = commandLineBytes().find((argument) => escapedName(argument) === name);
  return raw === undefined ? name : Buffer.from(raw);
}

const REPLACEMENT = "\ufffd";

/**
 * The arguments as bytes, aligned with argv: /proc/self/cmdline also holds Node's own options
 * (before the script), so argv's user arguments are its last ones. An entry is left undefined
 * where the two do not agree (another launcher, no /proc).
 */
function rawArguments(argv: readonly string[]): Array<Uint8Array | undefined> {
  const entries = commandLineBytes();
  const offset = entries.length - argv.length;
  return argv.map((argument, i) => {
    const entry = i >= 2 && offset + i < entries.length ? entries[offset + i] : undefined;
    return entry !== undefined && Buffer.from(entry).toString("utf8") === argument ? entry : undefined;
  });
}

/** Every word of the command line that started the process, Node's path and options included; none without /proc. */
function commandLineBytes(): Uint8Array[] {
  try {
    return splitAtZeros(readFileSync("/proc/self/cmdline"));
  } catch {
    return [];
  }
}

function splitAtZeros(bytes: Buffer): Uint8Array[] {
  const entries: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(0, start);
    const stop = end < 0 ? bytes.length : end;
    entries.push(bytes.subarray(start, stop));
    start = stop + 1;
  }
  return entries;
}

/** The bytes as text: UTF-8 where they are, each other byte as \xNN (as `ls -b` shows them). */
export function escapedName(bytes: Uint8Array): string {
  let name = "";
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes[i]!);
    const text = length === 0 ? undefined : decoded(bytes.subarray(i, i + length));
    if (text === undefined) {
      name += `\\x${bytes[i]!.toString(16).padStart(2, "0")}`;
      i++;
    } else {
      name += text;
      i += length;
    }
  }
  return name;
}

/** RFC 3629 §4: a lead byte says how long its sequence is; 0 for a byte that cannot lead one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The sequence decoded, or undefined when it is not UTF-8 (a bad continuation, an overlong form, a surrogate). */
function decoded(sequence: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(sequence);
  } catch {
    return undefined;
  }
}
