import type { CaptureInfo } from "../../capture/info.js";
import { CATALOGS, DEFAULT_LANGUAGE, type Language } from "../../explain/catalog/index.js";
import { linkTypeName } from "../../decode/link-types.js";

/** "pcapng, 2 sections, nanosecond timestamps, mixed byte order, gzip-compressed"; "pcap,微秒级时间戳,小端字节序". */
export function describeFormat(info: CaptureInfo, language: Language = DEFAULT_LANGUAGE): string {
  const words = CATALOGS[language].words.capture;
  const parts: string[] = [info.format];
  if (info.sections > 1) parts.push(words.sections(info.sections));
  parts.push(words.timestamps(words.precision[info.timestampPrecision] ?? info.timestampPrecision));
  parts.push(words.byteOrder[info.byteOrder]);
  if (info.gzip) parts.push(words.gzip);
  return parts.join(words.separator);
}

export function linkTypeNames(info: CaptureInfo): string[] {
  return info.linkTypes.map(linkTypeName);
}
