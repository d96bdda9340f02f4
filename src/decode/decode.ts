import type { Frame } from "../capture/frame.js";
import { CARRIERS } from "./carriers.js";
import { type Decoded, type LayerName, type Stop, isStop, skipped } from "./decoded.js";
import { describeEtherType } from "./ethertype.js";
import type { IpHeader } from "./ip-header.js";
import { IP_PROTOCOL_TCP, skipNonTcp } from "./ip-protocols.js";
import { IP_TUNNELS } from "./ip-tunnels.js";
import { IPV4_EXTENSIONS, IPV6_EXTENSIONS, MAX_EXTENSION_HEADERS } from "./ipv6-extensions.js";
import type { LinkPayload } from "./link-payload.js";
import { LINK_TYPES } from "./link-types.js";
import { NETWORK_LAYERS } from "./network.js";
import type { Segment, SegmentProblem } from "./segment.js";
import { decodeTcp } from "./tcp.js";
import { STANDARD_UDP_TUNNELS, type UdpTunnels } from "./udp.js";
import { MAX_VLAN_TAGS } from "./vlan.js";

/** Headers stacked deeper than this before TCP are not followed (a tunnel in a tunnel in a tunnel is already rare). */
const MAX_LAYERS = 32;

/**
 * Per-frame scratch, reused so that a clean frame allocates no lists: the layers decoded so far
 * (copied into a Damaged result, or a tunnelled Segment) and the problems noted (copied into the
 * Segment). decodeFrame never calls out while they are in use, so reuse is safe. The layers are
 * counted rather than truncated because setting an array's length costs a runtime call on every
 * frame.
 */
const layers: LayerName[] = [];
let layerCount = 0;
let vlanTags = 0;
let tunnelled = false;
const problems: SegmentProblem[] = [];

function addLayer(layer: LayerName): void {
  layers[layerCount++] = layer;
}

/**
 * Decodes one captured frame down to its TCP segment, through any tunnels, or says why not:
 * skipped (fine, but not a TCP segment this tool reads) or damaged (truncated by the snap length,
 * or malformed). Never throws. The segment's views (payload, fast open cookie) point into
 * `frame.data`. `tunnels` names the UDP ports that carry VXLAN and Geneve (udp.ts).
 */
export function decodeFrame(frame: Frame, tunnels: UdpTunnels = STANDARD_UDP_TUNNELS): Decoded {
  layerCount = 0;
  vlanTags = 0;
  tunnelled = false;
  if (problems.length > 0) problems.length = 0;
  const result = decodeLayers(frame, tunnels);
  if (!isStop(result)) {
    if (problems.length > 0) result.problems = problems.slice();
    if (tunnelled) result.encapsulation = layers.slice(0, layerCount);
    return { kind: "tcp", segment: result };
  }
  return result.kind === "skipped" ? result : { ...result, layers: layers.slice(0, layerCount) };
}

/** The link header, then each header the one before names, until TCP or something this tool does not read. */
function decodeLayers(frame: Frame, tunnels: UdpTunnels): Segment | Stop {
  const bytes = frame.data;
  const linkLayer = LINK_TYPES.get(frame.linkType);
  if (linkLayer === undefined) return skipped("unsupported-link-type", `link type ${frame.linkType} is not one this tool decodes`);
  // The frame's length on the wire; a record claiming less than it holds is taken at its bytes.
  const link = linkLayer.decode(bytes, Math.max(frame.origLen, bytes.length));
  if (isStop(link)) return link;
  addLayer(linkLayer.layer);
  let payload: LinkPayload = link;
  for (;;) {
    if (layerCount >= MAX_LAYERS) return skipped("nesting-limit", `more than ${MAX_LAYERS} headers before TCP: another starts at byte ${payload.offset}`);
    const network = NETWORK_LAYERS.get(payload.etherType);
    const next: Segment | LinkPayload | Stop =
      network === undefined ? decodeCarrier(bytes, payload) : decodeIp(frame, network.decode(bytes, payload.offset, payload.end, problems), network.layer, tunnels);
    if (isStop(next) || !("etherType" in next)) return next;
    payload = next;
  }
}

/** A header between the link and IP, or inside a tunnel: VLAN tags (IEEE 802.1Q, stacked for QinQ), MPLS, PPPoE, ... */
function decodeCarrier(bytes: Uint8Array, payload: LinkPayload): LinkPayload | Stop {
  const carrier = CARRIERS.get(payload.etherType);
  if (carrier === undefined) return skipped("not-ip", `ethertype ${describeEtherType(payload.etherType)} at byte ${payload.offset}`);
  if (carrier.layer === "vlan" && vlanTags++ === MAX_VLAN_TAGS) {
    return skipped("nesting-limit", `more than ${MAX_VLAN_TAGS} VLAN tags: another starts at byte ${payload.offset - 2}`);
  }
  const inner = carrier.decode(bytes, payload.offset, payload.end, problems);
  if (isStop(inner)) return inner;
  addLayer(carrier.layer);
  if (carrier.tunnel) tunnelled = true;
  return inner;
}

/** An IP header, then its extension headers (RFC 8200 §4; AH in IPv4 too) to TCP or to the tunnel it carries. */
function decodeIp(frame: Frame, ip: IpHeader | Stop, layer: LayerName, tunnels: UdpTunnels): Segment | LinkPayload | Stop {
  if (isStop(ip)) return ip;
  addLayer(layer);
  const bytes = frame.data;
  const extensions = ip.version === 4 ? IPV4_EXTENSIONS : IPV6_EXTENSIONS;
  let protocol = ip.protocol;
  let offset = ip.payloadOffset;
  for (let depth = 0; protocol !== IP_PROTOCOL_TCP; depth++) {
    const extension = extensions.get(protocol);
    if (extension === undefined) return decodeTunnel(bytes, protocol, offset, ip, tunnels);
    if (depth === MAX_EXTENSION_HEADERS) return skipped("nesting-limit", `more than ${MAX_EXTENSION_HEADERS} extension headers: another starts at byte ${offset}`);
    const header = extension.decode(bytes, offset, ip.payloadEnd);
    if (isStop(header)) return header;
    addLayer(extension.layer);
    protocol = header.next;
    offset = header.offset;
  }
  return decodeTcp(frame, ip, offset, problems);
}

/** What an IP header carries other than TCP: a tunnel (ip-tunnels.ts), or a skip that names it. */
function decodeTunnel(bytes: Uint8Array, protocol: number, offset: number, ip: IpHeader, tunnels: UdpTunnels): LinkPayload | Stop {
  const tunnel = IP_TUNNELS.get(protocol);
  if (tunnel === undefined) return skipNonTcp(protocol, offset);
  const inner = tunnel.decode(bytes, offset, ip, tunnels, problems);
  if (isStop(inner)) return inner;
  if (tunnel.layer !== null) addLayer(tunnel.layer);
  tunnelled = true;
  return inner;
}
