import type { TcpOptions } from "../../../src/decode/segment.js";
import type { TrackedSegment } from "../../../src/track/tracked-segment.js";
import { Conversation } from "../conversation.js";

/** The findings of a segment, as a sorted list (tshark's fields, without the prefix). */
export function findings(tracked: TrackedSegment): string[] {
  return [...tracked.analysis].sort();
}

/** Window scale shifts on the SYNs: the client's windows count ×2^client, the server's ×2^server. */
export function scaled(client: number, server: number): { client: TcpOptions; server: TcpOptions } {
  return { client: { windowScale: client }, server: { windowScale: server } };
}

/**
 * A handshake whose SYN, SYN-ACK and ACK are `rtt / 2` apart, so that Wireshark's iRTT is `rtt`
 * seconds; SYN options as given (none by default).
 */
export function handshake(rtt = 0.01, options: { client?: TcpOptions; server?: TcpOptions } = {}): Conversation {
  const conversation = new Conversation();
  conversation.send("client", "S", { options: options.client ?? {} });
  conversation.send("server", "SA", { after: rtt / 2, options: options.server ?? {} });
  conversation.send("client", "A", { after: rtt / 2 });
  return conversation;
}
