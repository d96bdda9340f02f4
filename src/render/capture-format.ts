import type { CaptureInfo } from "../capture/info.js";
import { linkTypeName } from "../decode/link-types.js";

const PRECISION_WORDS: Record<string, string> = { us: "microsecond", ns: "nanosecond", ms: "millisecond", s: "second" };

/** "pcapng, 2 sections, nanosecond timestamps, mixed byte order, gzip-compressed". */
export function describeFormat(info: CaptureInfo): string {
  const parts: string[] = [info.format];
  if (info.sections > 1) parts.push(`${info.sections} sections`);
  parts.push(`${PRECISION_WORDS[info.timestampPrecision] ?? info.timestampPrecision} timestamps`);
  parts.push(info.byteOrder === "mixed" ? "mixed byte order" : `${info.byteOrder}-endian`);
  if (info.gzip) parts.push("gzip-compressed");
  return parts.join(", ");
}

export function linkTypeNames(info: CaptureInfo): string[] {
  return info.linkTypes.map(linkTypeName);
}
