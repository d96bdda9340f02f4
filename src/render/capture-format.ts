import type { CaptureInfo } from "../capture/info.js";
import { DEFAULT_LANGUAGE, type Language } from "../explain/catalog/index.js";
import { linkTypeName } from "../decode/link-types.js";

/** The words of a capture's description, per language. */
interface FormatWords {
  precision: Record<string, string>;
  timestamps(precision: string): string;
  sections(count: number): string;
  byteOrder: Record<"little" | "big" | "mixed", string>;
  gzip: string;
  separator: string;
}

const FORMAT_WORDS: Record<Language, FormatWords> = {
  en: {
    precision: { us: "microsecond", ns: "nanosecond", ms: "millisecond", s: "second" },
    timestamps: (precision) => `${precision} timestamps`,
    sections: (count) => `${count} sections`,
    byteOrder: { little: "little-endian", big: "big-endian", mixed: "mixed byte order" },
    gzip: "gzip-compressed",
    separator: ", ",
  },
  zh: {
    precision: { us: "微秒", ns: "纳秒", ms: "毫秒", s: "秒" },
    timestamps: (precision) => `${precision}级时间戳`,
    sections: (count) => `${count} 个节`,
    byteOrder: { little: "小端字节序", big: "大端字节序", mixed: "字节序混合" },
    gzip: "gzip 压缩",
    separator: ",",
  },
};

/** "pcapng, 2 sections, nanosecond timestamps, mixed byte order, gzip-compressed"; "pcap,微秒级时间戳,小端字节序". */
export function describeFormat(info: CaptureInfo, language: Language = DEFAULT_LANGUAGE): string {
  const words = FORMAT_WORDS[language];
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
