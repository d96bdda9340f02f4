import type { ConnectionSummary } from "../../track/summary.js";
import { writeJsonNullableNumber, writeJsonNumber, writeJsonString } from "../ndjson/json-text.js";
import { type ByteWriter, encodeText } from "../shared/byte-writer.js";

/** The records' place in summary's JSON document: each line inside {"connections": [...]}. */
const RECORD_INDENT = "    ";
const STEP = "  ";

/** The key opening a record's field, after the field before it (none for the first). */
function key(name: string, depth: number, first = false): Uint8Array {
  return encodeText(`${first ? "" : ","}\n${RECORD_INDENT}${STEP.repeat(depth)}${JSON.stringify(name)}: `);
}

/** An object's closing brace, on its own line at its depth. */
function closing(depth: number): Uint8Array {
  return encodeText(`\n${RECORD_INDENT}${STEP.repeat(depth)}}`);
}

/** The record's keys and punctuation, in JSON.stringify's layout, encoded once. */
const K = {
  open: encodeText(`${RECORD_INDENT}{`),
  stream: key("stream", 1, true),
  client: key("client", 1),
  server: key("server", 1),
  roles: key("roles", 1),
  firstFrame: key("firstFrame", 1),
  lastFrame: key("lastFrame", 1),
  duration: key("duration", 1),
  packets: key("packets", 1),
  bytes: key("bytes", 1),
  handshake: key("handshake", 1),
  close: key("close", 1),
  finalStates: key("finalStates", 1),
  finalConfidence: key("finalConfidence", 1),
  verdict: key("verdict", 1),
  halfOpen: key("halfOpen", 1),
  completeness: key("completeness", 1),
  findings: key("findings", 1),
  zeek: key("zeek", 1),
  innerClient: key("client", 2, true),
  innerServer: key("server", 2),
  outcome: key("outcome", 2, true),
  rtt: key("rtt", 2),
  kind: key("kind", 2, true),
  by: key("by", 2),
  connState: key("connState", 2, true),
  history: key("history", 2),
  innerEnd: closing(1),
  end: closing(0),
  emptyObject: encodeText("{}"),
  /** Before a count's name: the object's brace (first) or the comma after the one before, then the name's indent. */
  firstCount: encodeText(`{\n${RECORD_INDENT}${STEP.repeat(2)}`),
  nextCount: encodeText(`,\n${RECORD_INDENT}${STEP.repeat(2)}`),
  colon: encodeText(": "),
  null: encodeText("null"),
  true: encodeText("true"),
  false: encodeText("false"),
};

const OPEN_BRACE = 0x7b;

/**
 * One connection of `summary -f json`, as JSON.stringify(summary, null, 2) writes it with each
 * line indented by four (its place in the document), written key by key into the output's bytes:
 * stringifying every record, indenting its lines and scanning them for what a terminal may act on
 * was most of what the JSON summary spent per connection. Every string is escaped and made
 * terminal-safe as it is written (json-text.ts); a test holds the text to what JSON.stringify
 * and terminalSafeLines write.
 */
export function writeIndentedSummary(out: ByteWriter, summary: ConnectionSummary): void {
  const { packets, bytes, handshake, close, finalStates, finalConfidence, zeek } = summary;
  out.bytes(K.open);
  out.bytes(K.stream);
  writeJsonNumber(out, summary.stream);
  out.bytes(K.client);
  writeJsonString(out, summary.client);
  out.bytes(K.server);
  writeJsonString(out, summary.server);
  out.bytes(K.roles);
  writeJsonString(out, summary.roles);
  out.bytes(K.firstFrame);
  writeJsonNumber(out, summary.firstFrame);
  out.bytes(K.lastFrame);
  writeJsonNumber(out, summary.lastFrame);
  out.bytes(K.duration);
  writeJsonNumber(out, summary.duration);
  out.bytes(K.packets);
  writePair(out, packets.client, packets.server, writeJsonNumber);
  out.bytes(K.bytes);
  writePair(out, bytes.client, bytes.server, writeJsonNumber);
  out.bytes(K.handshake);
  out.byte(OPEN_BRACE);
  out.bytes(K.outcome);
  writeJsonString(out, handshake.outcome);
  out.bytes(K.rtt);
  writeJsonNullableNumber(out, handshake.rtt);
  out.bytes(K.innerEnd);
  out.bytes(K.close);
  out.byte(OPEN_BRACE);
  out.bytes(K.kind);
  writeJsonString(out, close.kind);
  out.bytes(K.by);
  if (close.by === null) out.bytes(K.null);
  else writeJsonString(out, close.by);
  out.bytes(K.innerEnd);
  out.bytes(K.finalStates);
  writePair(out, finalStates.client, finalStates.server, writeJsonString);
  out.bytes(K.finalConfidence);
  writePair(out, finalConfidence.client, finalConfidence.server, writeJsonString);
  out.bytes(K.verdict);
  writeJsonString(out, summary.verdict);
  out.bytes(K.halfOpen);
  out.bytes(summary.halfOpen ? K.true : K.false);
  out.bytes(K.completeness);
  writeJsonNumber(out, summary.completeness);
  out.bytes(K.findings);
  writeCounts(out, summary.findings);
  out.bytes(K.zeek);
  if (zeek === null) out.bytes(K.null);
  else {
    out.byte(OPEN_BRACE);
    out.bytes(K.connState);
    writeJsonString(out, zeek.connState);
    out.bytes(K.history);
    writeJsonString(out, zeek.history);
    out.bytes(K.innerEnd);
  }
  out.bytes(K.end);
}

/** {"client": ..., "server": ...} of numbers or strings, one level in, each value written by `write`. */
function writePair<T>(out: ByteWriter, client: T, server: T, write: (out: ByteWriter, value: T) => void): void {
  out.byte(OPEN_BRACE);
  out.bytes(K.innerClient);
  write(out, client);
  out.bytes(K.innerServer);
  write(out, server);
  out.bytes(K.innerEnd);
}

/** Counts by name, in the object's own key order (JSON.stringify's); {} when there is none. */
function writeCounts(out: ByteWriter, counts: Readonly<Record<string, number>>): void {
  let first = true;
  for (const name in counts) {
    if (!Object.hasOwn(counts, name)) continue;
    out.bytes(first ? K.firstCount : K.nextCount);
    first = false;
    writeJsonString(out, name);
    out.bytes(K.colon);
    writeJsonNumber(out, counts[name]!);
  }
  out.bytes(first ? K.emptyObject : K.innerEnd);
}
