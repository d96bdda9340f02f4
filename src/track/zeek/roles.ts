import { TcpFlag } from "../../decode/segment.js";
import type { ZeekEndpoint } from "./endpoint.js";

/**
 * Zeek's likely_server_ports for TCP: the union of the ports the base protocol scripts that
 * init-default.zeek loads add to it (Zeek 7.0: DCE-RPC, DNP3, DNS, Finger, FTP, HTTP, IMAP, IRC,
 * Kerberos, LDAP, Modbus, MQTT, MySQL, RDP, SMB, SMTP, SOCKS, SSH, SSL/TLS, XMPP).
 */
const LIKELY_SERVER_TCP_PORTS: ReadonlySet<number> = new Set([
  21, 22, 25, 53, 79, 80, 81, 88, 135, 139, 143, 389, 443, 445, 502, 563, 585, 587, 614, 631, 636, 989, 990, 992, 993,
  995, 1080, 1434, 1883, 2811, 3128, 3268, 3306, 3389, 5222, 5223, 5269, 6666, 6667, 6668, 6669, 8000, 8080, 8888,
  20000,
]);

/** IPBasedAnalyzer::IsLikelyServerPort. */
export function isLikelyServerPort(port: number): boolean {
  return LIKELY_SERVER_TCP_PORTS.has(port);
}

/**
 * TCPAnalyzer::WantConnection: a connection whose first segment is not a pure SYN is a partial
 * one, and Zeek makes the endpoint on a likely server port the responder. When both ports are
 * likely, it flips only for a segment without SYN whose source port is the lower (a SYN-ACK could
 * be a stealth scan's answer, so it is left as it is).
 */
export function flipsAtStart(flags: number, srcPort: number, dstPort: number): boolean {
  const syn = (flags & TcpFlag.SYN) !== 0;
  if (syn && (flags & TcpFlag.ACK) === 0) return false;
  if (!isLikelyServerPort(srcPort)) return false;
  if (isLikelyServerPort(dstPort)) return !syn && srcPort < dstPort;
  return true;
}

/**
 * The later flip of zeek/zeek pull request 2191: a connection that began with a SYN-ACK (so its
 * sender became the originator, SYN_ACK_SENT) is flipped when its next segment, from either side,
 * is an ACK or data without SYN, FIN or RST; a stealth scan's SYN-ACK draws a RST or nothing.
 */
export function flipsOnSecondSegment(orig: ZeekEndpoint, resp: ZeekEndpoint, flags: number, len: number): boolean {
  if (orig.state !== "SYN_ACK_SENT" || resp.state !== "INACTIVE") return false;
  if (flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST)) return false;
  return (flags & TcpFlag.ACK) !== 0 || len > 0;
}
