import { TcpFlag } from "./segment.js";

/** Flag names in header order, as Wireshark's tcp.flags.str and the NDJSON output spell them. */
const FLAG_NAMES: ReadonlyArray<readonly [number, string]> = [
  [TcpFlag.AE, "AE"],
  [TcpFlag.CWR, "CWR"],
  [TcpFlag.ECE, "ECE"],
  [TcpFlag.URG, "URG"],
  [TcpFlag.ACK, "ACK"],
  [TcpFlag.PSH, "PSH"],
  [TcpFlag.RST, "RST"],
  [TcpFlag.SYN, "SYN"],
  [TcpFlag.FIN, "FIN"],
];

/** tcpdump's letters (print-tcp.c tcp_flag_values), in its order; ACK is "." and comes after P. */
const TCPDUMP_LETTERS: ReadonlyArray<readonly [number, string]> = [
  [TcpFlag.FIN, "F"],
  [TcpFlag.SYN, "S"],
  [TcpFlag.RST, "R"],
  [TcpFlag.PSH, "P"],
  [TcpFlag.ACK, "."],
  [TcpFlag.URG, "U"],
  [TcpFlag.ECE, "E"],
  [TcpFlag.CWR, "W"],
  [TcpFlag.AE, "e"],
];

export function flagNames(flags: number): string[] {
  return FLAG_NAMES.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
}

/** "S.", "P.", "F." ... as tcpdump prints inside brackets; "none" without flags. */
export function tcpdumpFlags(flags: number): string {
  let letters = "";
  for (const [bit, letter] of TCPDUMP_LETTERS) if (flags & bit) letters += letter;
  return letters === "" ? "none" : letters;
}
