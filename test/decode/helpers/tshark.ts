/**
 * Comparing decoded frames with tshark's fields. The same comparison runs on output committed
 * in test/decode/expected (tshark 4.0.17) and, where tshark is installed, on its live output.
 */
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import type { Frame } from "../../../src/capture/frame.js";
import { decodeFrame } from "../../../src/decode/decode.js";
import type { Segment } from "../../../src/decode/segment.js";

/** The fields compared, in tshark's names; the last four say what tshark made of a frame as a whole. */
export const TSHARK_FIELDS = [
  "frame.number",
  "ip.src",
  "ip.dst",
  "ipv6.src",
  "ipv6.dst",
  "tcp.srcport",
  "tcp.dstport",
  "tcp.seq_raw",
  "tcp.ack_raw",
  "tcp.flags",
  "tcp.window_size_value",
  "tcp.urgent_pointer",
  "tcp.hdr_len",
  "tcp.len",
  "tcp.options.mss_val",
  "tcp.options.wscale.shift",
  "tcp.options.sack_perm",
  "tcp.options.timestamp.tsval",
  "tcp.options.timestamp.tsecr",
  "tcp.options.sack_le",
  "tcp.options.sack_re",
  "tcp.options.tfo.request",
  "tcp.options.tfo.cookie",
  "frame.protocols",
  "_ws.malformed",
  "_ws.short",
  "_ws.expert.severity",
] as const;

type Field = (typeof TSHARK_FIELDS)[number];
type Row = Record<Field, string>;

/** "4.0.17", or undefined when tshark is not installed. */
export function tsharkVersion(): string | undefined {
  const result = spawnSync("tshark", ["--version"], { encoding: "utf8" });
  return result.status === 0 ? /TShark \(Wireshark\) (\S+)/.exec(result.stdout)?.[1] : undefined;
}

const execFileAsync = promisify(execFile);

/** tshark's fields for every frame, as a TSV with a header line. Sequence analysis off: SACK edges stay raw. */
export async function runTshark(path: string): Promise<string> {
  const fieldArguments = TSHARK_FIELDS.flatMap((field) => ["-e", field]);
  const args = [
    "-r",
    path,
    "-o",
    "tcp.analyze_sequence_numbers:FALSE",
    "-T",
    "fields",
    "-E",
    "header=y",
    ...fieldArguments,
  ];
  const { stdout } = await execFileAsync("tshark", args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

function parseTsv(tsv: string): Row[] {
  const [header, ...lines] = tsv.trimEnd().split("\n");
  const names = header!.split("\t");
  return lines.map((line) => {
    const values = line.split("\t");
    return Object.fromEntries(names.map((name, i) => [name, values[i] ?? ""])) as Row;
  });
}

const SEGMENT_FIELDS = TSHARK_FIELDS.filter((field) => field.startsWith("ip") || field.startsWith("tcp."));
const OPTION_FIELDS = new Set(SEGMENT_FIELDS.filter((field) => field.startsWith("tcp.options.")));
const EXPERT_ERROR = "8388608";

/** tshark's text for what the decoder found, field by field. */
function segmentFields(segment: Segment): Record<string, string> {
  const { options } = segment;
  const v4 = segment.ipVersion === 4;
  const cookie = options.fastOpenCookie;
  return {
    "ip.src": v4 ? segment.src : "",
    "ip.dst": v4 ? segment.dst : "",
    "ipv6.src": v4 ? "" : segment.src,
    "ipv6.dst": v4 ? "" : segment.dst,
    "tcp.srcport": String(segment.srcPort),
    "tcp.dstport": String(segment.dstPort),
    "tcp.seq_raw": String(segment.seq),
    "tcp.ack_raw": String(segment.ack),
    "tcp.flags": `0x${segment.flags.toString(16).padStart(4, "0")}`,
    "tcp.window_size_value": String(segment.window),
    "tcp.urgent_pointer": String(segment.urgentPointer),
    "tcp.hdr_len": String(segment.headerLength),
    "tcp.len": String(segment.payloadLength),
    "tcp.options.mss_val": options.mss === undefined ? "" : String(options.mss),
    "tcp.options.wscale.shift": options.windowScale === undefined ? "" : String(options.windowScale),
    "tcp.options.sack_perm": options.sackPermitted ? "present" : "",
    "tcp.options.timestamp.tsval": options.timestamp === undefined ? "" : String(options.timestamp.value),
    "tcp.options.timestamp.tsecr": options.timestamp === undefined ? "" : String(options.timestamp.echo),
    "tcp.options.sack_le": (options.sack ?? []).map((block) => block.left).join(","),
    "tcp.options.sack_re": (options.sack ?? []).map((block) => block.right).join(","),
    "tcp.options.tfo.request": cookie?.length === 0 ? "1" : "",
    "tcp.options.tfo.cookie": cookie === undefined || cookie.length === 0 ? "" : Buffer.from(cookie).toString("hex"),
  };
}

/**
 * tshark's row in the same terms: the three reserved flag bits dropped, SACK-permitted (bytes) as
 * presence, and of the addresses only the innermost IP header's (a tunnelled frame lists each IP
 * header's, outermost first; the segment carries the innermost).
 */
function tsharkFields(row: Row): Record<string, string> {
  const fields: Record<string, string> = Object.fromEntries(SEGMENT_FIELDS.map((field) => [field, row[field]]));
  const protocols = row["frame.protocols"].split(":");
  const innermost = protocols.lastIndexOf("ipv6") > protocols.lastIndexOf("ip") ? "ipv6" : "ip";
  for (const family of ["ip", "ipv6"] as const) {
    for (const field of [`${family}.src`, `${family}.dst`] as const)
      fields[field] = family === innermost ? (row[field].split(",").at(-1) ?? "") : "";
  }
  fields["tcp.flags"] = `0x${(parseInt(row["tcp.flags"], 16) & 0x1ff).toString(16).padStart(4, "0")}`;
  fields["tcp.options.sack_perm"] = row["tcp.options.sack_perm"] === "" ? "" : "present";
  return fields;
}

/**
 * Every way the decoder disagrees with tshark on these frames, in words (empty when none):
 * a segment's fields must equal tshark's (in a segment the snap length cut, an option this
 * decoder left unread may still show in tshark, which reads fields up to the cut); a frame
 * called malformed must be malformed or an expert error to tshark; one called truncated must
 * be "packet size limited during capture" to tshark; a skipped frame must carry no TCP in
 * tshark, unless quoted inside an ICMP error.
 */
export function disagreements(
  frames: Frame[],
  tsv: string,
  label = (frame: Frame) => `frame ${frame.index}`,
): string[] {
  const rows = new Map(parseTsv(tsv).map((row) => [Number(row["frame.number"]), row]));
  const found: string[] = [];
  for (const frame of frames) {
    const row = rows.get(frame.index);
    const decoded = decodeFrame(frame);
    const where = label(frame);
    if (row === undefined) {
      found.push(`${where}: not in tshark's output`);
    } else if (decoded.kind === "tcp") {
      found.push(...fieldDisagreements(where, decoded.segment, row));
    } else if (decoded.kind === "damaged" && decoded.problem === "malformed") {
      if (row["_ws.malformed"] === "" && !row["_ws.expert.severity"].split(",").includes(EXPERT_ERROR)) {
        found.push(`${where}: malformed here (${decoded.message}), not to tshark`);
      }
    } else if (decoded.kind === "damaged") {
      if (row["_ws.short"] === "") found.push(`${where}: truncated here (${decoded.message}), not to tshark`);
    } else if (carriesTcp(row)) {
      found.push(`${where}: skipped here (${decoded.detail}), TCP to tshark`);
    }
  }
  return found;
}

function fieldDisagreements(where: string, segment: Segment, row: Row): string[] {
  const ours = segmentFields(segment);
  const theirs = tsharkFields(row);
  return SEGMENT_FIELDS.filter((field) => ours[field] !== theirs[field])
    .filter((field) => !(segment.truncated && OPTION_FIELDS.has(field) && ours[field] === ""))
    .map((field) => `${where}: ${field} is ${JSON.stringify(ours[field])}, tshark ${JSON.stringify(theirs[field])}`);
}

/** tshark's protocol list has TCP, and not inside an ICMP error quoting an earlier packet. */
function carriesTcp(row: Row): boolean {
  const protocols = row["frame.protocols"].split(":");
  const tcp = protocols.indexOf("tcp");
  return tcp >= 0 && !protocols.slice(0, tcp).some((protocol) => protocol === "icmp" || protocol === "icmpv6");
}
