import { readU16 } from "./bytes.js";
import { type Stop, malformed, skipped } from "./decoded.js";
import { NEXT_GENEVE, NEXT_VXLAN } from "./ethertype.js";
import type { IpHeader } from "./ip-header.js";
import type { LinkPayload } from "./link-payload.js";
import { boundByEnclosing, checkRoom } from "./room.js";
import type { SegmentProblem } from "./segment.js";

/** RFC 768: source port 2, destination port 2, length 2, checksum 2. */
const UDP_HEADER_LENGTH = 8;
/** The IANA ports, and the only ones Wireshark 4.0 registers: RFC 7348 §5 (VXLAN), RFC 8926 §3.3 (Geneve). */
export const VXLAN_PORT = 4789;
export const GENEVE_PORT = 6081;

/** UDP ports that carry a tunnel, beyond the standard ones (Linux's VXLAN default 8472, say). */
export interface TunnelPorts {
  vxlan?: readonly number[];
  geneve?: readonly number[];
}

/** The tunnel each UDP port carries, as the key of the header that follows (ethertype.ts). */
export type UdpTunnels = ReadonlyMap<number, number>;

export function udpTunnels(ports: TunnelPorts = {}): UdpTunnels {
  const tunnels = new Map<number, number>([
    [VXLAN_PORT, NEXT_VXLAN],
    [GENEVE_PORT, NEXT_GENEVE],
  ]);
  for (const port of ports.vxlan ?? []) tunnels.set(port, NEXT_VXLAN);
  for (const port of ports.geneve ?? []) tunnels.set(port, NEXT_GENEVE);
  return tunnels;
}

export const STANDARD_UDP_TUNNELS: UdpTunnels = udpTunnels();

/**
 * A UDP datagram is read through only when one of its ports carries a tunnel; the lower port is
 * asked first, as Wireshark's packet-udp.c does (decode_udp_ports), so that both directions agree.
 * Its length bounds the tunnel (RFC 768); 0 over IPv6 is a jumbogram's (RFC 2675 §4), whose end
 * the IP header gives.
 */
export function decodeUdp(
  bytes: Uint8Array,
  offset: number,
  ip: IpHeader,
  tunnels: UdpTunnels,
  problems: SegmentProblem[],
): LinkPayload | Stop {
  const end = ip.payloadEnd;
  const damage = checkRoom(bytes, offset, UDP_HEADER_LENGTH, end, "udp", "UDP header");
  if (damage !== undefined) return damage;
  const source = readU16(bytes, offset);
  const destination = readU16(bytes, offset + 2);
  const next = tunnels.get(Math.min(source, destination)) ?? tunnels.get(Math.max(source, destination));
  if (next === undefined)
    return skipped("not-tcp", `UDP from port ${source} to port ${destination} at byte ${offset}, not a tunnel port`);
  const length = readU16(bytes, offset + 4);
  const payload = offset + UDP_HEADER_LENGTH;
  if (length === 0 && ip.version === 6) return { etherType: next, offset: payload, end };
  if (length < UDP_HEADER_LENGTH)
    return malformed(
      "udp",
      offset,
      `UDP length ${length} at byte ${offset + 4} is below the ${UDP_HEADER_LENGTH}-byte header`,
    );
  return {
    etherType: next,
    offset: payload,
    end: boundByEnclosing(offset + length, end, offset + 4, `UDP length ${length}`, problems),
  };
}
