import type { ConnectionSummary } from "../../track/summary.js";
import { type RecordLayout, writeConnectionFields } from "../ndjson/connection-record.js";
import { type ByteWriter, encodeText } from "../shared/byte-writer.js";

/** The records' place in summary's JSON document: each line inside {"connections": [...]}. */
const RECORD_INDENT = "    ";
const STEP = "  ";

/** The key opening a record's field, after the field before it (none for the first). */
function key(name: string, depth: number, first = false): string {
  return `${first ? "" : ","}\n${RECORD_INDENT}${STEP.repeat(depth)}${JSON.stringify(name)}: `;
}

/** An object's closing brace, on its own line at its depth. */
function closing(depth: number): string {
  return `\n${RECORD_INDENT}${STEP.repeat(depth)}}`;
}

/** A nested object's opening and its first key, after the key naming it (and the object closed before it, if any). */
function nested(before: string, name: string, first: string): Uint8Array {
  return encodeText(`${before}${key(name, 1)}{${key(first, 2, true)}`);
}

/** A record in JSON.stringify's layout with two spaces a level, each line indented by four. */
const INDENTED: RecordLayout = {
  stream: encodeText(`${RECORD_INDENT}{${key("stream", 1, true)}`),
  client: encodeText(key("client", 1)),
  server: encodeText(key("server", 1)),
  roles: encodeText(key("roles", 1)),
  firstFrame: encodeText(key("firstFrame", 1)),
  lastFrame: encodeText(key("lastFrame", 1)),
  duration: encodeText(key("duration", 1)),
  packetsClient: nested("", "packets", "client"),
  packetsServer: encodeText(key("server", 2)),
  bytesClient: nested(closing(1), "bytes", "client"),
  bytesServer: encodeText(key("server", 2)),
  outcome: nested(closing(1), "handshake", "outcome"),
  rtt: encodeText(key("rtt", 2)),
  kind: nested(closing(1), "close", "kind"),
  by: encodeText(key("by", 2)),
  finalStatesClient: nested(closing(1), "finalStates", "client"),
  finalStatesServer: encodeText(key("server", 2)),
  finalConfidenceClient: nested(closing(1), "finalConfidence", "client"),
  finalConfidenceServer: encodeText(key("server", 2)),
  verdict: encodeText(`${closing(1)}${key("verdict", 1)}`),
  halfOpen: encodeText(key("halfOpen", 1)),
  completeness: encodeText(key("completeness", 1)),
  findings: encodeText(key("findings", 1)),
  zeek: encodeText(key("zeek", 1)),
  connState: encodeText(`{${key("connState", 2, true)}`),
  history: encodeText(key("history", 2)),
  zeekEnd: encodeText(closing(1)),
  end: encodeText(closing(0)),
  countsFirst: encodeText(`{\n${RECORD_INDENT}${STEP.repeat(2)}`),
  countsNext: encodeText(`,\n${RECORD_INDENT}${STEP.repeat(2)}`),
  countsColon: encodeText(": "),
  countsEnd: encodeText(closing(1)),
  countsNone: encodeText("{}"),
};

/**
 * One connection of `summary -f json`, as JSON.stringify(summary, null, 2) writes it with each
 * line indented by four (its place in the document), written key by key into the output's bytes
 * (writeConnectionFields): stringifying every record, indenting its lines and scanning them for
 * what a terminal may act on was most of what the JSON summary spent per connection. A test holds
 * the text to what JSON.stringify and terminalSafeLines write.
 */
export function writeIndentedSummary(out: ByteWriter, summary: ConnectionSummary): void {
  writeConnectionFields(out, summary, INDENTED);
}
