import type { ConnectionSummary } from "../../track/summary.js";
import { type ByteWriter, encodeText } from "../shared/byte-writer.js";
import { writeJsonNullableNumber, writeJsonNumber, writeJsonString } from "./json-text.js";

/**
 * The bytes between a connection record's values, encoded once: each run holds the punctuation
 * after the value before it, the key (and any nested object's opening) before the value it names.
 * One record is written in two layouts, compact (the NDJSON line) and indented (summary's JSON
 * document), by one writer.
 */
export interface RecordLayout {
  stream: Uint8Array;
  client: Uint8Array;
  server: Uint8Array;
  roles: Uint8Array;
  firstFrame: Uint8Array;
  lastFrame: Uint8Array;
  duration: Uint8Array;
  packetsClient: Uint8Array;
  packetsServer: Uint8Array;
  bytesClient: Uint8Array;
  bytesServer: Uint8Array;
  outcome: Uint8Array;
  rtt: Uint8Array;
  kind: Uint8Array;
  by: Uint8Array;
  finalStatesClient: Uint8Array;
  finalStatesServer: Uint8Array;
  finalConfidenceClient: Uint8Array;
  finalConfidenceServer: Uint8Array;
  verdict: Uint8Array;
  halfOpen: Uint8Array;
  completeness: Uint8Array;
  findings: Uint8Array;
  zeek: Uint8Array;
  connState: Uint8Array;
  history: Uint8Array;
  zeekEnd: Uint8Array;
  end: Uint8Array;
  /** Before the first count's name, before each next one's, between a name and its count, after the last, and for none. */
  countsFirst: Uint8Array;
  countsNext: Uint8Array;
  countsColon: Uint8Array;
  countsEnd: Uint8Array;
  countsNone: Uint8Array;
}

const NULL = encodeText("null");
const TRUE = encodeText("true");
const FALSE = encodeText("false");

/**
 * The connection record, as JSON.stringify writes it in the layout's form (tests hold both forms
 * to it), written key by key into `out`: stringifying each record, then scanning it for what a
 * terminal may act on, was most of what writing a record cost, and its pieces joined as a string
 * an eighth of what the NDJSON timeline allocated. Every string is escaped and made terminal-safe
 * as it is written (writeJsonString).
 */
export function writeConnectionFields(out: ByteWriter, summary: ConnectionSummary, layout: RecordLayout): void {
  const { packets, bytes, handshake, close, finalStates, finalConfidence, zeek } = summary;
  const L = layout;
  out.bytes(L.stream);
  writeJsonNumber(out, summary.stream);
  out.bytes(L.client);
  writeJsonString(out, summary.client);
  out.bytes(L.server);
  writeJsonString(out, summary.server);
  out.bytes(L.roles);
  writeJsonString(out, summary.roles);
  out.bytes(L.firstFrame);
  writeJsonNumber(out, summary.firstFrame);
  out.bytes(L.lastFrame);
  writeJsonNumber(out, summary.lastFrame);
  out.bytes(L.duration);
  writeJsonNumber(out, summary.duration);
  out.bytes(L.packetsClient);
  writeJsonNumber(out, packets.client);
  out.bytes(L.packetsServer);
  writeJsonNumber(out, packets.server);
  out.bytes(L.bytesClient);
  writeJsonNumber(out, bytes.client);
  out.bytes(L.bytesServer);
  writeJsonNumber(out, bytes.server);
  out.bytes(L.outcome);
  writeJsonString(out, handshake.outcome);
  out.bytes(L.rtt);
  writeJsonNullableNumber(out, handshake.rtt);
  out.bytes(L.kind);
  writeJsonString(out, close.kind);
  out.bytes(L.by);
  if (close.by === null) out.bytes(NULL);
  else writeJsonString(out, close.by);
  out.bytes(L.finalStatesClient);
  writeJsonString(out, finalStates.client);
  out.bytes(L.finalStatesServer);
  writeJsonString(out, finalStates.server);
  out.bytes(L.finalConfidenceClient);
  writeJsonString(out, finalConfidence.client);
  out.bytes(L.finalConfidenceServer);
  writeJsonString(out, finalConfidence.server);
  out.bytes(L.verdict);
  writeJsonString(out, summary.verdict);
  out.bytes(L.halfOpen);
  out.bytes(summary.halfOpen ? TRUE : FALSE);
  out.bytes(L.completeness);
  writeJsonNumber(out, summary.completeness);
  out.bytes(L.findings);
  writeCounts(out, summary.findings, L);
  out.bytes(L.zeek);
  if (zeek === null) out.bytes(NULL);
  else {
    out.bytes(L.connState);
    writeJsonString(out, zeek.connState);
    out.bytes(L.history);
    writeJsonString(out, zeek.history);
    out.bytes(L.zeekEnd);
  }
  out.bytes(L.end);
}

/** Counts by name, in the object's own key order (JSON.stringify's). */
function writeCounts(out: ByteWriter, counts: Readonly<Record<string, number>>, L: RecordLayout): void {
  let first = true;
  for (const name in counts) {
    if (!Object.hasOwn(counts, name)) continue;
    out.bytes(first ? L.countsFirst : L.countsNext);
    first = false;
    writeJsonString(out, name);
    out.bytes(L.countsColon);
    writeJsonNumber(out, counts[name]!);
  }
  out.bytes(first ? L.countsNone : L.countsEnd);
}

/** The NDJSON line: `{"type":"connection", ...summary}` on one line. */
const COMPACT: RecordLayout = {
  stream: encodeText('{"type":"connection","stream":'),
  client: encodeText(',"client":'),
  server: encodeText(',"server":'),
  roles: encodeText(',"roles":'),
  firstFrame: encodeText(',"firstFrame":'),
  lastFrame: encodeText(',"lastFrame":'),
  duration: encodeText(',"duration":'),
  packetsClient: encodeText(',"packets":{"client":'),
  packetsServer: encodeText(',"server":'),
  bytesClient: encodeText('},"bytes":{"client":'),
  bytesServer: encodeText(',"server":'),
  outcome: encodeText('},"handshake":{"outcome":'),
  rtt: encodeText(',"rtt":'),
  kind: encodeText('},"close":{"kind":'),
  by: encodeText(',"by":'),
  finalStatesClient: encodeText('},"finalStates":{"client":'),
  finalStatesServer: encodeText(',"server":'),
  finalConfidenceClient: encodeText('},"finalConfidence":{"client":'),
  finalConfidenceServer: encodeText(',"server":'),
  verdict: encodeText('},"verdict":'),
  halfOpen: encodeText(',"halfOpen":'),
  completeness: encodeText(',"completeness":'),
  findings: encodeText(',"findings":'),
  zeek: encodeText(',"zeek":'),
  connState: encodeText('{"connState":'),
  history: encodeText(',"history":'),
  zeekEnd: encodeText("}"),
  end: encodeText("}\n"),
  countsFirst: encodeText("{"),
  countsNext: encodeText(","),
  countsColon: encodeText(":"),
  countsEnd: encodeText("}"),
  countsNone: encodeText("{}"),
};

/** The connection's NDJSON record, a line of its own. */
export function writeConnectionRecord(out: ByteWriter, summary: ConnectionSummary): void {
  writeConnectionFields(out, summary, COMPACT);
}
