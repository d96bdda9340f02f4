/**
 * Zeek's own coarse endpoint states (TCP_Endpoint.h, EndpointState), which its conn_state reads.
 * They are not RFC 9293's: SYN_ACK_SENT is an originator whose first packet was a SYN-ACK, PARTIAL
 * an endpoint seen sending without a SYN, CLOSED one that sent a FIN, RESET one that sent a RST.
 */
export type ZeekEndpointState =
  | "INACTIVE"
  | "SYN_SENT"
  | "SYN_ACK_SENT"
  | "PARTIAL"
  | "ESTABLISHED"
  | "CLOSED"
  | "RESET";
