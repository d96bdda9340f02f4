import type { Language } from "../../explain/catalog/index.js";
import type { Finding, KeepaliveTimeout, PortScan, SynFlood } from "./finding.js";

/** Keep-alive defaults a stack starts from (Linux tcp_keepalive_time, _intvl, _probes; BSD sends 10 probes). */
export const KEEPALIVE_DEFAULTS = { idleSeconds: 7200, intervalSeconds: 75, probesLinux: 9, probesBsd: 10 } as const;

/** What a finding means, in a paragraph: the evidence, then what it is and what defends against it. */
export function findingText(finding: Finding, language: Language): string {
  switch (finding.kind) {
    case "syn-flood":
      return language === "zh" ? synFloodZh(finding) : synFloodEn(finding);
    case "port-scan":
      return language === "zh" ? portScanZh(finding) : portScanEn(finding);
    case "keepalive-timeout":
      return language === "zh" ? keepaliveZh(finding) : keepaliveEn(finding);
  }
}

/** The finding's headline: its kind and where, for a line of its own. */
export function findingHeadline(finding: Finding): string {
  switch (finding.kind) {
    case "syn-flood":
      return `syn-flood toward ${finding.server}, frames ${finding.firstFrame}-${finding.lastFrame}`;
    case "port-scan":
      return `port-scan of ${finding.target} from ${finding.source}, frames ${finding.firstFrame}-${finding.lastFrame}`;
    case "keepalive-timeout":
      return `keepalive-timeout in stream ${finding.stream}, frames ${finding.firstFrame}-${finding.lastFrame}`;
  }
}

function seconds(value: number): string {
  return value >= 100 ? `${Math.round(value)} s` : `${Number(value.toPrecision(3))} s`;
}

function synFloodEn(f: SynFlood): string {
  const peak =
    f.peakTime === null
      ? ""
      : ` At the peak, ${seconds(f.peakTime - f.start)} after the first, ${f.peakSynRcvd} were pending in the server's SYN queue at once.`;
  return (
    `SYN flood toward ${f.server}: ${f.synRcvd + f.unanswered} handshakes from ${f.sources} source address${f.sources === 1 ? "" : "es"} were left half-open ` +
    `(${howEn(f)}), ` +
    `${f.busiestWindow.connections} of them begun within ${f.busiestWindow.seconds} s.${peak} ` +
    `A SYN flood fills the server's queue of half-open connections so that real clients cannot connect; ` +
    `SYN cookies (net.ipv4.tcp_syncookies) answer without keeping a queue entry, a larger backlog (tcp_max_syn_backlog) holds more, ` +
    `and fewer SYN+ACK retransmissions (tcp_synack_retries) free each entry sooner.`
  );
}

/** How the handshakes were left, naming only the ways seen. */
function howEn(f: SynFlood): string {
  const ways = [];
  if (f.synRcvd > 0) ways.push(`${f.synRcvd} left in SYN_RCVD, the server's SYN+ACK never acknowledged`);
  if (f.unanswered > 0) ways.push(`${f.unanswered} SYN${f.unanswered === 1 ? "" : "s"} never answered`);
  return ways.join("; ");
}

function howZh(f: SynFlood): string {
  const ways = [];
  if (f.synRcvd > 0) ways.push(`${f.synRcvd} 个停在 SYN_RCVD,服务器的 SYN+ACK 始终没有被确认`);
  if (f.unanswered > 0) ways.push(`${f.unanswered} 个 SYN 始终没有应答`);
  return ways.join(";");
}

function synFloodZh(f: SynFlood): string {
  const peak =
    f.peakTime === null
      ? ""
      : `峰值出现在第一个之后 ${seconds(f.peakTime - f.start)},半连接队列中同时有 ${f.peakSynRcvd} 个半连接。`;
  return (
    `SYN 泛洪(SYN flood),目标 ${f.server}:来自 ${f.sources} 个源地址的 ${f.synRcvd + f.unanswered} 次握手停在半连接状态` +
    `(${howZh(f)}),` +
    `其中 ${f.busiestWindow.connections} 个在 ${f.busiestWindow.seconds} s 内发起。${peak}` +
    `SYN 泛洪占满服务器的半连接队列,真正的客户端就连不上了;` +
    `SYN cookies(net.ipv4.tcp_syncookies)不占队列就能应答,加大 backlog(tcp_max_syn_backlog)能容纳更多半连接,` +
    `减少 SYN+ACK 的重传次数(tcp_synack_retries)能更早释放每个半连接。`
  );
}

function portScanEn(f: PortScan): string {
  const open =
    f.open.length === 0 ? "none answered" : `${f.open.length} answered with SYN+ACK (open): ${f.open.join(", ")}`;
  return (
    `Port scan of ${f.target} from ${f.source}: ${f.ports} ports tried in ${seconds(f.end - f.start)} without sending any data; ` +
    `${f.refused} refused with RST, ${open}.`
  );
}

function portScanZh(f: PortScan): string {
  const open =
    f.open.length === 0 ? "没有端口应答" : `${f.open.length} 个端口以 SYN+ACK 应答(开放):${f.open.join(", ")}`;
  return `端口扫描:${f.source} 在 ${seconds(f.end - f.start)} 内试探了 ${f.target} 的 ${f.ports} 个端口,没有发送任何数据;${f.refused} 个被 RST 拒绝,${open}。`;
}

function keepaliveEn(f: KeepaliveTimeout): string {
  const d = KEEPALIVE_DEFAULTS;
  const interval = f.intervalSeconds === null ? "" : `, ${seconds(f.intervalSeconds)} apart`;
  return (
    `Keep-alive timeout in stream ${f.stream}: after ${seconds(f.idleSeconds)} of silence ${f.prober} sent ${f.probes} keep-alive probe${f.probes === 1 ? "" : "s"}${interval}, ` +
    `none answered by ${f.peer}, and reset the connection ${seconds(f.resetAfterSeconds)} after the last: it declared the peer dead. ` +
    `The usual defaults are ${d.idleSeconds / 3600} h of idleness before the first probe, ${d.intervalSeconds} s between probes and ` +
    `${d.probesLinux} probes on Linux (tcp_keepalive_time, tcp_keepalive_intvl, tcp_keepalive_probes; ${d.probesBsd} in BSD).`
  );
}

function keepaliveZh(f: KeepaliveTimeout): string {
  const d = KEEPALIVE_DEFAULTS;
  const interval = f.intervalSeconds === null ? "" : `,每隔 ${seconds(f.intervalSeconds)} 一个`;
  return (
    `保活超时,流 ${f.stream}:空闲 ${seconds(f.idleSeconds)} 之后,${f.prober} 发送了 ${f.probes} 个保活探测报文段${interval},` +
    `${f.peer} 一个也没有应答;最后一个探测之后 ${seconds(f.resetAfterSeconds)},它用 RST 关闭了连接:它认为对端出现了故障。` +
    `保活计时器的常见默认值:空闲 ${d.idleSeconds / 3600} 小时后发送第一个探测报文段,以后每隔 ${d.intervalSeconds} 秒一个,` +
    `Linux 连续 ${d.probesLinux} 个没有反应就关闭连接(tcp_keepalive_time、tcp_keepalive_intvl、tcp_keepalive_probes;BSD 为 ${d.probesBsd} 个)。`
  );
}
