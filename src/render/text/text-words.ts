import type { AnnotationTotals } from "../../annotate/events.js";
import type { Language } from "../../explain/catalog/index.js";
import type { Step } from "../../explain/step.js";

export interface CaptureTotals {
  frames: number;
  segments: number;
  connections: number;
  skipped: number;
  /** "3 not-tcp, 1 truncated-tcp": the skipped frames by reason (docs/output.md), most first; empty when none. */
  skippedWhy: string;
  /** "10 ethernet/ipv4/udp/vxlan/ethernet/ipv4": the segments that came through tunnels, by encapsulation; empty when none. */
  tunnels: string;
}

/** The closing line's counts: every skipped frame counted once, and by reason; the tunnels segments came through. */
export function captureTotals(totals: AnnotationTotals): CaptureTotals {
  const skipped = Object.values(totals.skipped).reduce((sum, count) => sum + count, 0);
  return {
    frames: totals.frames,
    segments: totals.segments,
    connections: totals.connections,
    skipped,
    skippedWhy: countsText(totals.skipped),
    tunnels: countsText(totals.tunnels ?? {}),
  };
}

/** "3 not-tcp, 1 esp": most first, then by name, so that the line reads the same every run. */
function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
    .map(([name, count]) => `${count} ${name}`)
    .join(", ");
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** The timeline's own labels (column heads, directions), per language. */
export interface TextWords {
  linkType: string;
  stream: string;
  client: string;
  server: string;
  frame: string;
  time: string;
  flags: string;
  length: string;
  step: string;
  handshake: string;
  teardown: string;
  clientToServer: string;
  serverToClient: string;
  /** The timeline's short direction cells and their column head. */
  towardServer: string;
  towardClient: string;
  dir: string;
  totals: (totals: CaptureTotals) => string;
  /** What the ? after a state means. */
  unconfirmedLegend: string;
  /** Leads each capture-level finding's paragraph (docs/findings.md). */
  finding: string;
  /** The half-open queue's peak: the most connections in SYN_RCVD at once, and when (seconds since the epoch). */
  halfOpenPeak(peak: number, time: number | null): string;
}

export const TEXT_WORDS: Record<Language, TextWords> = {
  en: {
    linkType: "link type",
    stream: "stream",
    client: "client",
    server: "server",
    frame: "frame",
    time: "time",
    flags: "flags",
    length: "len",
    step: "step",
    handshake: "handshake",
    teardown: "teardown",
    clientToServer: "client→server",
    serverToClient: "server→client",
    unconfirmedLegend: "STATE? : not confirmed by that endpoint's own segments (inferred, or unknown)",
    finding: "Finding",
    halfOpenPeak: (peak, time) => `Half-open queue: at most ${peak} connection${peak === 1 ? "" : "s"} in SYN_RCVD at once${time === null ? "" : ` (at ${epochText(time)})`}.`,
    towardServer: "c→s",
    towardClient: "s→c",
    dir: "dir",
    totals: (t) =>
      `${plural(t.frames, "frame")}: ${plural(t.segments, "TCP segment")} in ${plural(t.connections, "connection")}, ${plural(t.skipped, "other frame")} skipped` +
      `${t.skippedWhy === "" ? "" : ` (${t.skippedWhy})`}.${t.tunnels === "" ? "" : `\nSegments through tunnels: ${t.tunnels}.`}`,
  },
  zh: {
    linkType: "链路类型",
    stream: "流",
    client: "客户端",
    server: "服务器",
    frame: "帧",
    time: "时间",
    flags: "标志",
    length: "长度",
    step: "步骤",
    handshake: "握手",
    teardown: "挥手",
    clientToServer: "客户端→服务器",
    serverToClient: "服务器→客户端",
    unconfirmedLegend: "状态? :未得到该端自己发出的报文段的证实(推断的,或未知)",
    finding: "发现",
    halfOpenPeak: (peak, time) => `半连接队列:同时处于 SYN_RCVD 的连接最多 ${peak} 个${time === null ? "" : `(${epochText(time)})`}。`,
    towardServer: "客→服",
    towardClient: "服→客",
    dir: "方向",
    totals: (t) =>
      `共 ${t.frames} 帧:${t.connections} 个连接,${t.segments} 个 TCP 报文段;跳过了 ${t.skipped} 个其他帧${t.skippedWhy === "" ? "" : `(${t.skippedWhy})`}。` +
      `${t.tunnels === "" ? "" : `\n经隧道的报文段:${t.tunnels}。`}`,
  },
};

/** "handshake 1/3", "挥手 4/4". */
export function stepLabel(step: Step, words: TextWords): string {
  return `${words[step.phase]} ${step.n}/${step.of}`;
}

/** A capture time as UTC date and time to the microsecond. */
function epochText(seconds: number): string {
  const whole = Math.floor(seconds);
  const micros = String(Math.round((seconds - whole) * 1e6)).padStart(6, "0");
  return `${new Date(whole * 1000).toISOString().slice(0, 19).replace("T", " ")}.${micros} UTC`;
}
