import type { ZeekEndpointState } from "./endpoint-state.js";

/** Zeek's conn.log conn_state values (scripts/base/protocols/conn/main.zeek). */
export type ZeekConnState =
  | "S0"
  | "S1"
  | "SF"
  | "REJ"
  | "S2"
  | "S3"
  | "RSTO"
  | "RSTR"
  | "RSTOS0"
  | "RSTRH"
  | "SH"
  | "SHR"
  | "OTH";

/** What conn_state reads of an endpoint: c$orig$state / c$resp$state and $size. */
export interface EndpointVerdictFacts {
  state: ZeekEndpointState;
  size: number;
}

/**
 * The originator sent a SYN, then a RST, with no SYN-ACK, ACK, FIN, gap, FIN+RST or SYN+FIN from
 * it in between. main.zeek matches the whole history against the pattern  \^?S[^HAFGIQ]*R.*
 * (Zeek's == on a pattern is a full match, hence the anchor here).
 */
const SYN_THEN_RST = /^\^?S[^HAFGIQ]*R/;

/** conn_state (main.zeek) for TCP, rule for rule; the first that matches wins. */
export function connState(orig: EndpointVerdictFacts, resp: EndpointVerdictFacts, history: string): ZeekConnState {
  const os = orig.state;
  const rs = resp.state;
  const origInactive = os === "INACTIVE" || os === "PARTIAL";
  const respInactive = rs === "INACTIVE" || rs === "PARTIAL";
  if (rs === "RESET") {
    const bothResetEmpty = os === "RESET" && orig.size === 0 && resp.size === 0;
    if (os === "SYN_SENT" || os === "SYN_ACK_SENT" || bothResetEmpty) return "REJ";
    return origInactive ? "RSTRH" : "RSTR";
  }
  if (os === "RESET") {
    if (!respInactive) return "RSTO";
    return SYN_THEN_RST.test(history) ? "RSTOS0" : "OTH";
  }
  if (rs === "CLOSED" && os === "CLOSED") return "SF";
  if (os === "CLOSED") return respInactive ? "SH" : "S2";
  if (rs === "CLOSED") return origInactive ? "SHR" : "S3";
  if (os === "SYN_SENT" && rs === "INACTIVE") return "S0";
  if (os === "ESTABLISHED" && rs === "ESTABLISHED") return "S1";
  return "OTH";
}
