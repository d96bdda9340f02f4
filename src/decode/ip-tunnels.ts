import type { Stop } from "./decoded.js";
import type { LayerName } from "./layer-name.js";
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_MPLS } from "./ethertype.js";
import { decodeGre } from "./gre.js";
import type { IpHeader } from "./ip-header.js";
import type { LinkPayload } from "./link-payload.js";
import type { SegmentProblem } from "./segment.js";
import { decodeUdp, type UdpTunnels } from "./udp.js";

interface IpTunnel {
  /** The tunnel's own header, if it has one (IP in IP has none: the inner IP header follows). */
  layer: LayerName | null;
  decode(
    bytes: Uint8Array,
    offset: number,
    ip: IpHeader,
    tunnels: UdpTunnels,
    problems: SegmentProblem[],
  ): LinkPayload | Stop;
}

/** A packet right after the IP header, up to the end of the datagram. */
const carrying = (etherType: number): IpTunnel => ({
  layer: null,
  decode: (_bytes, offset, ip) => ({ etherType, offset, end: ip.payloadEnd }),
});

/**
 * What this tool reads through after an IP header (IANA "Assigned Internet Protocol Numbers"):
 * IPv4 in IP (RFC 2003), IPv6 in IP (RFC 4213 §3.5, 6in4; RFC 2473 in IPv6), GRE, UDP for the
 * tunnels on its ports, MPLS in IP (RFC 4023).
 */
export const IP_TUNNELS: ReadonlyMap<number, IpTunnel> = new Map<number, IpTunnel>([
  [4, carrying(ETHERTYPE_IPV4)],
  [41, carrying(ETHERTYPE_IPV6)],
  [137, carrying(ETHERTYPE_MPLS)],
  [47, { layer: "gre", decode: (bytes, offset, ip) => decodeGre(bytes, offset, ip.payloadEnd) }],
  [17, { layer: "udp", decode: decodeUdp }],
]);
