import type { Language } from "../../explain/catalog/index.js";
import type { Verdict } from "../../track/summary.js";

/** The summary table's column heads and the totals' words, per language. */
export interface SummaryWords {
  stream: string;
  client: string;
  server: string;
  packets: string;
  bytes: string;
  duration: string;
  opened: string;
  ended: string;
  finalStates: string;
  retransmissions: string;
  completeness: string;
  halfOpen: string;
  /** "57 connections: 49 closed gracefully, 7 reset, 1 refused" */
  totals(count: number, parts: string[]): string;
  verdictCount(verdict: Verdict, count: number): string;
  latency(handshakes: number, min: string, median: string, p95: string, max: string): string;
  noHandshake: string;
  /** Says which columns the terminal's width left out, and how to see them. */
  leftOut(columns: readonly string[]): string;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

const EN_VERDICTS: Record<Verdict, string> = {
  closed: "closed gracefully",
  reset: "reset",
  refused: "refused",
  "half-closed": "half-closed",
  "handshake-incomplete": "never completed the handshake",
  open: "still open",
};

const ZH_VERDICTS: Record<Verdict, string> = {
  closed: "正常关闭",
  reset: "被 RST 中止",
  refused: "被拒绝",
  "half-closed": "半关闭",
  "handshake-incomplete": "握手未完成",
  open: "尚未关闭",
};

export const SUMMARY_WORDS: Record<Language, SummaryWords> = {
  en: {
    stream: "stream",
    client: "client",
    server: "server",
    packets: "packets c→s / s→c",
    bytes: "bytes c→s / s→c",
    duration: "duration",
    opened: "opened",
    ended: "ended",
    finalStates: "final states c / s",
    retransmissions: "retrans.",
    completeness: "compl.",
    halfOpen: "left half-open",
    totals: (count, parts) => `${plural(count, "connection")}${parts.length > 0 ? `: ${parts.join(", ")}` : ""}.`,
    verdictCount: (verdict, count) => `${count} ${EN_VERDICTS[verdict]}`,
    latency: (n, min, median, p95, max) => `Handshake latency (iRTT) over ${plural(n, "handshake")}: min ${min}, median ${median}, p95 ${p95}, max ${max}.`,
    noHandshake: "No complete handshake, so no handshake latency.",
    leftOut: (columns) => `Left out to fit the terminal: ${columns.join(", ")} (--columns all shows every column; --columns NAME,... picks them).`,
  },
  zh: {
    stream: "流",
    client: "客户端",
    server: "服务器",
    packets: "报文段 客→服 / 服→客",
    bytes: "字节 客→服 / 服→客",
    duration: "持续时间",
    opened: "建立",
    ended: "结束",
    finalStates: "最终状态 客 / 服",
    retransmissions: "重传",
    completeness: "完整性",
    halfOpen: "半开",
    totals: (count, parts) => `共 ${count} 个连接${parts.length > 0 ? `:${parts.join(",")}` : ""}。`,
    verdictCount: (verdict, count) => `${count} 个${ZH_VERDICTS[verdict]}`,
    latency: (n, min, median, p95, max) => `${n} 次握手的延迟(iRTT):最小 ${min},中位数 ${median},p95 ${p95},最大 ${max}。`,
    noHandshake: "没有完整的握手,因此没有握手延迟。",
    leftOut: (columns) => `终端宽度不够,未显示这些列:${columns.join(", ")}(--columns all 显示所有列;--columns 列名,... 自选列)。`,
  },
};
