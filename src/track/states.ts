/**
 * The connection states of RFC 9293 §3.3.2, spelled as netstat spells them (SYN_RCVD for
 * SYN-RECEIVED, FIN_WAIT_1 for FIN-WAIT-1 ...; docs/tracking-model.md).
 */
export const TCP_STATES = [
  "CLOSED",
  "LISTEN",
  "SYN_SENT",
  "SYN_RCVD",
  "ESTABLISHED",
  "FIN_WAIT_1",
  "FIN_WAIT_2",
  "CLOSE_WAIT",
  "CLOSING",
  "LAST_ACK",
  "TIME_WAIT",
] as const;

export type TcpState = (typeof TCP_STATES)[number];

export type Role = "client" | "server";

export function peerOf(role: Role): Role {
  return role === "client" ? "server" : "client";
}

/** States in which the endpoint has sent its FIN (RFC 9293 §3.3.2 figure 5, right half). */
export function hasSentFin(state: TcpState): boolean {
  return (
    state === "FIN_WAIT_1" ||
    state === "FIN_WAIT_2" ||
    state === "CLOSING" ||
    state === "LAST_ACK" ||
    state === "TIME_WAIT"
  );
}
