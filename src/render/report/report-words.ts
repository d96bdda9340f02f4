import type { Language } from "../../explain/catalog/index.js";
import type { CloseKind, HandshakeOutcome, Verdict } from "../../track/summary.js";

/** The HTML report's own words (roles, steps, directions and column names shared with the text timeline come from TEXT_WORDS). */
export interface ReportWords {
  title: string;
  captures: string;
  connections: string;
  noConnections: string;
  packets: string;
  bytes: string;
  duration: string;
  handshake: string;
  close: string;
  finalStates: string;
  verdict: string;
  window: string;
  raw: string;
  findings: string;
  statesAfter: string;
  /** Above each ladder: how to read it. */
  hint: string;
  outcomes: Record<HandshakeOutcome, string>;
  closeKinds: Record<CloseKind, string>;
  verdicts: Record<Verdict, string>;
  closedBy(role: string): string;
  initialRtt(rtt: string): string;
}

export const REPORT_WORDS: Record<Language, ReportWords> = {
  en: {
    title: "TCP connections",
    captures: "Captures",
    connections: "Connections",
    noConnections: "No TCP connection to show.",
    packets: "packets",
    bytes: "payload bytes",
    duration: "duration",
    handshake: "handshake",
    close: "close",
    finalStates: "final states (client / server)",
    verdict: "verdict",
    window: "window",
    raw: "raw",
    findings: "findings",
    statesAfter: "states after it",
    hint: "Hover over an arrow to read its explanation; click it to show everything about the segment here.",
    outcomes: { complete: "complete", simultaneous: "simultaneous open", refused: "refused", incomplete: "incomplete", "not-captured": "not captured" },
    closeKinds: {
      "four-way": "four-way",
      "three-way": "three-way",
      simultaneous: "simultaneous",
      reset: "reset",
      refused: "refused",
      "half-closed": "half-closed",
      open: "still open",
    },
    verdicts: { closed: "closed", reset: "reset", refused: "refused", "half-closed": "half-closed", "handshake-incomplete": "handshake incomplete", open: "open" },
    closedBy: (role) => `by the ${role}`,
    initialRtt: (rtt) => `iRTT ${rtt}`,
  },
  zh: {
    title: "TCP 连接",
    captures: "抓包文件",
    connections: "连接",
    noConnections: "没有可显示的 TCP 连接。",
    packets: "报文段",
    bytes: "载荷字节",
    duration: "持续时间",
    handshake: "握手",
    close: "关闭",
    finalStates: "最终状态(客户端 / 服务器)",
    verdict: "结论",
    window: "窗口",
    raw: "原始值",
    findings: "分析发现",
    statesAfter: "之后的状态",
    hint: "鼠标悬停在箭头上可看到解释;点击箭头,在这里显示该报文段的全部信息。",
    outcomes: { complete: "完成", simultaneous: "同时打开", refused: "被拒绝", incomplete: "未完成", "not-captured": "未抓到" },
    closeKinds: {
      "four-way": "四次挥手",
      "three-way": "三次挥手",
      simultaneous: "同时关闭",
      reset: "RST 中止",
      refused: "被拒绝",
      "half-closed": "半关闭",
      open: "尚未关闭",
    },
    verdicts: { closed: "已关闭", reset: "被重置", refused: "被拒绝", "half-closed": "半关闭", "handshake-incomplete": "握手未完成", open: "未关闭" },
    closedBy: (role) => `由${role}发起`,
    initialRtt: (rtt) => `iRTT ${rtt}`,
  },
};
